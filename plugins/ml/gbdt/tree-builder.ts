import type { BinCuts } from './binning.ts'
import { buildHistogram, type HistogramPool, subtractHistogram } from './histogram.ts'
import { partitionRows, type RowStore } from './row-store.ts'
import { findBestSplit, leafValue, type SplitChoice, type SplitRules } from './split.ts'

/** Buffers and settings shared by every tree of one training run (allocated once, reused). */
export interface GrowContext {
  cuts: BinCuts
  /** Records of nodes at odd depths, and at even depths ≥ 2 (depth 0 is the caller's root store). */
  oddDepth: RowStore
  evenDepth: RowStore
  pool: HistogramPool
  rules: SplitRules
  maxDepth: number
  learningRate: number
  /** Training margins by row id: each sampled row gets its leaf value as soon as the leaf is final. */
  margin: Float64Array
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
  start: number
  end: number
  depth: number
  grad: number
  hess: number
  hist: Float64Array
}

/**
 * Grows one tree depth-first over records `0..nSample` of `root`. Splits equal XGBoost's
 * level-wise growth (a node's split depends on its own rows only); depth-first keeps just
 * depth + 1 histograms alive. Only the smaller child's histogram is built, the larger one is the
 * parent's minus it. `features` are this tree's columns (colsample_bytree), ascending.
 *
 * @example
 * const tree = growTree(context, rootStore, nSample, sampledFeatures, sampledFeatures.length < nFeatures)
 */
export function growTree(
  ctx: GrowContext,
  root: RowStore,
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
  const { cuts, pool } = ctx
  const histFeatures = subsampledColumns ? features : null
  const storeAt = (depth: number) => (depth === 0 ? root : depth % 2 === 1 ? ctx.oddDepth : ctx.evenDepth)
  const rootHist = pool.acquire()
  buildHistogram(rootHist, root, 0, nSample, cuts.binStride, histFeatures)
  const [grad, hess] = sumGradients(root, nSample)
  let nNodes = 1
  const stack: PendingNode[] = [{ id: 0, start: 0, end: nSample, depth: 0, grad, hess, hist: rootHist }]
  while (stack.length > 0) {
    const node = stack.pop()!
    const store = storeAt(node.depth)
    const split = findBestSplit(
      node.hist,
      features,
      cuts.nBins,
      cuts.binStride,
      node.grad,
      node.hess,
      ctx.rules,
    )
    if (split.feature < 0) {
      pool.release(node.hist)
      const value = leafValue(node.grad, node.hess, ctx.rules.regLambda, ctx.learningRate)
      tree.value[node.id] = value
      addToMargins(store, node.start, node.end, ctx.margin, value)
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
      pool.release(node.hist)
      const leftValue = leafValue(split.leftGrad, split.leftHess, ctx.rules.regLambda, ctx.learningRate)
      const rightValue = leafValue(rightGrad, rightHess, ctx.rules.regLambda, ctx.learningRate)
      tree.value[leftId] = leftValue
      tree.value[rightId] = rightValue
      addSplitToMargins(store, node.start, node.end, split, leftValue, rightValue, ctx.margin)
      continue
    }
    const childStore = storeAt(depth)
    const mid = partitionRows(store, childStore, node.start, node.end, split.feature, split.bin)
    const leftIsSmaller = mid - node.start <= node.end - mid
    const smallerHist = pool.acquire()
    const [from, to] = leftIsSmaller ? [node.start, mid] : [mid, node.end]
    buildHistogram(smallerHist, childStore, from, to, cuts.binStride, histFeatures)
    subtractHistogram(node.hist, smallerHist)
    const [leftHist, rightHist] = leftIsSmaller ? [smallerHist, node.hist] : [node.hist, smallerHist]
    stack.push(
      { id: rightId, start: mid, end: node.end, depth, grad: rightGrad, hess: rightHess, hist: rightHist },
      {
        id: leftId,
        start: node.start,
        end: mid,
        depth,
        grad: split.leftGrad,
        hess: split.leftHess,
        hist: leftHist,
      },
    )
  }
  return trimTree(tree, nNodes)
}

function sumGradients(store: RowStore, count: number): [number, number] {
  const { recordWords, binWords } = store.layout
  const gh = store.gradHess
  let grad = 0
  let hess = 0
  for (let i = 0, at = binWords; i < count; i++, at += recordWords) {
    grad += gh[at]!
    hess += gh[at + 1]!
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

function addToMargins(
  store: RowStore,
  start: number,
  end: number,
  margin: Float64Array,
  value: number,
): void {
  const { recordWords, binWords } = store.layout
  const words = store.words
  for (let i = start, at = start * recordWords + binWords + 2; i < end; i++, at += recordWords) {
    margin[words[at]!]! += value
  }
}

function addSplitToMargins(
  store: RowStore,
  start: number,
  end: number,
  split: SplitChoice,
  leftValue: number,
  rightValue: number,
  margin: Float64Array,
): void {
  const { recordWords, binWords, binsPerRecord } = store.layout
  const { words, bins } = store
  const { feature, bin } = split
  for (let i = start; i < end; i++) {
    const row = words[i * recordWords + binWords + 2]!
    margin[row]! += bins[i * binsPerRecord + feature]! <= bin ? leftValue : rightValue
  }
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
