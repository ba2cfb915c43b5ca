/** The best way found to split one node. `feature` is −1 when no split is worth making. */
export interface SplitChoice {
  feature: number
  /** Rows whose bin is ≤ `bin` go left (equivalently x < cut[bin]). */
  bin: number
  /** Loss reduction, XGBoost's `loss_chg`; summed into gain-based feature importance. */
  gain: number
  leftGrad: number
  leftHess: number
}

/** Regularisation knobs that decide whether and where a node splits. */
export interface SplitRules {
  regLambda: number
  minChildWeight: number
  gamma: number
}

/** XGBoost's `kRtEps`: a loss change this small is noise, not a split. */
const minimumGain = 1e-6
/** Children need a strictly positive hessian even when minChildWeight is 0. */
const minimumChildHessian = 1e-12

/**
 * Scans the histogram of a node for the split with the largest loss change
 *
 *   gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)
 *
 * which is XGBoost's implementation (`CalcSplitGain − root_gain`): twice the paper's ½[…], so that
 * `gamma` (min_split_loss) and gain importance mean exactly what they mean in XGBoost. A split is
 * kept when gain > 1e-6 and gain ≥ gamma, both children holding ≥ minChildWeight of hessian.
 * Ties keep the first candidate (lowest feature, then lowest bin), so the result is deterministic.
 *
 * @example
 * const split = findBestSplit(hist, features, nBins, 256, G, H, { regLambda: 1, minChildWeight: 1, gamma: 0 })
 */
export function findBestSplit(
  hist: Float64Array,
  features: Int32Array,
  nBins: Int32Array,
  binStride: number,
  totalGrad: number,
  totalHess: number,
  rules: SplitRules,
): SplitChoice {
  const lambda = rules.regLambda
  const minHess = Math.max(rules.minChildWeight, minimumChildHessian)
  const best: SplitChoice = { feature: -1, bin: -1, gain: 0, leftGrad: 0, leftHess: 0 }
  if (totalHess < 2 * minHess) return best
  const parentScore = (totalGrad * totalGrad) / (totalHess + lambda)
  let bestGain = Number.NEGATIVE_INFINITY
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!
    const lastBin = nBins[f]! - 1
    let slot = 2 * f * binStride
    let gl = 0
    let hl = 0
    for (let b = 0; b < lastBin; b++, slot += 2) {
      gl += hist[slot]!
      hl += hist[slot + 1]!
      if (hl < minHess) continue
      const hr = totalHess - hl
      if (hr < minHess) break
      const gr = totalGrad - gl
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore
      if (gain > bestGain) {
        bestGain = gain
        best.feature = f
        best.bin = b
        best.gain = gain
        best.leftGrad = gl
        best.leftHess = hl
      }
    }
  }
  if (!(bestGain > minimumGain && bestGain >= rules.gamma)) best.feature = -1
  return best
}

/**
 * Optimal leaf value −G/(H+λ), shrunk by the learning rate and stored as float32 (XGBoost stores
 * float32 leaves, and ONNX class weights are float32, so TypeScript and ONNX add the same numbers).
 *
 * @example
 * leafValue(-4, 3, 1, 0.3) // ≈ 0.3
 */
export function leafValue(
  totalGrad: number,
  totalHess: number,
  regLambda: number,
  learningRate: number,
): number {
  return Math.fround((-totalGrad / (totalHess + regLambda)) * learningRate)
}
