import { buildHistogram, type NodeSegments } from './histogram.ts'
import { copyRecords, partitionInPlace, type RowStore } from './row-store.ts'
import {
  histogramAt,
  MAX_NODE_TASKS,
  NODE_FLOATS,
  NODE_INTS,
  PIECE_INTS,
  type SharedTraining,
  STORE_WORK,
} from './shared-training.ts'
import { CANDIDATE_FLOATS, scanSplits } from './split.ts'

/**
 * The two jobs of one tree-building step (tree-builder.ts), each covering every node of the step,
 * so a step costs two waits for the team whatever its number of nodes, and small nodes are shared
 * out like big ones.
 *
 * SEGMENTS: intArgs [1] nodes. Node n: nodeInts [kind, store, segment slot, left slot, right slot,
 * feature, bin], nodeFloats [leaf value | left leaf value, right leaf value]. Task k handles
 * segment k of every node, in node order: a leaf adds its value to its rows' margins, a split whose
 * children are leaves adds the left or right value, any other split partitions its run in place in
 * the work store (copied there first when the node lives in another store) and writes both
 * children's runs. Runs of different nodes never overlap, so the tasks are independent.
 *
 * NODES: intArgs [1] tasks, [2] selected columns (−1 = all); floatArgs [0] λ, [1] minimum child
 * hessian. Node n: nodeInts [store, segment slot, histogram slot to build, sibling slot (−1 =
 * none), NODE_* mode, slot to merge (NODE_MERGE)], nodeFloats [Σg, Σh of the built node, Σg, Σh of the sibling]. Task t
 * runs pieces taskInts[t] .. taskInts[t + 1]; piece p is taskInts at MAX_NODE_TASKS + 1 +
 * p × PIECE_INTS: [node, from, to], columns from..to of that node (see `nodePiece`); its split
 * candidates go to `splitParts` at p × 2 × CANDIDATE_FLOATS (built node), + CANDIDATE_FLOATS
 * (sibling).
 */
export const STEP_LEAF = 0
export const STEP_SPLIT_LEAVES = 1
export const STEP_PARTITION = 2

/** Mode bits of a node in a NODES job. */
export const NODE_BUILD = 1
export const NODE_SCAN = 2
/** Before scanning a range, add the histogram in nodeInts [5] into the built one (the root's halves). */
export const NODE_MERGE = 4

/**
 * ROOT_HALVES: intArgs [1] store, [2] segment slot, [3] histogram slot of the first half, [4] of the
 * second, [5] selected columns (−1 = all). Task h sums the root's records of segments h·⌈K/2⌉ ..
 * (h + 1)·⌈K/2⌉ over every column into its slot; a NODE_MERGE scan then adds the second half into
 * the first. Why: cut by columns, both threads streamed all 36 MB of root records (500k × 60:
 * 11.0 + 11.3 ms of CPU against 18.7 for one full pass); cut by rows, each streams half. The halves
 * are fixed (never the thread count), so every cell is still the same sum whoever computes it.
 */
export function rootHalfTask(shared: SharedTraining, half: number): void {
  const a = shared.intArgs
  const all = nodeSegments(shared, a[2]!)
  const first = Math.ceil(all.nSegments / 2)
  const segments = {
    ...all,
    base: all.base + 2 * first * half,
    nSegments: half === 0 ? first : all.nSegments - first,
  }
  const columns = a[5]! < 0 ? null : shared.features
  const width = columns === null ? shared.shape.layout.nFeatures : a[5]!
  const hist = histogramAt(shared, a[3 + half]!)
  const kernel = shared.histogramKernel
  const { binStride } = shared.shape
  buildHistogram(
    hist,
    shared.stores[a[1]!]!,
    segments,
    binStride,
    shared.cutCounts,
    columns,
    0,
    width,
    kernel,
  )
}

/** Segment k of every node of the step (see above). */
export function segmentsTask(shared: SharedTraining, k: number): void {
  const nNodes = shared.intArgs[1]!
  const { segments, nodeInts, nodeFloats, margin } = shared
  const stride = shared.shape.nSegments * 2
  const work = shared.stores[STORE_WORK]
  for (let n = 0; n < nNodes; n++) {
    const i = n * NODE_INTS
    const kind = nodeInts[i]!
    const store = shared.stores[nodeInts[i + 1]!]!
    const at = nodeInts[i + 2]! * stride + 2 * k
    const start = segments[at]!
    const end = segments[at + 1]!
    const value = nodeFloats[n * NODE_FLOATS]!
    if (kind === STEP_LEAF) {
      addToMargins(store, start, end, margin, value)
    } else if (kind === STEP_SPLIT_LEAVES) {
      const right = nodeFloats[n * NODE_FLOATS + 1]!
      addSplitToMargins(store, start, end, nodeInts[i + 5]!, nodeInts[i + 6]!, value, right, margin)
    } else {
      if (store !== work) copyRecords(store, work, start, end)
      const mid = partitionRun(shared, n, start, end)
      const left = nodeInts[i + 3]! * stride + 2 * k
      const right = nodeInts[i + 4]! * stride + 2 * k
      segments[left] = start
      segments[left + 1] = mid
      segments[right] = mid
      segments[right + 1] = end
    }
  }
}

