import type { RowStore } from './row-store.ts'

/**
 * A node's records: `nSegments` runs, run k = records `[segments[base + 2k], segments[base + 2k + 1])`
 * of the node's store (see shared-training.ts).
 */
export interface NodeSegments {
  segments: Int32Array
  base: number
  nSegments: number
}

/**
 * Gradient histograms: for feature f and bin b, slot `2 × (f × binStride + b)` holds Σg and the next
 * slot Σh. Float64 so that sums over hundreds of thousands of gradients stay exact enough for the
 * histogram-subtraction trick (parent − smaller child = larger child).
 *
 * This is the hot loop of training. It fills the features `columns[from..to)` (all features when
 * `columns` is null: features `from..to`) and only those, so threads can share one histogram by
 * feature ranges. Why by features and not by rows: every cell is then summed by one thread over the
 * node's records in segment order, so the sums — and the model's bytes — do not depend on how many
 * threads share the work. The scan is sequential (records are contiguous per segment) and unrolled
 * by four features because the JIT does not unroll for us.
 *
 * @example
 * buildHistogram(hist, store, { segments, base: 0, nSegments: 31 }, 256, null, 0, 60)
 */
export function buildHistogram(
  hist: Float64Array,
  store: RowStore,
  node: NodeSegments,
  binStride: number,
  columns: Int32Array | null,
  from: number,
  to: number,
): void {
  if (columns !== null) {
    for (let k = from; k < to; k++) {
      const slot = 2 * columns[k]! * binStride
      hist.fill(0, slot, slot + 2 * binStride)
    }
  } else hist.fill(0, 2 * from * binStride, 2 * to * binStride)
  const { segments, base, nSegments } = node
  for (let k = 0; k < nSegments; k++) {
    const start = segments[base + 2 * k]!
    const end = segments[base + 2 * k + 1]!
    if (start >= end) continue
    if (columns !== null) addSelected(hist, store, start, end, binStride, columns, from, to)
    else addRange(hist, store, start, end, binStride, from, to)
  }
}

function addRange(
  hist: Float64Array,
  store: RowStore,
  start: number,
  end: number,
  binStride: number,
  from: number,
  to: number,
): void {
  const { bins, gradHess } = store
  const { binsPerRecord, recordWords, binWords } = store.layout
  const stride2 = binStride * 2
  const width = to - from
  const unrolled = from + width - (width % 4)
  const firstSlot = from * stride2
  for (let i = start; i < end; i++) {
    const g = gradHess[i * recordWords + binWords]!
    const h = gradHess[i * recordWords + binWords + 1]!
    let at = i * binsPerRecord + from
    let slot = firstSlot
    for (let f = from; f < unrolled; f += 4, at += 4, slot += 4 * stride2) {
      const s0 = slot + 2 * bins[at]!
      const s1 = slot + stride2 + 2 * bins[at + 1]!
      const s2 = slot + 2 * stride2 + 2 * bins[at + 2]!
      const s3 = slot + 3 * stride2 + 2 * bins[at + 3]!
      hist[s0]! += g
      hist[s0 + 1]! += h
      hist[s1]! += g
      hist[s1 + 1]! += h
      hist[s2]! += g
      hist[s2 + 1]! += h
      hist[s3]! += g
      hist[s3 + 1]! += h
    }
    for (let f = unrolled; f < to; f++, at++, slot += stride2) {
      const s = slot + 2 * bins[at]!
      hist[s]! += g
      hist[s + 1]! += h
    }
  }
}

function addSelected(
  hist: Float64Array,
  store: RowStore,
  start: number,
  end: number,
  binStride: number,
  columns: Int32Array,
  from: number,
  to: number,
): void {
  const { bins, gradHess } = store
  const { binsPerRecord, recordWords, binWords } = store.layout
  for (let i = start; i < end; i++) {
    const g = gradHess[i * recordWords + binWords]!
    const h = gradHess[i * recordWords + binWords + 1]!
    const at = i * binsPerRecord
    for (let k = from; k < to; k++) {
      const f = columns[k]!
      const s = 2 * (f * binStride + bins[at + f]!)
      hist[s]! += g
      hist[s + 1]! += h
    }
  }
}

/**
 * `parent -= child`, turning the parent's histogram into the sibling's without touching its rows.
 *
 * @example
 * subtractHistogram(parentHist, smallerChildHist) // parentHist now describes the larger child
 */
export function subtractHistogram(parent: Float64Array, child: Float64Array): void {
  for (let i = 0; i < parent.length; i++) parent[i]! -= child[i]!
}
