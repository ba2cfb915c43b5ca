import { assembleCuts, type BinCuts, QUANTISE_BLOCK, writeRowIds } from './binning.ts'
import type { LabelledData, Targets } from './dataset.ts'
import { OP_GRADIENTS, OP_QUANTISE } from './kernels.ts'
import { marginLogLoss } from './loss.ts'
import type { TrainingHistory } from './model.ts'
import type { GbdtParams } from './params.ts'
import { addPriorMargins, marginPrior } from './prior.ts'
import { createRandom, sampleSortedIndices } from './prng.ts'
import { gatherRows, type RowStore } from './row-store.ts'
import { type SharedTraining, STORE_ALL_ROWS, STORE_WORK } from './shared-training.ts'
import type { TrainingTeam } from './team.ts'
import type { RoundReport } from './train.ts'
import { type GrowContext, type GrownTree, growTree } from './tree-builder.ts'

/** What the boosting rounds produce: every grown tree and the per-round losses. */
export interface BoostingResult {
  trees: GrownTree[]
  history: TrainingHistory
}

/**
 * Quantises the shared matrix (one job, a task per block of features) into the all-rows records
 * and returns the cuts. Columns are independent, so the cuts never depend on the thread count.
 *
 * @example
 * const cuts = quantiseOnTeam(shared, team, false)
 */
export function quantiseOnTeam(shared: SharedTraining, team: TrainingTeam, weighted: boolean): BinCuts {
  const { nRows, binStride, layout } = shared.shape
  writeRowIds(shared.stores[STORE_ALL_ROWS], nRows)
  shared.intArgs[0] = OP_QUANTISE
  shared.intArgs[1] = weighted ? 1 : 0
  team.run(Math.ceil(layout.nFeatures / QUANTISE_BLOCK))
  const perFeature = Array.from({ length: layout.nFeatures }, (_, f) =>
    shared.cutValues.slice(f * binStride, f * binStride + shared.cutCounts[f]!),
  )
  return assembleCuts(perFeature, binStride)
}

/**
 * The boosting rounds: gradients, one tree, margins, validation and early stopping, round after
 * round. `shared` holds quantised records, labels, weights and margins at the base margin.
 *
 * @example
 * const { trees, history } = boost(context, params, targets, { validation }, validTargets, baseMargin)
 */
export function boost(
  ctx: GrowContext,
  params: GbdtParams,
  targets: Targets,
  options: { validation?: LabelledData; onRound?: (report: RoundReport) => void },
  validTargets: Targets | null,
  baseMargin: number,
): BoostingResult {
  const { shared, team } = ctx
  const { validation } = options
  const { nRows, layout } = shared.shape
  const nFeatures = layout.nFeatures
  const margin = shared.margin
  const allRows = shared.stores[STORE_ALL_ROWS]
  const sampled = new Uint32Array(params.subsample < 1 ? nRows : 0)
  const outOfSample = new Uint32Array(params.subsample < 1 ? nRows : 0)
  const validMargin =
    validation === undefined ? null : new Float64Array(validation.features.nRows).fill(baseMargin)
  if (validation !== undefined && validMargin !== null)
    addPriorMargins(marginPrior(params, nFeatures), validation.features.values, nFeatures, validMargin)
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
    const lossBefore = computeGradients(shared, team, targets.totalTrials, params.subsample >= 1)
    if (round > 0) {
      trainLogLoss.push(lossBefore)
      report(round - 1)
    }
    const nOut = params.subsample < 1 ? sampleRows(sampled, outOfSample, params.subsample, random) : 0
    const columns = nColumns === nFeatures ? allColumns : sampleSortedIndices(nFeatures, nColumns, random)
    // Every tree grows in the work store: the sampled rows gathered there, or all rows copied there
    // by the gradient job.
    if (params.subsample < 1) gatherRows(allRows, sampled, nRows - nOut, shared.stores[STORE_WORK])
    const tree = growTree(ctx, STORE_WORK, nRows - nOut, columns, nColumns < nFeatures)
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
  return {
    trees,
    history: {
      trainLogLoss,
      validLogLoss: validation === undefined ? null : validLogLoss,
      bestIteration,
      stoppedEarly,
    },
  }
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

/**
 * Writes every row's (g, h) into its record (one job, a task per block of rows) and returns the
 * mean log-loss of the current margins; block sums are added in block order whatever the threads.
 * `copyToWork`: each block is also copied to the work store, where the next tree grows.
 */
function computeGradients(
  shared: SharedTraining,
  team: TrainingTeam,
  totalWeight: number,
  copyToWork: boolean,
): number {
  shared.intArgs[0] = OP_GRADIENTS
  shared.intArgs[1] = shared.shape.nRows
  shared.intArgs[2] = copyToWork ? 1 : 0
  team.run(shared.shape.gradientBlocks)
  let loss = 0
  for (let b = 0; b < shared.shape.gradientBlocks; b++) loss += shared.lossParts[b]!
  return loss / totalWeight
}

/**
 * Adds a tree's leaf values to the margins of rows it was not grown on (rows left out by
 * `subsample`), walking the tree in bin space over the full, row-ordered store.
 *
 * @example
 * addTreeToBinnedRows(tree, allRows, outOfSampleRows, nOut, margin)
 */
function addTreeToBinnedRows(
  tree: GrownTree,
  allRows: RowStore,
  rows: Uint32Array,
  nRows: number,
  margin: Float64Array,
): void {
  const { feature, splitBin, left, right, value } = tree
  const { bins } = allRows
  const stride = allRows.layout.binsPerRecord
  for (let i = 0; i < nRows; i++) {
    const row = rows[i]!
    const base = row * stride
    let node = 0
    while (feature[node]! >= 0) {
      node = bins[base + feature[node]!]! <= splitBin[node]! ? left[node]! : right[node]!
    }
    margin[row]! += value[node]!
  }
}
