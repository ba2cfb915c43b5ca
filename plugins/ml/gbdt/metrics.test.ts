import { describe, expect, test } from 'bun:test'
import { GbdtError } from './errors.ts'
import { brierScore, calibration, confusionMatrix, evaluateBinary, logLoss, rocAuc } from './metrics.ts'

// Five rows of "A won w of k": 11 battles in all, 5 wins. Every figure below is worked out by hand.
const scored = {
  probability: [0.9, 0.6, 0.4, 0.2, 0.6],
  wins: [3, 1, 1, 0, 0],
  trials: [4, 2, 1, 3, 1],
}

const codeOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error instanceof GbdtError ? error.code : 'not a GbdtError'
  }
  return 'no error'
}

describe('per-trial weighted metrics (hand-computed)', () => {
  test('confusion matrix: each row adds w positives and k − w negatives', () => {
    // predicted positive (p ≥ 0.5): rows 0, 1, 4 → TP 3+1+0, FP 1+1+1; negative: rows 2, 3 → FN 1+0, TN 0+3
    expect(confusionMatrix(scored)).toEqual({
      truePositive: 4,
      falsePositive: 3,
      trueNegative: 3,
      falseNegative: 1,
    })
    expect(confusionMatrix(scored, 0.95)).toEqual({
      truePositive: 0,
      falsePositive: 0,
      trueNegative: 6,
      falseNegative: 5,
    })
  })

  test('accuracy, precision, recall and F1', () => {
    const m = evaluateBinary(scored)
    expect(m.accuracy).toBeCloseTo(7 / 11, 12)
    expect(m.precision).toBeCloseTo(4 / 7, 12)
    expect(m.recall).toBeCloseTo(4 / 5, 12)
    expect(m.f1).toBeCloseTo(2 / 3, 12)
    expect(m.trials).toBe(11)
  })

  test('ROC-AUC counts tied pairs as half', () => {
    // ascending groups (p: wins/losses) 0.2: 0/3, 0.4: 1/0, 0.6: 1/2, 0.9: 3/1
    // area = 1·3 + 1·(3 + 2/2) + 3·(5 + 1/2) = 23.5 over 5 · 6 pairs
    expect(rocAuc(scored)).toBeCloseTo(23.5 / 30, 12)
    expect(rocAuc({ probability: [0.1, 0.4, 0.35, 0.8], wins: [0, 0, 1, 1], trials: [1, 1, 1, 1] })).toBe(
      0.75,
    )
    expect(rocAuc({ probability: [0.3, 0.3, 0.3], wins: [1, 0, 2], trials: [1, 1, 3] })).toBe(0.5)
  })

  test('log-loss and Brier score', () => {
    const ln = Math.log
    const expected = -(3 * ln(0.9) + ln(0.1) + ln(0.6) + 3 * ln(0.4) + 3 * ln(0.8)) / 11
    expect(logLoss(scored)).toBeCloseTo(expected, 12)
    // Brier: 3·0.01 + 0.81, 0.16 + 0.36, 0.36, 3·0.04, 0.36 → 2.2 / 11
    expect(brierScore(scored)).toBeCloseTo(0.2, 12)
    // A confident mistake is clipped at 1e-15, not infinite.
    expect(logLoss({ probability: [0], wins: [1], trials: [1] })).toBeCloseTo(-Math.log(1e-15), 6)
  })

  test('10-bin calibration curve and expected calibration error', () => {
    const { bins, expectedCalibrationError } = calibration(scored)
    expect(bins).toHaveLength(10)
    expect(bins[6]).toEqual({
      lower: 0.6,
      upper: 0.7,
      rows: 2,
      trials: 3,
      meanPredicted: 0.6,
      observedRate: 1 / 3,
    })
    expect(bins[9]!.observedRate).toBe(0.75)
    expect(bins[5]!.meanPredicted).toBeNull()
    // |0.75 − 0.9|·4 + |1/3 − 0.6|·3 + |1 − 0.4|·1 + |0 − 0.2|·3 = 2.6, over 11 trials
    expect(expectedCalibrationError).toBeCloseTo(2.6 / 11, 12)
    expect(evaluateBinary(scored).expectedCalibrationError).toBeCloseTo(2.6 / 11, 12)
  })
})

describe('edge cases', () => {
  test('zero denominators give 0 (no predicted positives → precision 0, F1 0)', () => {
    const m = evaluateBinary({ probability: [0.1, 0.2], wins: [1, 0], trials: [1, 1] })
    expect(m.precision).toBe(0)
    expect(m.f1).toBe(0)
    expect(m.rocAuc).toBe(0)
  })

  test('undefined or invalid inputs raise coded errors', () => {
    expect(codeOf(() => rocAuc({ probability: [0.2, 0.7], wins: [1, 2], trials: [1, 2] }))).toBe(
      'GBDT_METRIC_UNDEFINED',
    )
    expect(codeOf(() => logLoss({ probability: [], wins: [], trials: [] }))).toBe('GBDT_EMPTY_DATASET')
    expect(codeOf(() => logLoss({ probability: [0.5, 0.5], wins: [1], trials: [1] }))).toBe(
      'GBDT_SHAPE_MISMATCH',
    )
    expect(codeOf(() => logLoss({ probability: [1.2], wins: [1], trials: [1] }))).toBe(
      'GBDT_INVALID_PREDICTION',
    )
    expect(codeOf(() => logLoss({ probability: [Number.NaN], wins: [1], trials: [1] }))).toBe(
      'GBDT_INVALID_PREDICTION',
    )
    expect(codeOf(() => brierScore({ probability: [0.5], wins: [3], trials: [2] }))).toBe(
      'GBDT_INVALID_LABEL',
    )
  })
})
