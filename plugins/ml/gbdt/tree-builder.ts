import type { BinCuts } from './binning.ts'
import { gradSlot } from './histogram.ts'
import { NODE_BUILD, NODE_SCAN, OP_LEAF_MARGINS, OP_NODE, OP_PARTITION, OP_SPLIT_MARGINS } from './kernels.ts'
import {
  histogramAt,
  type SharedTraining,
  type SlotPool,
  STORE_WORK,
  segmentRecordCount,
  writeRootSegments,
} from './shared-training.ts'
import {
  CANDIDATE_FLOATS,
  leafValue,
  minimumHessian,
  pickCandidate,
  type SplitChoice,
  type SplitRules,
} from './split.ts'
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
  /** Found when the node's histogram was built (NODE_SCAN). */
  split: SplitChoice
}

/**
 * Grows one tree depth-first over records `0..nSample` of store `rootStore`. Splits equal
 * XGBoost's level-wise growth (a node's split depends on its own rows only); depth-first keeps just
 * depth + 1 histograms alive. Only the smaller child's histogram is built, the larger one is the
 * parent's minus it. `features` are this tree's columns (colsample_bytree), ascending.
 *
 * Partitions, histograms with their split search, and margin updates are jobs of the team (see
 * kernels.ts); only picking among the threads' candidates and the bookkeeping stay on the calling
 * thread.
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
  const storeAt = (depth: number) => (depth === 0 ? rootStore : STORE_WORK)
  const job = (store: number, segments: number, built: number, records: number) => ({
    store,
    segments,
    built,
    sibling: -1,
    records,
    nSelected,
    mode: NODE_BUILD,
    totals: [0, 0, 0, 0],
  })
  const rootSegments = segmentSlots.acquire()
  writeRootSegments(shared, rootSegments, nSample)
  const rootHistogram = histogramSlots.acquire()
  const rootJob = job(rootStore, rootSegments, rootHistogram, nSample)
  runNodeJob(ctx, rootJob)
  // The totals come from the finished histogram (one feature's bins), so the root's scan is a job of its own.
  const [grad, hess] = histogramTotals(histogramAt(shared, rootHistogram), features[0]!, cuts)
  const [rootSplit] = runNodeJob(ctx, { ...rootJob, mode: NODE_SCAN, totals: [grad, hess, 0, 0] })
  let nNodes = 1
  const stack: PendingNode[] = [
    {
      id: 0,
      depth: 0,
      records: nSample,
      grad,
      hess,
      histogram: rootHistogram,
      segments: rootSegments,
      split: rootSplit!,
    },
  ]
  while (stack.length > 0) {
    const node = stack.pop()!
    const { split } = node
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
      STORE_WORK,
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
    const left = { grad: split.leftGrad, hess: split.leftHess, records: leftRecords, segments: leftSegments }
    const right = { grad: rightGrad, hess: rightHess, records: rightRecords, segments: rightSegments }
    const [smaller, larger] = leftIsSmaller ? [left, right] : [right, left]
    const smallerHistogram = histogramSlots.acquire()
    // Builds the smaller child, turns the parent's histogram into the larger one, scans both.
    const [smallerSplit, largerSplit] = runNodeJob(ctx, {
      ...job(STORE_WORK, smaller.segments, smallerHistogram, smaller.records),
      sibling: node.histogram,
      mode: NODE_BUILD | NODE_SCAN,
      totals: [smaller.grad, smaller.hess, larger.grad, larger.hess],
    })
    const child = (id: number, side: typeof left, histogram: number, childSplit: SplitChoice) => ({
      id,
      depth,
      ...side,
      histogram,
      split: childSplit,
    })
    const leftChild = leftIsSmaller
      ? child(leftId, left, smallerHistogram, smallerSplit!)
      : child(leftId, left, node.histogram, largerSplit!)
    const rightChild = leftIsSmaller
      ? child(rightId, right, node.histogram, largerSplit!)
      : child(rightId, right, smallerHistogram, smallerSplit!)
    stack.push(rightChild, leftChild)
  }
  return trimTree(tree, nNodes)
}

function setArgs(shared: SharedTraining, ints: number[], floats: number[] = []): void {
  shared.intArgs.set(ints)
  shared.floatArgs.set(floats)
}

/** A NODE job (see kernels.ts): which histograms to build, subtract and scan. */
interface NodeJob {
  store: number
  segments: number
  built: number
  sibling: number
  records: number
  nSelected: number
  mode: number
  /** Σg, Σh of the built node, then of the sibling. */
  totals: number[]
}

/** Runs one NODE job; with NODE_SCAN, returns the split chosen for the built node and the sibling. */
function runNodeJob(ctx: GrowContext, job: NodeJob): SplitChoice[] {
  const { shared, rules } = ctx
  const alone = job.records < ALONE_BELOW_RECORDS
  const nTasks = alone ? 1 : ctx.team.threads
  setArgs(
    shared,
    [OP_NODE, job.store, job.segments, job.built, job.nSelected, nTasks, job.sibling, job.mode],
    [...job.totals, rules.regLambda, minimumHessian(rules)],
  )
  ctx.team.run(nTasks, alone)
  if ((job.mode & NODE_SCAN) === 0) return []
  const stride = 2 * CANDIDATE_FLOATS
  const parts = shared.splitParts
  return [
    pickCandidate(parts, 0, stride, nTasks, rules.gamma),
    pickCandidate(parts, CANDIDATE_FLOATS, stride, nTasks, rules.gamma),
  ]
}

function histogramTotals(hist: Float64Array, feature: number, cuts: BinCuts): [number, number] {
  let grad = 0
  let hess = 0
  for (let b = 0, slot = gradSlot(feature, 0, cuts.binStride); b < cuts.nBins[feature]!; b++, slot++) {
    grad += hist[slot]!
    hess += hist[slot + cuts.binStride]!
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
