import { ReportError } from '../errors.ts'

/** One vertex of a ROC curve: rates after calling every row with p ≥ `threshold` a win. */
export interface RocPoint {
  fpr: number
  tpr: number
  /** The probability cut-off; `Infinity` for the (0, 0) start where nothing is called a win. */
  threshold: number
}

/** Predicted P(win) per row and the row's outcome as counts (same shape as gbdt's `ScoredOutcomes`). */
export interface RocInput {
  probability: ArrayLike<number>
  wins: ArrayLike<number>
  trials: ArrayLike<number>
}

function validate(input: RocInput): number {
  const n = input.probability.length
  if (input.wins.length !== n || input.trials.length !== n)
    throw new ReportError(
      'REPORT_INVALID_INPUT',
      `ROC input lengths differ: ${n} probabilities, ${input.wins.length} wins, ${input.trials.length} trials`,
    )
  for (let r = 0; r < n; r++) {
    const p = input.probability[r]!
    const w = input.wins[r]!
    const k = input.trials[r]!
    if (!(p >= 0 && p <= 1))
      throw new ReportError('REPORT_INVALID_INPUT', `row ${r}: probability ${p} is not in [0, 1]`)
    // k > 0 as in gbdt/metrics.ts: both functions accept exactly the same outcomes.
    if (!(k > 0 && w >= 0 && w <= k && Number.isFinite(k)))
      throw new ReportError(
        'REPORT_INVALID_INPUT',
        `row ${r}: ${w} wins of ${k} trials is not a valid outcome`,
      )
  }
  return n
}

/**
 * Trial-weighted ROC curve, the one `rocAuc` in gbdt/metrics.ts integrates: a row where A won w of
 * k battles is w positives and k − w negatives at the row's probability. Thresholds go from high to
 * low and rows with equal probabilities are merged into one vertex, so a tie group becomes one
 * diagonal segment — exactly the "ties count half" convention — and the trapezoid area under the
 * points equals `rocAuc` (up to float rounding). Throws `REPORT_ROC_UNDEFINED` without both wins
 * and losses (the rates would divide by zero).
 *
 * @example
 * rocCurve({ probability: [0.8, 0.3], wins: [1, 0], trials: [1, 1] })
 * // [{ fpr: 0, tpr: 0, threshold: Infinity }, { fpr: 0, tpr: 1, threshold: 0.8 }, { fpr: 1, tpr: 1, threshold: 0.3 }]
 */
export function rocCurve(input: RocInput): RocPoint[] {
  const n = validate(input)
  const { probability: p, wins, trials } = input
  const order = Array.from({ length: n }, (_, r) => r).sort((a, b) => p[b]! - p[a]!)
  let positives = 0
  let negatives = 0
  for (let r = 0; r < n; r++) {
    positives += wins[r]!
    negatives += trials[r]! - wins[r]!
  }
  if (positives <= 0 || negatives <= 0)
    throw new ReportError('REPORT_ROC_UNDEFINED', 'a ROC curve needs both wins and losses')
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY }]
  let truePositives = 0
  let falsePositives = 0
  for (let i = 0; i < n; ) {
    const threshold = p[order[i]!]!
    for (; i < n && p[order[i]!] === threshold; i++) {
      const r = order[i]!
      truePositives += wins[r]!
      falsePositives += trials[r]! - wins[r]!
    }
    points.push({ fpr: falsePositives / negatives, tpr: truePositives / positives, threshold })
  }
  return points
}

/**
 * Trapezoid area under points sorted by non-decreasing FPR (the AUC of a `rocCurve`).
 *
 * @example
 * rocArea([{ fpr: 0, tpr: 0 }, { fpr: 1, tpr: 1 }]) // 0.5
 */
export function rocArea(points: readonly { fpr: number; tpr: number }[]): number {
  let area = 0
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!
    const b = points[i]!
    area += ((b.fpr - a.fpr) * (a.tpr + b.tpr)) / 2
  }
  return area
}
