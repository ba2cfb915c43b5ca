import { binRecordLayout } from './binning.ts'
import { type BoostingResult, boost, quantiseOnTeam } from './boosting.ts'
import { type LabelledData, type Targets, validateLabelledData } from './dataset.ts'
import { GbdtError } from './errors.ts'
import { logit } from './loss.ts'
import { GbdtModel, type GbdtTrees } from './model.ts'
import { canonicalParams, type GbdtParamsInput, parseGbdtParams } from './params.ts'
import { addPriorMargins, marginPrior } from './prior.ts'
import { shelveArena } from './record-arena.ts'
import { allocateSharedTraining, createSlotPool } from './shared-training.ts'
import { createTrainingTeam } from './team.ts'
import type { GrowContext, GrownTree } from './tree-builder.ts'

/** Progress of one boosting round, reported as soon as both losses are known. */
export interface RoundReport {
  round: number
  trainLogLoss: number
  validLogLoss: number | null
}

/** Optional inputs besides the training set and parameters. */
export interface TrainOptions {
  /** Held-out rows: per-round validation log-loss, and early stopping when `earlyStoppingRounds` is set. */
  validation?: LabelledData
  /** One name per feature, kept in the model (and exported to ONNX metadata). */
  featureNames?: string[]
  onRound?: (report: RoundReport) => void
  /**
   * Threads that share the work, the calling thread included (1 = no worker; default). The model's
   * bytes do not depend on it: every histogram cell is summed over the same records in the same
   * order whichever thread computes it. The calling thread blocks until training ends.
   */
  threads?: number
}

/** Most threads a training run may use. */
export const MAX_TRAINING_THREADS = 64

/**
 * Trains a binary logistic GBDT with XGBoost's `hist` algorithm: weighted quantile bins, depth-wise
 * trees with histogram subtraction, XGBoost's gain/leaf formulas, row subsampling and per-tree
 * column sampling from a seeded PRNG. Deterministic: the same data, parameters and seed give a
 * byte-identical serialised model, with any number of `threads` (histograms, partitions, gradients
 * and margin updates are split into tasks whose results do not depend on who runs them).
 *
 * Labels are counts ("A won `wins[r]` of `trials[r]` battles"): soft label w/k with weight k.
 * Features must be finite (no missing-value handling), row-major float32.
 *
 * @example
 * const model = trainGbdt(
 *   { features: { values, nRows, nFeatures }, wins, trials },
 *   { nEstimators: 300, maxDepth: 6, earlyStoppingRounds: 20 },
 *   { validation },
 * )
 */
export function trainGbdt(
  data: LabelledData,
  paramsInput: GbdtParamsInput = {},
  options: TrainOptions = {},
): GbdtModel {
  const params = parseGbdtParams(paramsInput)
  const { validation, featureNames } = options
  if (params.earlyStoppingRounds !== undefined && validation === undefined) {
    throw new GbdtError('GBDT_INVALID_PARAMS', 'earlyStoppingRounds needs a validation set')
  }
  const targets = validateLabelledData(data, { name: 'training', requireBothClasses: true })
  const matrix = data.features
  const nFeatures = matrix.nFeatures
  const validTargets =
    validation === undefined
      ? null
      : validateLabelledData(validation, {
          name: 'validation',
          requireBothClasses: false,
          expectedFeatures: nFeatures,
        })
  const threads = options.threads ?? 1
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_TRAINING_THREADS) {
    throw new GbdtError(
      'GBDT_INVALID_PARAMS',
      `threads must be an integer from 1 to ${MAX_TRAINING_THREADS}, got ${threads}`,
    )
  }
  if (featureNames !== undefined && featureNames.length !== nFeatures) {
    throw new GbdtError(
      'GBDT_SHAPE_MISMATCH',
      `${featureNames.length} feature names for ${nFeatures} features`,
    )
  }

  const prior = marginPrior(params, nFeatures)
  const baseScore = params.baseScore ?? (prior === null ? targets.totalWins / targets.totalTrials : 0.5)
  const baseMargin = Math.fround(logit(baseScore))
  const shared = allocateSharedTraining(
    binRecordLayout(nFeatures, params.maxBin),
    matrix.nRows,
    params.maxBin,
    params.maxDepth,
    matrix.values,
    threads > 1,
  )
  shared.label.set(targets.label)
  shared.weight.set(targets.weight)
  shared.margin.fill(baseMargin)
  addPriorMargins(prior, matrix.values, nFeatures, shared.margin)
  const team = createTrainingTeam(shared, threads)
  let result: BoostingResult
  try {
    const ctx: GrowContext = {
      cuts: quantiseOnTeam(shared, team, !uniformWeights(targets)),
      shared,
      team,
      histogramSlots: createSlotPool(shared.shape.histogramSlots),
      segmentSlots: createSlotPool(shared.shape.segmentSlots),
      rules: params,
      maxDepth: params.maxDepth,
      learningRate: params.learningRate,
    }
    result = boost(ctx, params, targets, options, validTargets, baseMargin)
  } finally {
    team.close()
  }
  const { trees, history } = result
  const model = new GbdtModel({
    nFeatures,
    featureNames: featureNames === undefined ? null : [...featureNames],
    baseScore,
    baseMargin,
    params: canonicalParams(params),
    trees: flattenTrees(trees.slice(0, history.bestIteration + 1)),
    history,
  })
  // The workers are stopped and the trees copied out: the next run of this thread may reuse it.
  shelveArena(shared.buffers)
  return model
}

function uniformWeights(targets: Targets): boolean {
  const first = targets.weight[0]
  return targets.weight.every((w) => w === first)
}

function flattenTrees(trees: GrownTree[]): GbdtTrees {
  const treeStart = new Int32Array(trees.length + 1)
  trees.forEach((tree, t) => {
    treeStart[t + 1] = treeStart[t]! + tree.feature.length
  })
  const total = treeStart[trees.length]!
  const flat: GbdtTrees = {
    treeStart,
    feature: new Int32Array(total),
    threshold: new Float32Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float32Array(total),
    gain: new Float64Array(total),
  }
  trees.forEach((tree, t) => {
    const at = treeStart[t]!
    flat.feature.set(tree.feature, at)
    flat.threshold.set(tree.threshold, at)
    flat.left.set(tree.left, at)
    flat.right.set(tree.right, at)
    flat.value.set(tree.value, at)
    flat.gain.set(tree.gain, at)
  })
  return flat
}
