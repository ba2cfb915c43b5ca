import type { BinCuts } from './binning.ts'
import { gradSlot } from './histogram.ts'
import { OP_ROOT_HALVES, OP_SEGMENTS } from './kernels.ts'
import {
  ALONE_BELOW_RECORDS,
  type BuildNode,
  runNodes,
  setArgs,
  type TreeScope,
  writeNode,
} from './node-jobs.ts'
import {
  histogramAt,
  type SharedTraining,
  type SlotPool,
  STORE_WORK,
  segmentRecordCount,
  writeRootSegments,
} from './shared-training.ts'
import { leafValue, type SplitChoice, type SplitRules } from './split.ts'
import {
  NODE_BUILD,
  NODE_MERGE,
  NODE_SCAN,
  STEP_LEAF,
  STEP_PARTITION,
  STEP_SPLIT_LEAVES,
} from './step-kernels.ts'
import type { TrainingTeam } from './team.ts'

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
 * Grows one tree over records `0..nSample` of store `rootStore`, in **steps**: a step takes up to
 * `maxBatch` pending nodes of the deepest pending depth and runs two jobs for all of them (see
 * step-kernels.ts) — one pass over the segments (leaves add their values to the margins, splits
 * partition their records) and one NODES job that builds every smaller child's histogram, turns
 * each parent's into the larger child's and scans both. With depth 6 a tree is 13 jobs (was one
 * job per node and per partition, ~100), every job is shared by all threads, and small nodes no
 * longer run alone. Splits equal XGBoost's level-wise growth (a node's split depends on its own
 * rows only, and every histogram is summed in segment order whoever builds it). `features` are
 * this tree's columns (colsample_bytree), ascending.
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
  const { cuts, shared, histogramSlots, segmentSlots } = ctx
  if (subsampledColumns) shared.features.set(features)
  const scope: TreeScope = {
    rootStore,
    width: features.length,
    nSelected: subsampledColumns ? features.length : -1,
  }
  const segments = segmentSlots.acquire()
  writeRootSegments(shared, segments, nSample)
  const histogram = histogramSlots.acquire()
  const root: BuildNode = {
    store: rootStore,
    segments,
    histogram,
    sibling: -1,
    records: nSample,
    totals: [0, 0, 0, 0],
  }
  // Two halves of the root's records (ROOT_HALVES), merged by the scan, which needs the totals: a job of its own.
  const half = histogramSlots.acquire()
  setArgs(shared, [OP_ROOT_HALVES, rootStore, segments, histogram, half, scope.nSelected])
  ctx.team.run(2, nSample < ALONE_BELOW_RECORDS)
  const [grad, hess] = histogramTotals(
    histogramAt(shared, histogram),
    histogramAt(shared, half),
    features[0]!,
    cuts,
  )
  const scan = { ...root, totals: [grad, hess, 0, 0], merge: half }
  const split = runNodes(ctx, scope, [scan], NODE_SCAN | NODE_MERGE)[0]![0]
  histogramSlots.release(half)
  const stack: PendingNode[] = [
    { id: 0, depth: 0, records: nSample, grad, hess, histogram, segments, split: split! },
  ]
  let nNodes = 1
  while (stack.length > 0)
    nNodes = step(ctx, scope, tree, popBatch(stack, shared.shape.maxBatch), stack, nNodes)
  return trimTree(tree, nNodes)
}

/**
 * The top pending nodes that share the top one's depth, at most `max`. Taking one depth at a time
 * keeps the stack sorted by depth, so at most min(2·max, 2^d) nodes of depth d are ever pending
 * (the slot count in shared-training.ts).
 */
function popBatch(stack: PendingNode[], max: number): PendingNode[] {
  const depth = stack.at(-1)!.depth
  let n = 0
  while (n < max && n < stack.length && stack[stack.length - 1 - n]!.depth === depth) n++
  return stack.splice(stack.length - n, n)
}

