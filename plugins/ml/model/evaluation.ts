import { type Baseline, evaluateBaselines } from '../dataset/baselines.ts'
import type { DatasetRow } from '../dataset/rows.ts'
import type { FeatureSpace } from '../features/vector.ts'
import { type BinaryMetrics, evaluateBinary } from '../gbdt/metrics.ts'
import type { GbdtModel } from '../gbdt/model.ts'
import { toLabelledData } from './training-data.ts'

/** The model and the baselines on one test part, overall and per scenario. */
export interface PartEvaluation {
  rows: number
  model: BinaryMetrics
  baselines: Record<Baseline, BinaryMetrics>
  perScenario: Record<string, BinaryMetrics>
  /** Inputs for ROC charts. */
  scores: { probability: number[]; wins: number[]; trials: number[] }
}

/**
 * Scores a model on a test part next to the baselines (calibrated on that part's training rows).
 *
 * @example
 * evaluatePart(space, model, trainRows, testRows).model.logLoss
 */
export function evaluatePart(
  space: FeatureSpace,
  model: GbdtModel,
  train: readonly DatasetRow[],
  test: readonly DatasetRow[],
): PartEvaluation {
  const data = toLabelledData(space, test)
  const probability = model.predictProba(data.features)
  const scored = { probability, wins: data.wins, trials: data.trials }
  const perScenario: Record<string, BinaryMetrics> = {}
  for (const scenario of new Set(test.map((r) => String(r.scenario)))) {
    const idx = test.flatMap((r, i) => (r.scenario === scenario ? [i] : []))
    perScenario[scenario] = evaluateBinary({
      probability: idx.map((i) => probability[i]!),
      wins: idx.map((i) => data.wins[i]!),
      trials: idx.map((i) => data.trials[i]!),
    })
  }
  return {
    rows: test.length,
    model: evaluateBinary(scored),
    baselines: evaluateBaselines(space.index, train, test),
    perScenario,
    scores: {
      probability: Array.from(probability),
      wins: Array.from(data.wins),
      trials: Array.from(data.trials),
    },
  }
}

/** Log-loss of any model on the given rows (the champion rule compares on the same rows). */
export function logLossOn(space: FeatureSpace, model: GbdtModel, rows: readonly DatasetRow[]): number {
  const data = toLabelledData(space, rows)
  return evaluateBinary({
    probability: model.predictProba(data.features),
    wins: data.wins,
    trials: data.trials,
  }).logLoss
}
