import type { RowStore } from './row-store.ts'
import type { HistogramKernel } from './wasm-histogram.ts'

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
 * Where Σg of feature f, bin b sits in a histogram of `binStride` bins per feature; its Σh is the
 * next slot. Each feature owns one block of `2 × binStride` slots of (Σg, Σh) pairs, so a
 * thread's feature range is one contiguous slice. Why pairs: an update then touches one cache line
 * instead of two (the former layout, a run of Σg then a run of Σh, measured ~25 % slower on the
 * 500k-row root histogram: 37.3 vs 27.6 ms, min of 25).
 *
 * @example
 * const [g, h] = [hist[gradSlot(f, b, 256)], hist[gradSlot(f, b, 256) + 1]]
 */
export function gradSlot(feature: number, bin: number, binStride: number): number {
  return 2 * (feature * binStride + bin)
}

/**
 * Gradient histograms (layout: `gradSlot`). Float64 so that sums over hundreds of thousands of
 * gradients stay exact enough for the histogram-subtraction trick (parent − smaller child = larger
 * child).
 *
 * This is the hot loop of training. It fills the features `columns[from..to)` (all features when
 * `columns` is null: features `from..to`) and only those, so threads can share one histogram by
 * feature ranges. Why by features and not by rows: every cell is then summed by one thread over the
 * node's records in segment order, so the sums — and the model's bytes — do not depend on how many
 * threads share the work. The scan is sequential (records are contiguous per segment); with 1-byte
 * bins it reads four bin codes per 32-bit load (the JIT neither unrolls nor merges loads for us).
 * With `kernel` (the store and `hist` in the kernel's wasm memory) that case runs the same loop in
 * WebAssembly SIMD, with the same sums (wasm-histogram.ts).
 *
 * Only feature f's bins `0..lastBin[f]` (its cut count: the codes the quantiser can write) are
 * cleared and summed; the rest of its block is never read (the split scan and the totals stop at
 * the last bin). Why: on small data most features have a few cuts, and clearing every feature's
 * whole block of `binStride` bins at every node was most of a small training's time (a
 * 300-row dataset uses ≈ 5 % of its 215 × 256 bins).
 *
 * @example
 * buildHistogram(hist, store, { segments, base: 0, nSegments: 31 }, 256, cutCounts, null, 0, 60)
 */
export function buildHistogram(
  hist: Float64Array,
  store: RowStore,
  node: NodeSegments,
  binStride: number,
  lastBin: Int32Array,
  columns: Int32Array | null,
  from: number,
  to: number,
  kernel: HistogramKernel | null = null,
): void {
  for (let k = from; k < to; k++) {
    const f = columns === null ? k : columns[k]!
    const slot = 2 * f * binStride
    hist.fill(0, slot, slot + 2 * (lastBin[f]! + 1))
  }
  const { segments, base, nSegments } = node
  const byWords = columns === null && store.layout.bytesPerBin === 1
  for (let k = 0; k < nSegments; k++) {
    const start = segments[base + 2 * k]!
    const end = segments[base + 2 * k + 1]!
    if (start >= end) continue
    if (columns !== null) addSelected(hist, store, start, end, binStride, columns, from, to)
    else if (!byWords) addRange(hist, store, start, end, binStride, from, to)
    else if (kernel !== null) addWordsInWasm(kernel, hist, store, start, end, from, to)
    else addWords(hist, store, start, end, binStride, from, to)
  }
}

/**
 * Features `from..to` of 1-byte bins: whole words four codes per 32-bit load, the features before
 * the first whole word and after the last one byte by byte, all in the same pass over the records.
 */
function addWords(
  hist: Float64Array,
  store: RowStore,
  start: number,
  end: number,
  binStride: number,
  from: number,
  to: number,
): void {
  const { words, gradHess, bins } = store
  const { recordWords, binWords, binsPerRecord } = store.layout
  const wordFrom = Math.ceil(from / 4)
  const wordTo = Math.max(wordFrom, Math.floor(to / 4))
  const headEnd = Math.min(to, 4 * wordFrom)
  const tailStart = Math.max(headEnd, 4 * wordTo)
  const s1 = 2 * binStride
  const s2 = 4 * binStride
  const s3 = 6 * binStride
  const step = 8 * binStride
  const firstSlot = wordFrom * step
  for (let i = start; i < end; i++) {
    const base = i * recordWords
    const g = gradHess[base + binWords]!
    const h = gradHess[base + binWords + 1]!
    for (let f = from, slot = from * s1; f < headEnd; f++, slot += s1) {
      const a = slot + 2 * bins[i * binsPerRecord + f]!
      hist[a]! += g
      hist[a + 1]! += h
    }
    for (let f = tailStart, slot = tailStart * s1; f < to; f++, slot += s1) {
      const a = slot + 2 * bins[i * binsPerRecord + f]!
      hist[a]! += g
      hist[a + 1]! += h
    }
    for (let w = base + wordFrom, last = base + wordTo, slot = firstSlot; w < last; w++, slot += step) {
      const x = words[w]!
      const a = slot + ((x & 255) << 1)
      const b = slot + s1 + (((x >>> 8) & 255) << 1)
      const c = slot + s2 + (((x >>> 16) & 255) << 1)
      const d = slot + s3 + ((x >>> 24) << 1)
      hist[a]! += g
      hist[a + 1]! += h
      hist[b]! += g
      hist[b + 1]! += h
      hist[c]! += g
      hist[c + 1]! += h
      hist[d]! += g
      hist[d + 1]! += h
    }
  }
}

/** `addWords` by the wasm kernel: same ranges, byte addresses in the kernel's memory. */
function addWordsInWasm(
  kernel: HistogramKernel,
  hist: Float64Array,
  store: RowStore,
  start: number,
  end: number,
  from: number,
  to: number,
): void {
  const { recordWords, binWords } = store.layout
  const recordBytes = recordWords * 4
  const wordFrom = Math.ceil(from / 4)
  const wordTo = Math.max(wordFrom, Math.floor(to / 4))
  const headEnd = Math.min(to, 4 * wordFrom)
  const tailStart = Math.max(headEnd, 4 * wordTo)
  const base = store.words.byteOffset
  kernel(
    base + start * recordBytes,
    base + end * recordBytes,
    recordBytes,
    from,
    headEnd,
    tailStart,
    to,
    wordFrom,
    wordTo,
    hist.byteOffset,
    binWords * 4,
  )
}

/** Features `from..to`, one bin code at a time (2-byte bins). */
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
  const step = binStride * 2
  const firstSlot = from * step
  for (let i = start; i < end; i++) {
    const g = gradHess[i * recordWords + binWords]!
    const h = gradHess[i * recordWords + binWords + 1]!
    for (
      let at = i * binsPerRecord + from, last = at + to - from, slot = firstSlot;
      at < last;
      at++, slot += step
    ) {
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
