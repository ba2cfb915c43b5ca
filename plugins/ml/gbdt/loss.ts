/** XGBoost's floor on the hessian, so a saturated row never yields a zero denominator. */
const minimumHessian = 1e-16

/**
 * One pass over the rows: writes (g, h) for logistic loss with soft labels and weights,
 *
 *   p = σ(margin),  g = (p − y)·w,  h = max(p(1 − p), 1e-16)·w
 *
 * as float32 (like XGBoost) at `gradHess[r × stride + offset]` and the slot after it (the row
 * records' layout), and returns the weighted mean log-loss of the same margins (one shared `exp`).
 *
 * @example
 * const trainLoss = logisticGradients(margin, label, weight, totalWeight, gradHess, 2, 0)
 */
export function logisticGradients(
  margin: Float64Array,
  label: Float64Array,
  weight: Float64Array,
  totalWeight: number,
  gradHess: Float32Array,
  stride: number,
  offset: number,
): number {
  let loss = 0
  for (let r = 0, at = offset; r < margin.length; r++, at += stride) {
    const m = margin[r]!
    const y = label[r]!
    const w = weight[r]!
    const e = Math.exp(-Math.abs(m))
    const p = m >= 0 ? 1 / (1 + e) : e / (1 + e)
    gradHess[at] = (p - y) * w
    gradHess[at + 1] = Math.max(p * (1 - p), minimumHessian) * w
    loss += w * (Math.max(m, 0) - y * m + Math.log1p(e))
  }
  return loss / totalWeight
}

/**
 * Weighted mean log-loss computed from margins, stable for any margin:
 * −[y log σ(m) + (1 − y) log(1 − σ(m))] = max(m, 0) − y·m + log(1 + e^(−|m|)).
 *
 * @example
 * marginLogLoss(new Float64Array([0]), new Float64Array([1]), new Float64Array([1]), 1) // ln 2
 */
export function marginLogLoss(
  margin: Float64Array,
  label: Float64Array,
  weight: Float64Array,
  totalWeight: number,
): number {
  let loss = 0
  for (let r = 0; r < margin.length; r++) {
    const m = margin[r]!
    loss += weight[r]! * (Math.max(m, 0) - label[r]! * m + Math.log1p(Math.exp(-Math.abs(m))))
  }
  return loss / totalWeight
}

/**
 * σ(m) = 1 / (1 + e^(−m)), written to avoid overflow for large |m|.
 *
 * @example
 * sigmoid(0) // 0.5
 */
export function sigmoid(m: number): number {
  if (m >= 0) return 1 / (1 + Math.exp(-m))
  const e = Math.exp(m)
  return e / (1 + e)
}

/**
 * log(p / (1 − p)), the margin whose sigmoid is `p`.
 *
 * @example
 * logit(0.5) // 0
 */
export function logit(p: number): number {
  return Math.log(p / (1 - p))
}