/**
 * Partitions records `start..end` of the work store by the split of step node `n` (feature and bin
 * in its nodeInts): by the wasm kernel when there is one, else `partitionInPlace` (same swaps, same
 * order).
 */
function partitionRun(shared: SharedTraining, n: number, start: number, end: number): number {
  const store = shared.stores[STORE_WORK]
  const feature = shared.nodeInts[n * NODE_INTS + 5]!
  const bin = shared.nodeInts[n * NODE_INTS + 6]!
  const kernel = shared.partitionKernel
  if (kernel === null) return partitionInPlace(store, start, end, feature, bin)
  const recordBytes = store.layout.recordWords * 4
  const base = store.words.byteOffset
  const at = kernel(
    base + start * recordBytes,
    base + end * recordBytes,
    feature * store.layout.bytesPerBin,
    bin,
  )
  return (at - base) / recordBytes
}

/** The segment list held in `slot`. */
export function nodeSegments(shared: SharedTraining, slot: number): NodeSegments {
  const { nSegments } = shared.shape
  return { segments: shared.segments, base: slot * nSegments * 2, nSegments }
}

/**
 * `target += sign × other` over the used cells of columns `from..to`: feature f's bins
 * `0..lastBin[f]`, the only ones built and read (histogram.ts). Sign ±1: exact, a − b = a + (−b).
 */
function addColumns(
  target: Float64Array,
  other: Float64Array,
  sign: 1 | -1,
  lastBin: Int32Array,
  columns: Int32Array | null,
  from: number,
  to: number,
  binStride: number,
): void {
  for (let k = from; k < to; k++) {
    const f = columns === null ? k : columns[k]!
    const start = 2 * f * binStride
    for (let s = start, end = start + 2 * (lastBin[f]! + 1); s < end; s++) target[s]! += sign * other[s]!
  }
}

/** The pieces of task `task` of a NODES job. */
export function nodesTask(shared: SharedTraining, task: number): void {
  for (let p = shared.taskInts[task]!, end = shared.taskInts[task + 1]!; p < end; p++) nodePiece(shared, p)
}

/**
 * One piece (a column range of one node): build its histogram over the range, turn the parent's histogram
 * in the sibling slot into the larger child's (parent − smaller), then scan both for their best
 * split in the range. Fusing the three keeps the range's histogram blocks hot in cache. Every cell
 * is summed by one task over the node's records in segment order, and candidates are compared in
 * range order, so neither the ranges nor the thread count change any result.
 */
function nodePiece(shared: SharedTraining, piece: number): void {
  const a = shared.intArgs
  const f = shared.floatArgs
  const at = MAX_NODE_TASKS + 1 + piece * PIECE_INTS
  const n = shared.taskInts[at]!
  const from = shared.taskInts[at + 1]!
  const to = shared.taskInts[at + 2]!
  const ints = shared.nodeInts
  const i = n * NODE_INTS
  const columns = a[2]! < 0 ? null : shared.features
  const { binStride } = shared.shape
  const { cutCounts } = shared
  const built = histogramAt(shared, ints[i + 2]!)
  const sibling = ints[i + 3]! < 0 ? null : histogramAt(shared, ints[i + 3]!)
  const mode = ints[i + 4]!
  if ((mode & NODE_MERGE) !== 0)
    addColumns(built, histogramAt(shared, ints[i + 5]!), 1, cutCounts, columns, from, to, binStride)
  if ((mode & NODE_BUILD) !== 0 && from < to) {
    const store = shared.stores[ints[i]!]!
    const segments = nodeSegments(shared, ints[i + 1]!)
    buildHistogram(built, store, segments, binStride, cutCounts, columns, from, to, shared.histogramKernel)
    if (sibling !== null) addColumns(sibling, built, -1, cutCounts, columns, from, to, binStride)
  }
  if ((mode & NODE_SCAN) === 0) return
  const totals = shared.nodeFloats
  const t = n * NODE_FLOATS
  const out = shared.splitParts
  const first = 2 * piece * CANDIDATE_FLOATS
  scanSplits(
    built,
    columns,
    from,
    to,
    cutCounts,
    binStride,
    totals[t]!,
    totals[t + 1]!,
    f[0]!,
    f[1]!,
    out,
    first,
  )
  if (sibling === null) return
  const next = first + CANDIDATE_FLOATS
  scanSplits(
    sibling,
    columns,
    from,
    to,
    cutCounts,
    binStride,
    totals[t + 2]!,
    totals[t + 3]!,
    f[0]!,
    f[1]!,
    out,
    next,
  )
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
  feature: number,
  bin: number,
  leftValue: number,
  rightValue: number,
  margin: Float64Array,
): void {
  const { recordWords, binWords, binsPerRecord } = store.layout
  const { words, bins } = store
  for (let i = start; i < end; i++) {
    const row = words[i * recordWords + binWords + 2]!
    margin[row]! += bins[i * binsPerRecord + feature]! <= bin ? leftValue : rightValue
  }
}
