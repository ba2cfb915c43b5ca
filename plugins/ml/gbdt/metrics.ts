import { toTargets } from './dataset.ts'
import { GbdtError } from './errors.ts'

/**
 * Binary classification metrics for battle outcomes given as counts, with **per-trial weighting**:
 * a row where A won w of k battles counts as w positive and k − w negative examples, all sharing
 * the row's predicted probability p. With k = 1 everything reduces to the usual unweighted metric.
 *
 * - confusion matrix at `threshold` (predicted positive when p ≥ threshold): TP = Σ w over predicted
 *   positives, FP = Σ (k − w) over predicted positives, FN / TN likewise over predicted negatives;
 * - accuracy = (TP + TN) / Σk; precision = TP / (TP + FP); recall = TP / (TP + FN);
 *   F1 = 2PR / (P + R); a ratio with a zero denominator is 0 (scikit-learn's `zero_division=0`);
 * - ROC-AUC = P(p⁺ > p⁻) + ½ P(p⁺ = p⁻) over weighted positive/negative pairs (ties count half);
 * - log-loss = −Σ [w ln p + (k − w) ln(1 − p)] / Σk, p clipped to [1e-15, 1 − 1e-15];
 * - Brier = Σ [w (1 − p)² + (k − w) p²] / Σk;
 * - calibration: 10 equal-width bins of p ([0, 0.1), …, [0.9, 1]), per bin Σk, mean p and observed
 *   win rate (both trial-weighted); ECE = Σ_bins (Σk_bin / Σk) · |observed − mean p|.
 */
export interface BinaryMetrics {
  accuracy: number
  precision: number
  recall: number
  f1: number
  rocAuc: number
  logLoss: number
  brier: number
  expectedCalibrationError: number
  calibrationCurve: CalibrationBin[]
  confusion: ConfusionMatrix
  /** Σk: the number of battles the metrics are computed over. */
  trials: number
}

/** Trial-weighted confusion matrix (values are battle counts, possibly fractional). */
export interface ConfusionMatrix {
  truePositive: number
  falsePositive: number
  trueNegative: number
  falseNegative: number
}

/** One reliability-diagram bin; `meanPredicted`/`observedRate` are null when the bin is empty. */
export interface CalibrationBin {
  lower: number
  upper: number
  rows: number
  trials: number
  meanPredicted: number | null
  observedRate: number | null
}

/** Predicted P(win) per row, and the rows' outcomes as counts. */
export interface ScoredOutcomes {
  probability: ArrayLike<number>
  wins: ArrayLike<number>
  trials: ArrayLike<number>
}

const logLossClip = 1e-15

function checked(input: ScoredOutcomes) {
  const n = input.probability.length
  if (n === 0) throw new GbdtError('GBDT_EMPTY_DATASET', 'metrics need at least one row')
  const targets = toTargets(input.wins, input.trials, n, { requireBothClasses: false, name: 'metrics' })
  for (let r = 0; r < n; r++) {
    const p = input.probability[r]!
    if (!(p >= 0 && p <= 1))
      throw new GbdtError('GBDT_INVALID_PREDICTION', `row ${r}: probability ${p} is not in [0, 1]`)
  }
  return { n, p: input.probability, wins: input.wins, trials: input.trials, totalTrials: targets.totalTrials }
}

const ratio = (num: number, den: number) => (den > 0 ? num / den : 0)

/**
 * Trial-weighted confusion matrix at `threshold`.
 *
 * @example
 * confusionMatrix({ probability: [0.8, 0.3], wins: [2, 1], trials: [3, 1] })
 * // { truePositive: 2, falsePositive: 1, trueNegative: 0, falseNegative: 1 }
 */
export function confusionMatrix(input: ScoredOutcomes, threshold = 0.5): ConfusionMatrix {
  const { n, p, wins, trials } = checked(input)
  const matrix: ConfusionMatrix = { truePositive: 0, falsePositive: 0, trueNegative: 0, falseNegative: 0 }
  for (let r = 0; r < n; r++) {
    const w = wins[r]!
    const l = trials[r]! - w
    if (p[r]! >= threshold) {
      matrix.truePositive += w
      matrix.falsePositive += l
    } else {
      matrix.falseNegative += w
      matrix.trueNegative += l
    }
  }
  return matrix
}

/**
 * Weighted ROC-AUC with exact tie handling (sort by p, each tie group counts half its pairs).
 * Throws `GBDT_METRIC_UNDEFINED` when all trials are wins or all are losses.
 *
 * @example
 * rocAuc({ probability: [0.1, 0.4, 0.35, 0.8], wins: [0, 0, 1, 1], trials: [1, 1, 1, 1] }) // 0.75
 */
