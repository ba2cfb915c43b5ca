import { binRecordLayout, quantiseFeatures } from './binning.ts'
import { type LabelledData, type Targets, validateLabelledData } from './dataset.ts'
import { GbdtError } from './errors.ts'
import { OP_GRADIENTS } from './kernels.ts'
import { logit, marginLogLoss } from './loss.ts'
import { GbdtModel, type GbdtTrees } from './model.ts'
import { canonicalParams, type GbdtParamsInput, parseGbdtParams } from './params.ts'
import { createRandom, sampleSortedIndices } from './prng.ts'
import { gatherRows } from './row-store.ts'
import {
  allocateSharedTraining,
  createSlotPool,
  type SharedTraining,
  STORE_ALL_ROWS,
  STORE_EVEN_DEPTH,
} from './shared-training.ts'
import { createTrainingTeam, type TrainingTeam } from './team.ts'
import { addTreeToBinnedRows, type GrowContext, type GrownTree, growTree } from './tree-builder.ts'

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

  const baseScore = params.baseScore ?? targets.totalWins / targets.totalTrials
  const baseMargin = Math.fround(logit(baseScore))
  const nRows = matrix.nRows
  const shared = allocateSharedTraining(
    binRecordLayout(nFeatures, params.maxBin),
    nRows,
    params.maxBin,
    params.maxDepth,
  )
  const { cuts } = quantiseFeatures(
    matrix,
    uniformWeights(targets) ? null : targets.weight,
    params.maxBin,
    shared.stores[STORE_ALL_ROWS],
  )
  shared.label.set(targets.label)
  shared.weight.set(targets.weight)
  const margin = shared.margin.fill(baseMargin)
  const allRows = shared.stores[STORE_ALL_ROWS]
  const team = createTrainingTeam(shared, threads)
  const ctx: GrowContext = {
    cuts,
    shared,
    team,
    histogramSlots: createSlotPool(shared.shape.histogramSlots),
    segmentSlots: createSlotPool(shared.shape.segmentSlots),
    rules: params,
    maxDepth: params.maxDepth,
    learningRate: params.learningRate,
  }
  const sampled = new Uint32Array(params.subsample < 1 ? nRows : 0)
  const outOfSample = new Uint32Array(params.subsample < 1 ? nRows : 0)
  const validMargin =
    validation === undefined ? null : new Float64Array(validation.features.nRows).fill(baseMargin)
  const random = createRandom(params.seed)
  const nColumns = Math.max(1, Math.floor(params.colsampleBytree * nFeatures))
  const allColumns = Int32Array.from({ length: nFeatures }, (_, f) => f)

  const trees: GrownTree[] = []
  const trainLogLoss: number[] = []
  const validLogLoss: number[] = []
  let bestIteration = 0
  let bestLoss = Number.POSITIVE_INFINITY
  let bestRound = 0
  let stoppedEarly = false
  const report = (round: number) =>
    options.onRound?.({
      round,
      trainLogLoss: trainLogLoss[round]!,
      validLogLoss: validLogLoss[round] ?? null,
    })

  try {
    for (let round = 0; round < params.nEstimators; round++) {
      const lossBefore = computeGradients(shared, team, targets.totalTrials)
      if (round > 0) {
        trainLogLoss.push(lossBefore)
        report(round - 1)
      }
      const nOut = params.subsample < 1 ? sampleRows(sampled, outOfSample, params.subsample, random) : 0
      const columns = nColumns === nFeatures ? allColumns : sampleSortedIndices(nFeatures, nColumns, random)
      let root = STORE_ALL_ROWS
      if (params.subsample < 1) {
        gatherRows(allRows, sampled, nRows - nOut, shared.stores[STORE_EVEN_DEPTH])
        root = STORE_EVEN_DEPTH
      }
      const tree = growTree(ctx, root, nRows - nOut, columns, nColumns < nFeatures)
      if (nOut > 0) addTreeToBinnedRows(tree, allRows, outOfSample, nOut, margin)
      trees.push(tree)
      bestIteration = round
      if (validation !== undefined && validMargin !== null && validTargets !== null) {
        addTreeToRows(tree, validation.features.values, nFeatures, validMargin)
        const loss = marginLogLoss(
          validMargin,
          validTargets.label,
          validTargets.weight,
          validTargets.totalTrials,
        )
        validLogLoss.push(loss)
        if (params.earlyStoppingRounds !== undefined) {
          if (loss < bestLoss) {
            bestLoss = loss
            bestRound = round
          }
          bestIteration = bestRound
          if (round - bestIteration >= params.earlyStoppingRounds) {
            stoppedEarly = round + 1 < params.nEstimators
            break
          }
        }
      }
    }
  } finally {
    team.close()
  }
  trainLogLoss.push(marginLogLoss(margin, targets.label, targets.weight, targets.totalTrials))
  report(trainLogLoss.length - 1)

  return new GbdtModel({
    nFeatures,
    featureNames: featureNames === undefined ? null : [...featureNames],
    baseScore,
    baseMargin,
    params: canonicalParams(params),
    trees: flattenTrees(trees.slice(0, bestIteration + 1)),
    history: {
      trainLogLoss,
      validLogLoss: validation === undefined ? null : validLogLoss,
      bestIteration,
      stoppedEarly,
    },
  })
}

/**
 * Writes every row's (g, h) into its record (one job, a task per block of rows) and returns the
 * mean log-loss of the current margins; block sums are added in block order whatever the threads.
 */
function computeGradients(shared: SharedTraining, team: TrainingTeam, totalWeight: number): number {
  shared.intArgs[0] = OP_GRADIENTS
  shared.intArgs[1] = shared.shape.nRows
  team.run(shared.shape.gradientBlocks)
  let loss = 0
  for (let b = 0; b < shared.shape.gradientBlocks; b++) loss += shared.lossParts[b]!
  return loss / totalWeight
}

function uniformWeights(targets: Targets): boolean {
  const first = targets.weight[0]
  return targets.weight.every((w) => w === first)
}

/**
 * Fills `sampled` with this round's rows (ascending) and `outOfSample` with the rest; returns how
 * many were left out. Bernoulli sampling like XGBoost; if no row is drawn, the first row is kept
 * (a tree needs at least one row).
 */
function sampleRows(
  sampled: Uint32Array,
  outOfSample: Uint32Array,
  subsample: number,
  random: () => number,
): number {
  const nRows = sampled.length
  let nIn = 0
  let nOut = 0
  for (let r = 0; r < nRows; r++) {
    if (random() < subsample) sampled[nIn++] = r
    else outOfSample[nOut++] = r
  }
  if (nIn > 0) return nOut
  sampled[0] = 0
  outOfSample.copyWithin(0, 1, nOut)
  return nOut - 1
}

/** Adds one tree's output to margins of raw float rows (validation set), same rule as prediction. */
function addTreeToRows(tree: GrownTree, values: Float32Array, nFeatures: number, margin: Float64Array): void {
  const { feature, threshold, left, right, value } = tree
  for (let r = 0; r < margin.length; r++) {
    const base = r * nFeatures
    let node = 0
    while (feature[node]! >= 0)
      node = values[base + feature[node]!]! < threshold[node]! ? left[node]! : right[node]!
    margin[r]! += value[node]!
  }
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
