/**
 * Population Stability Index, the drift statistic of the model service.
 *
 * The reference is saved with every model: per feature, the edges of up to 10 quantile bins of
 * the training features and the share of training rows in each bin. Live feature vectors are
 * binned with the same edges; PSI = Σ (live − ref) · ln(live / ref), with both shares floored at
 * 1e-4 so an empty bin stays finite. Rules of thumb: < 0.1 stable, 0.1–0.25 moderate, > 0.25 shift.
 */
export interface FeatureReference {
  /** Upper edges of all but the last bin (a value v goes to the first bin with v ≤ edge). */
  edges: number[]
  /** Share of training rows per bin (edges.length + 1 values, summing to 1). */
  shares: number[]
}

const FLOOR = 1e-4

function binOf(edges: readonly number[], value: number): number {
  let lo = 0
  let hi = edges.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (value <= edges[mid]!) hi = mid
    else lo = mid + 1
  }
  return lo
}

/**
 * Builds the reference of every feature from a row-major matrix.
 *
 * @example
 * const reference = buildReference(values, nRows, nFeatures) // saved in metadata.json
 */
export function buildReference(
  values: Float32Array,
  nRows: number,
  nFeatures: number,
  bins = 10,
): FeatureReference[] {
  const out: FeatureReference[] = []
  const column = new Float64Array(nRows)
  for (let f = 0; f < nFeatures; f++) {
    for (let r = 0; r < nRows; r++) column[r] = values[r * nFeatures + f]!
    const sorted = Float64Array.from(column).sort()
    const edges: number[] = []
    for (let b = 1; b < bins; b++) {
      const edge = sorted[Math.min(nRows - 1, Math.floor((b * nRows) / bins))]!
      if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge)
    }
    if (edges.length > 0 && edges[edges.length - 1]! >= sorted[nRows - 1]!) edges.pop()
    const counts = new Array(edges.length + 1).fill(0)
    for (let r = 0; r < nRows; r++) counts[binOf(edges, column[r]!)]++
    out.push({ edges, shares: counts.map((c) => c / Math.max(1, nRows)) })
  }
  return out
}

/** PSI of one feature's live values against its reference. */
export function psi(reference: FeatureReference, live: ArrayLike<number>): number {
  if (live.length === 0) return 0
  const counts = new Array(reference.shares.length).fill(0)
  for (let i = 0; i < live.length; i++) counts[binOf(reference.edges, live[i]!)]++
  let total = 0
  for (let b = 0; b < counts.length; b++) {
    const observed = Math.max(FLOOR, counts[b] / live.length)
    const expected = Math.max(FLOOR, reference.shares[b]!)
    total += (observed - expected) * Math.log(observed / expected)
  }
  return total
}