export function rocAuc(input: ScoredOutcomes): number {
  const { n, p, wins, trials } = checked(input)
  const order = Array.from({ length: n }, (_, r) => r).sort((a, b) => p[a]! - p[b]!)
  let negativesBelow = 0
  let area = 0
  let positives = 0
  for (let i = 0; i < n; ) {
    let groupPositives = 0
    let groupNegatives = 0
    const value = p[order[i]!]!
    for (; i < n && p[order[i]!] === value; i++) {
      const r = order[i]!
      groupPositives += wins[r]!
      groupNegatives += trials[r]! - wins[r]!
    }
    area += groupPositives * (negativesBelow + groupNegatives / 2)
    negativesBelow += groupNegatives
    positives += groupPositives
  }
  if (positives === 0 || negativesBelow === 0) {
    throw new GbdtError('GBDT_METRIC_UNDEFINED', 'ROC-AUC needs both wins and losses')
  }
  return area / (positives * negativesBelow)
}

/**
 * Trial-weighted log-loss (natural log), probabilities clipped to [1e-15, 1 − 1e-15].
 *
 * @example
 * logLoss({ probability: [0.5], wins: [3], trials: [4] }) // ln 2
 */
export function logLoss(input: ScoredOutcomes): number {
  const { n, p, wins, trials, totalTrials } = checked(input)
  let sum = 0
  for (let r = 0; r < n; r++) {
    const q = Math.min(Math.max(p[r]!, logLossClip), 1 - logLossClip)
    sum -= wins[r]! * Math.log(q) + (trials[r]! - wins[r]!) * Math.log(1 - q)
  }
  return sum / totalTrials
}

/**
 * Trial-weighted Brier score: mean squared error of p against each battle's 0/1 outcome.
 *
 * @example
 * brierScore({ probability: [0.75], wins: [3], trials: [4] }) // (3·0.0625 + 0.5625) / 4 = 0.1875
 */
export function brierScore(input: ScoredOutcomes): number {
  const { n, p, wins, trials, totalTrials } = checked(input)
  let sum = 0
  for (let r = 0; r < n; r++) {
    const q = p[r]!
    sum += wins[r]! * (1 - q) ** 2 + (trials[r]! - wins[r]!) * q * q
  }
  return sum / totalTrials
}

/**
 * Reliability curve over `nBins` equal-width bins and the expected calibration error.
 *
 * @example
 * calibration({ probability: [0.05, 0.95], wins: [0, 1], trials: [1, 1] }).expectedCalibrationError // ≈ 0.05
 */
export function calibration(
  input: ScoredOutcomes,
  nBins = 10,
): { bins: CalibrationBin[]; expectedCalibrationError: number } {
  const { n, p, wins, trials, totalTrials } = checked(input)
  const rows = new Float64Array(nBins)
  const weight = new Float64Array(nBins)
  const predicted = new Float64Array(nBins)
  const won = new Float64Array(nBins)
  for (let r = 0; r < n; r++) {
    const b = Math.min(Math.floor(p[r]! * nBins), nBins - 1)
    rows[b]! += 1
    weight[b]! += trials[r]!
    predicted[b]! += trials[r]! * p[r]!
    won[b]! += wins[r]!
  }
  let ece = 0
  const bins: CalibrationBin[] = []
  for (let b = 0; b < nBins; b++) {
    const k = weight[b]!
    const meanPredicted = k > 0 ? predicted[b]! / k : null
    const observedRate = k > 0 ? won[b]! / k : null
    if (meanPredicted !== null && observedRate !== null)
      ece += (k / totalTrials) * Math.abs(observedRate - meanPredicted)
    bins.push({
      lower: b / nBins,
      upper: (b + 1) / nBins,
      rows: rows[b]!,
      trials: k,
      meanPredicted,
      observedRate,
    })
  }
  return { bins, expectedCalibrationError: ece }
}

/**
 * Every metric at once (see the module comment for the definitions).
 *
 * @example
 * const metrics = evaluateBinary({ probability: model.predictProba(test.features), wins: test.wins, trials: test.trials })
 * metrics.rocAuc
 */
export function evaluateBinary(input: ScoredOutcomes, options: { threshold?: number } = {}): BinaryMetrics {
  const confusion = confusionMatrix(input, options.threshold ?? 0.5)
  const { truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn } = confusion
  const precision = ratio(tp, tp + fp)
  const recall = ratio(tp, tp + fn)
  const { bins, expectedCalibrationError } = calibration(input)
  const total = tp + fp + tn + fn
  return {
    accuracy: ratio(tp + tn, total),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    rocAuc: rocAuc(input),
    logLoss: logLoss(input),
    brier: brierScore(input),
    expectedCalibrationError,
    calibrationCurve: bins,
    confusion,
    trials: total,
  }
}
