import { createQuantiseWork, QUANTISE_BLOCK, type QuantiseWork, quantiseBlock } from './binning.ts'
import { logisticGradients } from './loss.ts'
import { copyRecords } from './row-store.ts'
import { GRADIENT_BLOCK_ROWS, type SharedTraining, STORE_WORK } from './shared-training.ts'
import { nodesTask, rootHalfTask, segmentsTask } from './step-kernels.ts'

/**
 * The operations training threads share. A job is one operation split into independent tasks;
 * any thread may run any task and each task writes memory no other task of the job touches, so
 * the result never depends on which thread ran what (the basis of byte-identical models).
 *
 * Arguments live in `intArgs` / `floatArgs` (index 0 = the operation):
 * - GRADIENTS: [1] rows, [2] 1 = also copy the block to the work store. Task t: rows of block t →
 *   g, h in all-rows records, `lossParts[t]`.
 * - NODES: a feature range of one node of a step per task; SEGMENTS: one segment of every node of
 *   a step per task (partitions and margin updates). Both in step-kernels.ts.
 * - ROOT_HALVES: the root's histogram, a task per half of its segments (step-kernels.ts).
 * - QUANTISE: [1] 1 = weighted by `weight`, 0 = uniform. Task t: features of block t → cuts in
 *   `cutValues`/`cutCounts`, bin codes in all-rows records.
 */
export const OP_GRADIENTS = 1
export const OP_NODES = 2
export const OP_SEGMENTS = 3
export const OP_QUANTISE = 4
export const OP_ROOT_HALVES = 5

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
    case OP_NODES:
      nodesTask(shared, task)
      break
    case OP_SEGMENTS:
      segmentsTask(shared, task)
      break
    case OP_ROOT_HALVES:
      rootHalfTask(shared, task)
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
  // The block was just written: copying it to the work store now reads it from cache, where the
  // root's partition would read it back from memory.
  if (shared.intArgs[2] === 1) copyRecords(store, shared.stores[STORE_WORK], start, end)
}
