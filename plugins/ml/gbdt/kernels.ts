import { createQuantiseWork, QUANTISE_BLOCK, type QuantiseWork, quantiseBlock } from './binning.ts'
import { buildHistogram, type NodeSegments } from './histogram.ts'
import { logisticGradients } from './loss.ts'
import { copyRecords, partitionInPlace, type RowStore } from './row-store.ts'
import { GRADIENT_BLOCK_ROWS, histogramAt, type SharedTraining } from './shared-training.ts'
import { CANDIDATE_FLOATS, scanSplits } from './split.ts'

/**
 * The operations training threads share. A job is one operation split into independent tasks;
 * any thread may run any task and each task writes memory no other task of the job touches, so
 * the result never depends on which thread ran what (the basis of byte-identical models).
 *
 * Arguments live in `intArgs` / `floatArgs` (index 0 = the operation):
 * - GRADIENTS: [1] rows. Task t: rows of block t → g, h in all-rows records, `lossParts[t]`.
 * - NODE: [1] store, [2] segment slot, [3] histogram slot to build, [4] selected columns (−1 =
 *   all), [5] tasks, [6] sibling slot (the parent's histogram, −1 = none), [7] NODE_* mode bits;
 *   float [0, 1] Σg, Σh of the built node, [2, 3] of the sibling, [4] λ, [5] minimum child
 *   hessian. Task t handles an equal share of the columns (see `nodeTask`).
 * - PARTITION: [1] from store, [2] to store, [3] parent slot, [4] left slot, [5] right slot,
 *   [6] feature, [7] bin. Task k copies segment k into the "to" store (when it differs) and
 *   partitions it there in place.
 * - LEAF_MARGINS: [1] store, [2] slot; float [0] leaf value. Task k: segment k.
 * - SPLIT_MARGINS: [1] store, [2] slot, [3] feature, [4] bin; float [0] left, [1] right value.
 * - QUANTISE: [1] 1 = weighted by `weight`, 0 = uniform. Task t: features of block t → cuts in
 *   `cutValues`/`cutCounts`, bin codes in all-rows records.
 */
export const OP_GRADIENTS = 1
export const OP_NODE = 2
export const OP_PARTITION = 3
export const OP_LEAF_MARGINS = 4
export const OP_SPLIT_MARGINS = 5
export const OP_QUANTISE = 6

/** What a thread keeps for itself between tasks (scratch that would be wasteful to share). */
export interface ThreadLocal {
  quantise: QuantiseWork | null
}

/** Fresh thread-local state. */
export function createThreadLocal(): ThreadLocal {
  return { quantise: null }
}

/**
 * Runs task `task` of the job described by the shared arguments.
 *
 * @example
 * for (let t = 0; t < nTasks; t++) runTask(shared, t, local)
 */
export function runTask(shared: SharedTraining, task: number, local: ThreadLocal): void {
  const a = shared.intArgs
  switch (a[0]) {
    case OP_GRADIENTS:
      gradientTask(shared, task, a[1]!)
      break
    case OP_NODE:
      nodeTask(shared, task)
      break
    case OP_PARTITION:
      partitionTask(shared, task)
      break
    case OP_LEAF_MARGINS:
      leafMarginTask(shared, task)
      break
    case OP_SPLIT_MARGINS:
      splitMarginTask(shared, task)
      break
    case OP_QUANTISE:
      quantiseTask(shared, task, local)
      break
    default:
      throw new RangeError(`unknown training operation ${a[0]}`)
  }
}

function quantiseTask(shared: SharedTraining, block: number, local: ThreadLocal): void {
  const { nRows, binStride, layout } = shared.shape
  local.quantise ??= createQuantiseWork(nRows)
  const first = block * QUANTISE_BLOCK
  const matrix = { values: shared.values, nRows, nFeatures: layout.nFeatures }
  const weight = shared.intArgs[1] === 1 ? shared.weight : null
  const cuts = quantiseBlock(matrix, weight, binStride, shared.stores[0], first, local.quantise)
  cuts.forEach((featureCuts, k) => {
    shared.cutValues.set(featureCuts, (first + k) * binStride)
    shared.cutCounts[first + k] = featureCuts.length
  })
}

