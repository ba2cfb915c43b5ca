import type { BinaryMetrics } from '../gbdt/metrics.ts'
import type { RocInput } from './svg/roc-curve.ts'

/** The two held-out parts every model is judged on (see dataset/splits.ts). */
export const TEST_PARTS = ['pair_test', 'species_test'] as const
export type TestPart = (typeof TEST_PARTS)[number]

/** How one test part went: the model, the cheap baselines and the model per scenario. */
export interface TestPartEvaluation {
  model: BinaryMetrics
  /** By baseline name (`faster`, `bst`, `turns_to_ko`), each calibrated on the training rows. */
  baselines: Readonly<Record<string, BinaryMetrics>>
  /** The model's metrics restricted to each scenario (`best_move`, `random_move`, …). */
  scenarios: Readonly<Record<string, BinaryMetrics>>
}

/** One grid-search candidate: its parameters and the cross-validated log-loss. */
export interface SearchRow {
  params: Readonly<Record<string, unknown>>
  cvLogLossMean: number
  cvLogLossStd: number
}

/**
 * Everything the evaluation report shows. Plain data (no model object) so the report can be
 * re-rendered later from what a training run stored.
 */
export interface ModelReportInput {
  model: {
    version: string
    /** ISO 8601 timestamp, printed as given. */
    createdAt: string
    featureSpecVersion: string
    parameters: Readonly<Record<string, unknown>>
  }
  dataset: {
    name: string
    manifestHash: string
    /** Rows per split, e.g. `{ train, validation, pair_test, species_test }`. */
    rowsPerSplit: Readonly<Record<string, number>>
  }
  evaluations: Readonly<Record<TestPart, TestPartEvaluation>>
  /**
   * Scored rows for the ROC curves, per test part: `model` plus each baseline by name. A part or
   * predictor left out simply has no curve.
   */
  roc: Readonly<Partial<Record<TestPart, Readonly<Record<string, RocInput>>>>>
  /** Gain-based importance per feature (any scale; shown as a share of the total). */
  featureImportance: readonly { feature: string; gain: number }[]
  history: {
    trainLogLoss: readonly number[]
    validLogLoss: readonly number[] | null
    /** 0-based index of the last kept tree. */
    bestIteration: number
  }
  /** Omitted when the parameters were fixed rather than searched. */
  search?: {
    rows: readonly SearchRow[]
    /** Index into `rows` of the configuration that was trained. */
    chosenIndex: number
    /** e.g. "3-fold CV grouped by pair". */
    description?: string
  }
}
