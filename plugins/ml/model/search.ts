import type { Logger } from '../../../core/log.ts'
import { createProgress } from '../../../core/progress.ts'
import type { DatasetRow } from '../dataset/rows.ts'
import { hash32 } from '../dataset/tasks.ts'
import { FEATURE_NAMES, type FeatureSpace } from '../features/vector.ts'
import { evaluateBinary } from '../gbdt/metrics.ts'
import type { GbdtParamsInput } from '../gbdt/params.ts'
import { trainGbdt } from '../gbdt/train.ts'
import { pairKey, toLabelledData } from './training-data.ts'

/**
 * The predecessor's grids, on our trainer. `fast`: n_estimators 100/200 × max_depth 6/8/10 ×
 * learning_rate 0.05/0.1, subsample and colsample 0.8 (12). `extended`: 3 values of five parameters
 * (243). `exact`: one candidate, trained without a search. Every candidate trains with early stopping
 * on the validation split.
 */
export const GRIDS = {
  none: [{}],
  fast: cartesian({
    nEstimators: [100, 200],
    maxDepth: [6, 8, 10],
    learningRate: [0.05, 0.1],
    subsample: [0.8],
    colsampleBytree: [0.8],
  }),
  /**
   * One candidate, no search: what did best on exact random-pair labels (held-out MAE against
   * the solver, docs/model.md): deeper trees, a lower child weight (labels are probabilities, not
   * outcomes), up to 800 rounds with early stopping deciding, margins starting from the race
   * estimate.
   */
  exact: [
    {
      // boosting starts from the race estimate and learns its error (gbdt/prior.ts; docs/model.md)
      baseMarginFeature: FEATURE_NAMES.indexOf('race_win_a'),
      baseMarginClip: 0.001,
      nEstimators: 800,
      maxDepth: 10,
      learningRate: 0.05,
      subsample: 0.8,
      colsampleBytree: 0.8,
      minChildWeight: 0.2,
      earlyStoppingRounds: 30,
    },
  ],
  extended: cartesian({
    nEstimators: [100, 200, 300],
    maxDepth: [4, 6, 8],
    learningRate: [0.05, 0.1, 0.2],
    subsample: [0.7, 0.8, 1],
    colsampleBytree: [0.7, 0.8, 1],
  }),
} as const satisfies Record<string, readonly GbdtParamsInput[]>
export type GridName = keyof typeof GRIDS

function cartesian(space: Record<string, readonly number[]>): GbdtParamsInput[] {
  return Object.entries(space).reduce<GbdtParamsInput[]>(
    (acc, [key, values]) => acc.flatMap((p) => values.map((v) => ({ ...p, [key]: v }))),
    [{}],
  )
}

export interface CandidateScore {
  params: GbdtParamsInput
  cvLogLoss: number
  cvLogLossStd: number
  meanRounds: number
}

/** Shared training settings of every candidate and of the final model. */
export const BASE_PARAMS: GbdtParamsInput = {
  earlyStoppingRounds: 20,
  seed: 42,
  minChildWeight: 1,
  regLambda: 1,
}

/**
 * Grouped k-fold cross-validation over the training rows (folds by unordered pair, so a fold never
 * shares a matchup with the rows it is scored against); the validation split only drives early
 * stopping; the test split is never touched. Returns every candidate, best (lowest mean CV
 * log-loss) first.
 */
export function gridSearch(options: {
  space: FeatureSpace
  train: readonly DatasetRow[]
  validation: readonly DatasetRow[]
  grid: readonly GbdtParamsInput[]
  folds: number
  /** Training threads; the scores do not depend on it. */
  threads?: number
  log: Logger
  tty: boolean
}): CandidateScore[] {
  const { space, train, grid, folds } = options
  const validation = toLabelledData(space, options.validation)
  const foldOf = train.map((r) => hash32(`fold|${pairKey(r)}`) % folds)
  const parts = Array.from({ length: folds }, (_, f) => ({
    fit: toLabelledData(
      space,
      train.filter((_, i) => foldOf[i] !== f),
    ),
    held: toLabelledData(
      space,
      train.filter((_, i) => foldOf[i] === f),
    ),
  }))
  const progress = createProgress({
    label: 'grid search',
    total: grid.length * folds,
    log: options.log,
    tty: options.tty,
  })
  const scores = grid.map((candidate) => {
    const losses: number[] = []
    let rounds = 0
    for (const part of parts) {
      const model = trainGbdt(
        part.fit,
        { ...BASE_PARAMS, ...candidate },
        { validation, featureNames: [...FEATURE_NAMES], threads: options.threads ?? 1 },
      )
      const p = model.predictProba(part.held.features)
      losses.push(evaluateBinary({ probability: p, wins: part.held.wins, trials: part.held.trials }).logLoss)
      rounds += model.nTrees
      progress.tick()
    }
    const mean = losses.reduce((a, b) => a + b, 0) / losses.length
    const std = Math.sqrt(losses.reduce((a, b) => a + (b - mean) ** 2, 0) / losses.length)
    return { params: candidate, cvLogLoss: mean, cvLogLossStd: std, meanRounds: rounds / folds }
  })
  progress.done(`grid search: ${grid.length} candidates × ${folds} folds`)
  return scores.sort((x, y) => x.cvLogLoss - y.cvLogLoss)
}
