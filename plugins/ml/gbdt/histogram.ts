import type { RowStore } from './row-store.ts'

/**
 * Gradient histograms: for feature f and bin b, slot `2 × (f × binStride + b)` holds Σg and the next
 * slot Σh. Float64 so that sums over hundreds of thousands of gradients stay exact enough for the
 * histogram-subtraction trick (parent − smaller child = larger child).
 *
 * This is the hot loop of training: records `start..end` of the store are contiguous, so the scan
 * is sequential; it is unrolled by four features because the JIT does not unroll for us. With
 * `features` given (column subsampling) only those features are filled; the others are left stale
 * and must not be read.
 *
 * @example
 * buildHistogram(hist, store, start, end, 256, null)
 */
export function buildHistogram(
  hist: Float64Array,
  store: RowStore,
  start: number,
  end: number,
  binStride: number,
  features: Int32Array | null,
): void {
  hist.fill(0)
  if (features !== null) {
    buildSelected(hist, store, start, end, binStride, features)
    return
  }
  const { bins, gradHess } = store
  const { nFeatures, binsPerRecord, recordWords, binWords } = store.layout
  const stride2 = binStride * 2
  const unrolled = nFeatures - (nFeatures % 4)
  for (let i = start; i < end; i++) {
    const g = gradHess[i * recordWords + binWords]!
    const h = gradHess[i * recordWords + binWords + 1]!
    let at = i * binsPerRecord
    let slot = 0
    for (let f = 0; f < unrolled; f += 4, at += 4, slot += 4 * stride2) {
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
    for (let f = unrolled; f < nFeatures; f++, at++, slot += stride2) {
      const s = slot + 2 * bins[at]!
      hist[s]! += g
      hist[s + 1]! += h
    }
  }
}

function buildSelected(
  hist: Float64Array,
  store: RowStore,
  start: number,
  end: number,
  binStride: number,
  features: Int32Array,
): void {
  const { bins, gradHess } = store
  const { binsPerRecord, recordWords, binWords } = store.layout
  const nSelected = features.length
  for (let i = start; i < end; i++) {
    const g = gradHess[i * recordWords + binWords]!
    const h = gradHess[i * recordWords + binWords + 1]!
    const at = i * binsPerRecord
    for (let k = 0; k < nSelected; k++) {
      const f = features[k]!
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

/** A free list of histogram buffers (see `createHistogramPool`). */
export interface HistogramPool {
  acquire(): Float64Array
  release(hist: Float64Array): void
}

/**
 * Reuses histogram buffers: a depth-first build keeps at most depth + 1 alive, and reuse across
 * nodes and trees keeps the allocator and GC out of the training loop.
 *
 * @example
 * const pool = createHistogramPool(60 * 256 * 2)
 * const hist = pool.acquire(); pool.release(hist)
 */
export function createHistogramPool(length: number): HistogramPool {
  const free: Float64Array[] = []
  return {
    acquire: () => free.pop() ?? new Float64Array(length),
    release: (hist) => {
      free.push(hist)
    },
  }
}
