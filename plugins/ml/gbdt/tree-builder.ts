import type { BinCuts } from './binning.ts'
import { subtractHistogram } from './histogram.ts'
import { OP_HISTOGRAM, OP_LEAF_MARGINS, OP_PARTITION, OP_SPLIT_MARGINS } from './kernels.ts'
import type { RowStore } from './row-store.ts'
import {
  histogramAt,
  type SharedTraining,
  type SlotPool,
  STORE_EVEN_DEPTH,
  STORE_ODD_DEPTH,
  segmentRecordCount,
  writeRootSegments,
} from './shared-training.ts'
import { findBestSplit, leafValue, type SplitChoice, type SplitRules } from './split.ts'
import type { TrainingTeam } from './team.ts'

/**
 * Nodes with fewer records than this are handled by the calling thread alone: waking a worker
 * costs more than the work. Only who runs a task depends on it, never what the task computes.
 */
const ALONE_BELOW_RECORDS = 4096

/** Buffers and settings shared by every tree of one training run (allocated once, reused). */
export interface GrowContext {
  cuts: BinCuts
  shared: SharedTraining
  team: TrainingTeam
  histogramSlots: SlotPool
  segmentSlots: SlotPool
  rules: SplitRules
  maxDepth: number
  learningRate: number
}

/** One tree in flat arrays; node 0 is the root, child ids are local to the tree. */
export interface GrownTree {
  feature: Int32Array
  threshold: Float32Array
  /** The split in bin space (rows with bin ≤ splitBin go left), for binned prediction. */
  splitBin: Int32Array
  left: Int32Array
  right: Int32Array
  value: Float32Array
  gain: Float64Array
}

interface PendingNode {
  id: number
  depth: number
  records: number
  grad: number
  hess: number
  histogram: number
  segments: number
}

/**
 * Grows one tree depth-first over records `0..nSample` of store `rootStore`. Splits equal
 * XGBoost's level-wise growth (a node's split depends on its own rows only); depth-first keeps just
 * depth + 1 histograms alive. Only the smaller child's histogram is built, the larger one is the
 * parent's minus it. `features` are this tree's columns (colsample_bytree), ascending.
 *
 * Partitions, histograms and margin updates are jobs of the team (see kernels.ts); the split
 * search and the bookkeeping stay on the calling thread.
 *
 * @example
 * const tree = growTree(context, STORE_ALL_ROWS, nSample, sampledFeatures, sampledFeatures.length < nFeatures)
 */