/** One step over `batch` (see growTree); pushes the children that may split again; returns nNodes. */
function step(
  ctx: GrowContext,
  scope: TreeScope,
  tree: GrownTree,
  batch: PendingNode[],
  stack: PendingNode[],
  nNodes: number,
): number {
  const { shared, rules, cuts, histogramSlots, segmentSlots } = ctx
  const inner: { node: PendingNode; leftId: number; leftSegments: number; rightSegments: number }[] = []
  let records = 0
  batch.forEach((node, n) => {
    records += node.records
    const { split } = node
    const store = node.depth === 0 ? scope.rootStore : STORE_WORK
    const leaf = (grad: number, hess: number) => leafValue(grad, hess, rules.regLambda, ctx.learningRate)
    if (split.feature < 0) {
      histogramSlots.release(node.histogram)
      tree.value[node.id] = leaf(node.grad, node.hess)
      writeNode(shared, n, [STEP_LEAF, store, node.segments], [tree.value[node.id]!])
      return
    }
    const leftId = nNodes++
    const rightId = nNodes++
    recordSplit(tree, cuts, node.id, split, leftId, rightId)
    if (node.depth + 1 >= ctx.maxDepth) {
      // Children are leaves: no partition, the pass adds the right leaf value to each row.
      histogramSlots.release(node.histogram)
      tree.value[leftId] = leaf(split.leftGrad, split.leftHess)
      tree.value[rightId] = leaf(node.grad - split.leftGrad, node.hess - split.leftHess)
      const ints = [STEP_SPLIT_LEAVES, store, node.segments, -1, -1, split.feature, split.bin]
      writeNode(shared, n, ints, [tree.value[leftId]!, tree.value[rightId]!])
      return
    }
    const leftSegments = segmentSlots.acquire()
    const rightSegments = segmentSlots.acquire()
    inner.push({ node, leftId, leftSegments, rightSegments })
    writeNode(shared, n, [
      STEP_PARTITION,
      store,
      node.segments,
      leftSegments,
      rightSegments,
      split.feature,
      split.bin,
    ])
  })
  setArgs(shared, [OP_SEGMENTS, batch.length])
  ctx.team.run(shared.shape.nSegments, records < ALONE_BELOW_RECORDS)
  for (const node of batch) segmentSlots.release(node.segments)
  if (inner.length === 0) return nNodes
  const sides = inner.map(({ node, leftSegments, rightSegments }) => {
    const leftRecords = segmentRecordCount(shared, leftSegments)
    const { leftGrad, leftHess } = node.split
    const left = { grad: leftGrad, hess: leftHess, records: leftRecords, segments: leftSegments }
    const right = {
      grad: node.grad - leftGrad,
      hess: node.hess - leftHess,
      records: node.records - leftRecords,
      segments: rightSegments,
    }
    return { left, right, leftIsSmaller: left.records <= right.records }
  })
  const builds = sides.map(({ left, right, leftIsSmaller }, i): BuildNode => {
    const [smaller, larger] = leftIsSmaller ? [left, right] : [right, left]
    const histogram = histogramSlots.acquire()
    const totals = [smaller.grad, smaller.hess, larger.grad, larger.hess]
    return {
      store: STORE_WORK,
      segments: smaller.segments,
      histogram,
      sibling: inner[i]!.node.histogram,
      records: smaller.records,
      totals,
    }
  })
  // Builds each smaller child, turns its parent's histogram into the larger one, scans both.
  const choices = runNodes(ctx, scope, builds, NODE_BUILD | NODE_SCAN)
  inner.forEach(({ node, leftId }, i) => {
    const { left, right, leftIsSmaller } = sides[i]!
    const [smallerSplit, largerSplit] = choices[i]!
    const depth = node.depth + 1
    const smallerHistogram = builds[i]!.histogram
    stack.push(
      leftIsSmaller
        ? { id: leftId, depth, ...left, histogram: smallerHistogram, split: smallerSplit! }
        : { id: leftId, depth, ...left, histogram: node.histogram, split: largerSplit! },
      leftIsSmaller
        ? { id: leftId + 1, depth, ...right, histogram: node.histogram, split: largerSplit! }
        : { id: leftId + 1, depth, ...right, histogram: smallerHistogram, split: smallerSplit! },
    )
  })
  return nNodes
}

/** Σg, Σh of one feature's bins of the merged halves (each cell as NODE_MERGE adds it: first + second). */
function histogramTotals(
  first: Float64Array,
  second: Float64Array,
  feature: number,
  cuts: BinCuts,
): [number, number] {
  let grad = 0
  let hess = 0
  for (let b = 0, slot = gradSlot(feature, 0, cuts.binStride); b < cuts.nBins[feature]!; b++, slot += 2) {
    grad += first[slot]! + second[slot]!
    hess += first[slot + 1]! + second[slot + 1]!
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