function gradientTask(shared: SharedTraining, block: number, nRows: number): void {
  const store = shared.stores[0]
  const { recordWords, binWords } = store.layout
  const start = block * GRADIENT_BLOCK_ROWS
  const end = Math.min(nRows, start + GRADIENT_BLOCK_ROWS)
  shared.lossParts[block] = logisticGradients(
    shared.margin,
    shared.label,
    shared.weight,
    store.gradHess,
    recordWords,
    binWords,
    start,
    end,
  )
}

/** The segment list held in `slot`. */
export function nodeSegments(shared: SharedTraining, slot: number): NodeSegments {
  const { nSegments } = shared.shape
  return { segments: shared.segments, base: slot * nSegments * 2, nSegments }
}

/** Mode bits of a NODE job (intArgs[7]). */
export const NODE_BUILD = 1
export const NODE_SCAN = 2

/**
 * One feature range of a node job: build the histogram of `built` (the smaller child, or the root),
 * turn the parent's histogram in `sibling` into the larger child's (parent − smaller), then scan
 * both for their best split in the range. Fusing the three keeps the range's histogram blocks hot
 * in cache and takes the split search off the calling thread (it was serial work at every node).
 */
function nodeTask(shared: SharedTraining, task: number): void {
  const a = shared.intArgs
  const f = shared.floatArgs
  const nSelected = a[4]!
  const columns = nSelected < 0 ? null : shared.features
  const width = nSelected < 0 ? shared.shape.layout.nFeatures : nSelected
  const nTasks = a[5]!
  const from = Math.floor((task * width) / nTasks)
  const to = Math.floor(((task + 1) * width) / nTasks)
  const { binStride } = shared.shape
  const built = histogramAt(shared, a[3]!)
  const sibling = a[6]! < 0 ? null : histogramAt(shared, a[6]!)
  if ((a[7]! & NODE_BUILD) !== 0 && from < to) {
    buildHistogram(built, shared.stores[a[1]!]!, nodeSegments(shared, a[2]!), binStride, columns, from, to)
    if (sibling !== null) {
      for (let k = from; k < to; k++) {
        const start = 2 * (columns === null ? k : columns[k]!) * binStride
        for (let i = start, end = start + 2 * binStride; i < end; i++) sibling[i]! -= built[i]!
      }
    }
  }
  if ((a[7]! & NODE_SCAN) === 0) return
  const out = shared.splitParts
  const at = 2 * task * CANDIDATE_FLOATS
  const { cutCounts } = shared
  scanSplits(built, columns, from, to, cutCounts, binStride, f[0]!, f[1]!, f[4]!, f[5]!, out, at)
  if (sibling === null) return
  scanSplits(
    sibling,
    columns,
    from,
    to,
    cutCounts,
    binStride,
    f[2]!,
    f[3]!,
    f[4]!,
    f[5]!,
    out,
    at + CANDIDATE_FLOATS,
  )
}

function partitionTask(shared: SharedTraining, k: number): void {
  const a = shared.intArgs
  const { segments } = shared
  const stride = shared.shape.nSegments * 2
  const parent = a[3]! * stride + 2 * k
  const start = segments[parent]!
  const end = segments[parent + 1]!
  const from = shared.stores[a[1]!]!
  const to = shared.stores[a[2]!]!
  if (from !== to) copyRecords(from, to, start, end)
  const mid = partitionInPlace(to, start, end, a[6]!, a[7]!)
  const left = a[4]! * stride + 2 * k
  const right = a[5]! * stride + 2 * k
  segments[left] = start
  segments[left + 1] = mid
  segments[right] = mid
  segments[right + 1] = end
}

function leafMarginTask(shared: SharedTraining, k: number): void {
  const a = shared.intArgs
  const { start, end } = segmentBounds(shared, a[2]!, k)
  addToMargins(shared.stores[a[1]!]!, start, end, shared.margin, shared.floatArgs[0]!)
}

function splitMarginTask(shared: SharedTraining, k: number): void {
  const a = shared.intArgs
  const { start, end } = segmentBounds(shared, a[2]!, k)
  const f = shared.floatArgs
  addSplitToMargins(shared.stores[a[1]!]!, start, end, a[3]!, a[4]!, f[0]!, f[1]!, shared.margin)
}

function segmentBounds(shared: SharedTraining, slot: number, k: number): { start: number; end: number } {
  const at = slot * shared.shape.nSegments * 2 + 2 * k
  return { start: shared.segments[at]!, end: shared.segments[at + 1]! }
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
