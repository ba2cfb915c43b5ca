/** XGBoost's floor on the hessian, so a saturated row never yields a zero denominator. */
const minimumHessian = 1e-16

/**
 * One pass over rows `start..end`: writes (g, h) for logistic loss with soft labels and weights,
 *
 *   p = σ(margin),  g = (p − y)·w,  h = max(p(1 − p), 1e-16)·w
 *
 * as float32 (like XGBoost) at `gradHess[r × stride + offset]` and the slot after it (the row
 * records' layout), and returns the **weighted sum** of the log-loss of the same margins (one
 * shared `exp`); callers add block sums in a fixed order and divide by the total weight.
 *
 * @example
 * const blockLoss = logisticGradients(margin, label, weight, gradHess, 18, 15, 0, 16_384)
 */
export function logisticGradients(
  margin: Float64Array,
  label: Float64Array,
  weight: Float64Array,
  gradHess: Float32Array,
  stride: number,
  offset: number,
  start: number,
  end: number,
): number {
  let loss = 0
  for (let r = start, at = start * stride + offset; r < end; r++, at += stride) {
    const m = margin[r]!
    const y = label[r]!
    const w = weight[r]!
    const e = Math.exp(-Math.abs(m))
    const d = 1 + e
    const p = m >= 0 ? 1 / d : e / d
    gradHess[at] = (p - y) * w
    gradHess[at + 1] = Math.max(p * (1 - p), minimumHessian) * w
    // log(1 + e) rather than log1p(e): the loss is 44 % of this loop and log is the cheaper call;
    // they differ only when e < 1e-16, by less than 1e-16 of a row's loss.
    loss += w * (Math.max(m, 0) - y * m + Math.log(d))
  }
  return loss
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
