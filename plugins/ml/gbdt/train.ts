import { quantiseFeatures } from './binning.ts'
import { type LabelledData, type Targets, validateLabelledData } from './dataset.ts'
import { GbdtError } from './errors.ts'
import { createHistogramPool } from './histogram.ts'
import { logisticGradients, logit, marginLogLoss } from './loss.ts'
import { GbdtModel, type GbdtTrees } from './model.ts'
import { canonicalParams, type GbdtParamsInput, parseGbdtParams } from './params.ts'
import { createRandom, sampleSortedIndices } from './prng.ts'
import { createRowStore, gatherRows } from './row-store.ts'
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
}

/**
 * Trains a binary logistic GBDT with XGBoost's `hist` algorithm: weighted quantile bins, depth-wise
 * trees with histogram subtraction, XGBoost's gain/leaf formulas, row subsampling and per-tree
 * column sampling from a seeded PRNG. Single-threaded and deterministic: the same data, parameters
 * and seed give a byte-identical serialised model.
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
  if (featureNames !== undefined && featureNames.length !== nFeatures) {
    throw new GbdtError(
      'GBDT_SHAPE_MISMATCH',
      `${featureNames.length} feature names for ${nFeatures} features`,
    )
  }

  const baseScore = params.baseScore ?? targets.totalWins / targets.totalTrials
  const baseMargin = Math.fround(logit(baseScore))
  const { cuts, rows: allRows } = quantiseFeatures(
    matrix,
    uniformWeights(targets) ? null : targets.weight,
    params.maxBin,
  )
  const { recordWords, binWords } = allRows.layout
  const nRows = matrix.nRows
  const margin = new Float64Array(nRows).fill(baseMargin)
  const ctx: GrowContext = {
    cuts,
    oddDepth: createRowStore(allRows.layout, nRows),
    evenDepth: createRowStore(allRows.layout, nRows),
    pool: createHistogramPool(2 * nFeatures * cuts.binStride),
    rules: params,
    maxDepth: params.maxDepth,
    learningRate: params.learningRate,
    margin,
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

  for (let round = 0; round < params.nEstimators; round++) {
    const { label, weight, totalTrials } = targets
    const lossBefore = logisticGradients(
      margin,
      label,
      weight,
      totalTrials,
      allRows.gradHess,
      recordWords,
      binWords,
    )
    if (round > 0) {
      trainLogLoss.push(lossBefore)
      report(round - 1)
    }
    const nOut = params.subsample < 1 ? sampleRows(sampled, outOfSample, params.subsample, random) : 0
    const columns = nColumns === nFeatures ? allColumns : sampleSortedIndices(nFeatures, nColumns, random)
    let root = allRows
    if (params.subsample < 1) {
      gatherRows(allRows, sampled, nRows - nOut, ctx.evenDepth)
      root = ctx.evenDepth
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
