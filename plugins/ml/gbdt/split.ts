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

/** Floats per candidate in a scan result: gain, feature, bin, Σg left, Σh left. */
export const CANDIDATE_FLOATS = 5

/**
 * The smallest hessian a child may hold: minChildWeight, and strictly positive even when it is 0.
 *
 * @example
 * minimumHessian({ regLambda: 1, minChildWeight: 0, gamma: 0 }) // 1e-12
 */
export function minimumHessian(rules: SplitRules): number {
  return Math.max(rules.minChildWeight, minimumChildHessian)
}

/**
 * Scans features `features[from..to)` (features `from..to` when `features` is null) of a node's
 * histogram for the split with the largest loss change
 *
 *   gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)
 *
 * which is XGBoost's implementation (`CalcSplitGain − root_gain`): twice the paper's ½[…], so that
 * `gamma` (min_split_loss) and gain importance mean exactly what they mean in XGBoost. Both children
 * must hold ≥ `minHess` of hessian. Writes the candidate at `out[at..at + 5)` (gain −∞ when there is
 * none). Ties keep the first candidate (lowest feature, then lowest bin). Why a range: threads scan
 * disjoint feature ranges and `pickCandidate` takes the first largest gain in range order, which is
 * exactly what one scan over all features would choose — so splits never depend on the thread count.
 * `lastBin[f]` is feature f's number of cuts (bins − 1).
 *
 * @example
 * scanSplits(hist, null, 0, 60, cutCounts, 256, G, H, 1, 1, out, 0)
 */
export function scanSplits(
  hist: Float64Array,
  features: Int32Array | null,
  from: number,
  to: number,
  lastBin: Int32Array,
  binStride: number,
  totalGrad: number,
  totalHess: number,
  lambda: number,
  minHess: number,
  out: Float64Array,
  at: number,
): void {
  out[at] = Number.NEGATIVE_INFINITY
  out[at + 1] = -1
  if (totalHess < 2 * minHess) return
  const parentScore = (totalGrad * totalGrad) / (totalHess + lambda)
  let bestGain = Number.NEGATIVE_INFINITY
  for (let k = from; k < to; k++) {
    const f = features === null ? k : features[k]!
    const last = lastBin[f]!
    let gl = 0
    let hl = 0
    // Σg of bin b at 2·(f·binStride + b), Σh in the next slot (histogram.ts, gradSlot).
    for (let b = 0, slot = 2 * f * binStride; b < last; b++, slot += 2) {
      gl += hist[slot]!
      hl += hist[slot + 1]!
      if (hl < minHess) continue
      const hr = totalHess - hl
      if (hr < minHess) break
      const gr = totalGrad - gl
      const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore
      if (gain > bestGain) {
        bestGain = gain
        out[at] = gain
        out[at + 1] = f
        out[at + 2] = b
        out[at + 3] = gl
        out[at + 4] = hl
      }
    }
  }
}

/**
 * The split chosen from `count` range candidates stored `stride` floats apart from `first`
 * (`scanSplits` results in range order): the first largest gain, kept only when gain > 1e-6 and
 * gain ≥ gamma (XGBoost's pre-pruning); otherwise `feature` is −1.
 *
 * @example
 * const split = pickCandidate(parts, 0, 10, nTasks, rules.gamma)
 */
export function pickCandidate(
  parts: Float64Array,
  first: number,
  stride: number,
  count: number,
  gamma: number,
): SplitChoice {
  let best = -1
  for (let t = 0, at = first; t < count; t++, at += stride) {
    if (parts[at + 1]! >= 0 && (best < 0 || parts[at]! > parts[best]!)) best = at
  }
  const choice: SplitChoice = { feature: -1, bin: -1, gain: 0, leftGrad: 0, leftHess: 0 }
  if (best < 0) return choice
  const gain = parts[best]!
  if (!(gain > minimumGain && gain >= gamma)) return choice
  choice.feature = parts[best + 1]!
  choice.bin = parts[best + 2]!
  choice.gain = gain
  choice.leftGrad = parts[best + 3]!
  choice.leftHess = parts[best + 4]!
  return choice
}

/**
 * The best split of a node over `features` in one scan (see `scanSplits` and `pickCandidate`).
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
  const out = new Float64Array(CANDIDATE_FLOATS)
  const lastBin = nBins.map((n) => n - 1)
  const minHess = minimumHessian(rules)
  scanSplits(
    hist,
    features,
    0,
    features.length,
    lastBin,
    binStride,
    totalGrad,
    totalHess,
    rules.regLambda,
    minHess,
    out,
    0,
  )
  return pickCandidate(out, 0, CANDIDATE_FLOATS, 1, rules.gamma)
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