export function growTree(
  ctx: GrowContext,
  rootStore: number,
  nSample: number,
  features: Int32Array,
  subsampledColumns: boolean,
): GrownTree {
  const capacity = Math.min(2 ** (ctx.maxDepth + 1) - 1, 2 * nSample - 1)
  const tree: GrownTree = {
    feature: new Int32Array(capacity).fill(-1),
    threshold: new Float32Array(capacity),
    splitBin: new Int32Array(capacity).fill(-1),
    left: new Int32Array(capacity).fill(-1),
    right: new Int32Array(capacity).fill(-1),
    value: new Float32Array(capacity),
    gain: new Float64Array(capacity),
  }
  const { cuts, shared, histogramSlots, segmentSlots, rules } = ctx
  const nSelected = subsampledColumns ? features.length : -1
  if (subsampledColumns) shared.features.set(features)
  const storeAt = (depth: number) =>
    depth === 0 ? rootStore : depth % 2 === 1 ? STORE_ODD_DEPTH : STORE_EVEN_DEPTH
  const rootSegments = segmentSlots.acquire()
  writeRootSegments(shared, rootSegments, nSample)
  const rootHistogram = histogramSlots.acquire()
  buildNodeHistogram(ctx, rootStore, rootSegments, rootHistogram, nSample, nSelected)
  const [grad, hess] = histogramTotals(histogramAt(shared, rootHistogram), features[0]!, cuts)
  let nNodes = 1
  const stack: PendingNode[] = [
    { id: 0, depth: 0, records: nSample, grad, hess, histogram: rootHistogram, segments: rootSegments },
  ]
  while (stack.length > 0) {
    const node = stack.pop()!
    const parentHistogram = histogramAt(shared, node.histogram)
    const split = findBestSplit(
      parentHistogram,
      features,
      cuts.nBins,
      cuts.binStride,
      node.grad,
      node.hess,
      rules,
    )
    const alone = node.records < ALONE_BELOW_RECORDS
    if (split.feature < 0) {
      histogramSlots.release(node.histogram)
      const value = leafValue(node.grad, node.hess, rules.regLambda, ctx.learningRate)
      tree.value[node.id] = value
      setArgs(shared, [OP_LEAF_MARGINS, storeAt(node.depth), node.segments], [value])
      ctx.team.run(shared.shape.nSegments, alone)
      segmentSlots.release(node.segments)
      continue
    }
    const leftId = nNodes++
    const rightId = nNodes++
    recordSplit(tree, cuts, node.id, split, leftId, rightId)
    const depth = node.depth + 1
    const rightGrad = node.grad - split.leftGrad
    const rightHess = node.hess - split.leftHess
    if (depth >= ctx.maxDepth) {
      // Children are leaves: no partition needed, one pass adds the right leaf value to each row.
      histogramSlots.release(node.histogram)
      const leftValue = leafValue(split.leftGrad, split.leftHess, rules.regLambda, ctx.learningRate)
      const rightValue = leafValue(rightGrad, rightHess, rules.regLambda, ctx.learningRate)
      tree.value[leftId] = leftValue
      tree.value[rightId] = rightValue
      setArgs(
        shared,
        [OP_SPLIT_MARGINS, storeAt(node.depth), node.segments, split.feature, split.bin],
        [leftValue, rightValue],
      )
      ctx.team.run(shared.shape.nSegments, alone)
      segmentSlots.release(node.segments)
      continue
    }
    const leftSegments = segmentSlots.acquire()
    const rightSegments = segmentSlots.acquire()
    setArgs(shared, [
      OP_PARTITION,
      storeAt(node.depth),
      storeAt(depth),
      node.segments,
      leftSegments,
      rightSegments,
      split.feature,
      split.bin,
    ])
    ctx.team.run(shared.shape.nSegments, alone)
    segmentSlots.release(node.segments)
    const leftRecords = segmentRecordCount(shared, leftSegments)
    const rightRecords = node.records - leftRecords
    const leftIsSmaller = leftRecords <= rightRecords
    const smallerHistogram = histogramSlots.acquire()
    buildNodeHistogram(
      ctx,
      storeAt(depth),
      leftIsSmaller ? leftSegments : rightSegments,
      smallerHistogram,
      leftIsSmaller ? leftRecords : rightRecords,
      nSelected,
    )
    subtractHistogram(parentHistogram, histogramAt(shared, smallerHistogram))
    const [leftHistogram, rightHistogram] = leftIsSmaller
      ? [smallerHistogram, node.histogram]
      : [node.histogram, smallerHistogram]
    const child = { depth, grad: split.leftGrad, hess: split.leftHess }
    stack.push(
      {
        id: rightId,
        depth,
        records: rightRecords,
        grad: rightGrad,
        hess: rightHess,
        histogram: rightHistogram,
        segments: rightSegments,
      },
      { ...child, id: leftId, records: leftRecords, histogram: leftHistogram, segments: leftSegments },
    )
  }
  return trimTree(tree, nNodes)
}

function setArgs(shared: SharedTraining, ints: number[], floats: number[] = []): void {
  shared.intArgs.set(ints)
  shared.floatArgs.set(floats)
}

function buildNodeHistogram(
  ctx: GrowContext,
  store: number,
  segments: number,
  histogram: number,
  records: number,
  nSelected: number,
): void {
  const alone = records < ALONE_BELOW_RECORDS
  const nTasks = alone ? 1 : ctx.team.threads
  setArgs(ctx.shared, [OP_HISTOGRAM, store, segments, histogram, nSelected, nTasks])
  ctx.team.run(nTasks, alone)
}

/** Σg and Σh of a node from one feature's bins (every record falls in exactly one bin). */
function histogramTotals(hist: Float64Array, feature: number, cuts: BinCuts): [number, number] {
  let grad = 0
  let hess = 0
  for (let b = 0, slot = 2 * feature * cuts.binStride; b < cuts.nBins[feature]!; b++, slot += 2) {
    grad += hist[slot]!
    hess += hist[slot + 1]!
  }
  return [grad, hess]
}

function recordSplit(
  tree: GrownTree,
  cuts: BinCuts,
  id: number,
  split: SplitChoice,
  left: number,
  right: number,
) {
  tree.feature[id] = split.feature
  tree.splitBin[id] = split.bin
  tree.threshold[id] = cuts.cutValues[cuts.cutStart[split.feature]! + split.bin]!
  tree.left[id] = left
  tree.right[id] = right
  tree.gain[id] = split.gain
}

function trimTree(tree: GrownTree, nNodes: number): GrownTree {
  return {
    feature: tree.feature.slice(0, nNodes),
    threshold: tree.threshold.slice(0, nNodes),
    splitBin: tree.splitBin.slice(0, nNodes),
    left: tree.left.slice(0, nNodes),
    right: tree.right.slice(0, nNodes),
    value: tree.value.slice(0, nNodes),
    gain: tree.gain.slice(0, nNodes),
  }
}

/**
 * Adds a tree's leaf values to the margins of rows it was not grown on (rows left out by
 * `subsample`), walking the tree in bin space over the full, row-ordered store.
 *
 * @example
 * addTreeToBinnedRows(tree, allRows, outOfSampleRows, nOut, margin)
 */
export function addTreeToBinnedRows(
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
