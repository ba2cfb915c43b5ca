import { type RecordArena, recordArena } from './record-arena.ts'
import { type RecordLayout, type RowStore, storeOnBuffer } from './row-store.ts'
import { CANDIDATE_FLOATS } from './split.ts'
import { createHistogramKernel, type HistogramKernel } from './wasm-histogram.ts'
import { createPartitionKernel, type PartitionKernel } from './wasm-partition.ts'

/**
 * Rows per segment. A node's records are one contiguous run per segment (see `partitionSegment`),
 * so partitions and margin updates split into independent tasks whatever the thread count. The
 * value is fixed — never derived from the thread count — because it decides the summation order
 * of every histogram, and so the model's bytes.
 */
export const SEGMENT_ROWS = 16_384
/** Rows per gradient task; the per-block losses are added in block order. */
export const GRADIENT_BLOCK_ROWS = 16_384
/** Store ids used in task arguments. */
export const STORE_ALL_ROWS = 0
/** Where trees partition: the root's records are copied here, then every split is in place. */
export const STORE_WORK = 1

/** Sizes that fix the layout of the shared buffers (posted to workers with the buffers). */
export interface TrainingShape {
  layout: RecordLayout
  nRows: number
  binStride: number
  nSegments: number
  histogramSlots: number
  segmentSlots: number
  gradientBlocks: number
  /** Most nodes of one depth handled by one step (see tree-builder.ts). */
  maxBatch: number
  /** Most pieces (a column range of one node) in one NODES job. */
  maxPieces: number
}

/**
 * The shared memory of one training run: what a worker needs to run any task. The records —
 * allRows (row order, gradients written here) and work (partitioned) — and the histograms are in
 * a `RecordArena`: one shared wasm memory that the histogram kernel reads (wasm-histogram.ts).
 */
export interface SharedBuffers extends RecordArena {
  shape: TrainingShape
  /** The raw feature matrix (row-major float32); null when no other thread needs it. */
  values: SharedArrayBuffer | null
  /** Cuts of feature f at `[f × binStride, …)`, `cutCounts[f]` of them (quantisation output). */
  cutValues: SharedArrayBuffer
  cutCounts: SharedArrayBuffer
  margin: SharedArrayBuffer
  label: SharedArrayBuffer
  weight: SharedArrayBuffer
  lossParts: SharedArrayBuffer
  splitParts: SharedArrayBuffer
  nodeInts: SharedArrayBuffer
  nodeFloats: SharedArrayBuffer
  taskInts: SharedArrayBuffer
  segments: SharedArrayBuffer
  features: SharedArrayBuffer
  intArgs: SharedArrayBuffer
  floatArgs: SharedArrayBuffer
}

/**
 * Typed views over `SharedBuffers`, identical on every thread.
 *
 * - `histograms`: `histogramSlots` histograms of `histogramLength` float64 each (see histogram.ts).
 * - `segments`: `segmentSlots` node descriptions; slot s, segment k is records
 *   `[segments[s·2K + 2k], segments[s·2K + 2k + 1])` of the node's store (K = nSegments).
 * - `features`: this tree's columns when column-sampled; `intArgs`/`floatArgs`: the current job.
 */
export interface SharedTraining {
  shape: TrainingShape
  buffers: SharedBuffers
  values: Float32Array
  cutValues: Float32Array
  cutCounts: Int32Array
  stores: [RowStore, RowStore]
  margin: Float64Array
  label: Float64Array
  weight: Float64Array
  lossParts: Float64Array
  /** Split candidates of a node job: task t, child c at `(2t + c) × CANDIDATE_FLOATS` (split.ts). */
  splitParts: Float64Array
  /** The nodes of the current step: `NODE_INTS` ints and `NODE_FLOATS` floats each (step-kernels.ts). */
  nodeInts: Int32Array
  nodeFloats: Float64Array
  /** The current NODES job: each task's first piece, then `PIECE_INTS` ints a piece (step-kernels.ts). */
  taskInts: Int32Array
  histograms: Float64Array
  histogramLength: number
  /** This thread's instances of the wasm kernels over `buffers.memory`, or null. */
  histogramKernel: HistogramKernel | null
  partitionKernel: PartitionKernel | null
  segments: Int32Array
  features: Int32Array
  intArgs: Int32Array
  floatArgs: Float64Array
}

/** Number of 32-bit job arguments (see kernels.ts for their meaning per operation). */
export const INT_ARGS = 16
export const FLOAT_ARGS = 8
/** Ints and floats describing one node of a step (meaning per job in step-kernels.ts). */
export const NODE_INTS = 8
export const NODE_FLOATS = 4
/** Ints describing one piece of a NODES job: node, first and last column of its range. */
export const PIECE_INTS = 3
/** Most tasks of one NODES job (two per thread, see MAX_TRAINING_THREADS); pieces start after. */
export const MAX_NODE_TASKS = 128
/** Most nodes in one step; fewer when their histograms would not fit `HISTOGRAM_BUDGET_BYTES`. */
const MAX_BATCH = 16
const HISTOGRAM_BUDGET_BYTES = 96 * 2 ** 20

/**
 * Histogram slots a build needs with steps of up to `batch` nodes of one depth: the pending nodes
 * (at most min(2·batch, 2^d) at depth d < maxDepth, see tree-builder.ts) plus the batch's new
 * smaller children.
 */
function slotsFor(maxDepth: number, batch: number): number {
  let slots = batch
  for (let d = 0; d < maxDepth; d++) slots += Math.min(2 * batch, 2 ** d)
  return slots
}

/**
 * Allocates the shared memory for training the row-major matrix `values` (`nRows` rows of
 * `layout`), depth `maxDepth`. Trees grow in steps of up to `maxBatch` nodes of one depth; the
 * histogram and segment slots cover every node that can be pending at once (`slotsFor`), and
 * `maxBatch` shrinks (16 → 1) until the histograms fit 96 MB. `shareValues` copies the matrix
 * into shared memory (workers quantise it too); otherwise the caller's array is used as it is.
 *
 * @example
 * const shared = allocateSharedTraining(recordLayout(60, 1), 500_000, 256, 6, values, true)
 */
export function allocateSharedTraining(
  layout: RecordLayout,
  nRows: number,
  binStride: number,
  maxDepth: number,
  values: Float32Array,
  shareValues: boolean,
): SharedTraining {
  const storeBytes = nRows * layout.recordWords * 4
  const histogramLength = 2 * layout.nFeatures * binStride
  let maxBatch = MAX_BATCH
  while (maxBatch > 1 && slotsFor(maxDepth, maxBatch) * histogramLength * 8 > HISTOGRAM_BUDGET_BYTES)
    maxBatch >>= 1
  // Cutting the job into tasks adds at most one piece per task boundary.
  const maxPieces = maxBatch + MAX_NODE_TASKS
  const shape: TrainingShape = {
    layout,
    nRows,
    binStride,
    nSegments: Math.max(1, Math.ceil(nRows / SEGMENT_ROWS)),
    histogramSlots: slotsFor(maxDepth, maxBatch),
    segmentSlots: slotsFor(maxDepth, maxBatch) + 2 * maxBatch,
    gradientBlocks: Math.max(1, Math.ceil(nRows / GRADIENT_BLOCK_ROWS)),
    maxBatch,
    maxPieces,
  }
  const sharedValues = shareValues ? new SharedArrayBuffer(values.byteLength) : null
  if (sharedValues !== null) new Float32Array(sharedValues).set(values)
  const buffers: SharedBuffers = {
    shape,
    values: sharedValues,
    cutValues: new SharedArrayBuffer(layout.nFeatures * binStride * 4),
    cutCounts: new SharedArrayBuffer(layout.nFeatures * 4),
    ...recordArena(storeBytes, shape.histogramSlots * histogramLength * 8),
    margin: new SharedArrayBuffer(nRows * 8),
    label: new SharedArrayBuffer(nRows * 8),
    weight: new SharedArrayBuffer(nRows * 8),
    lossParts: new SharedArrayBuffer(shape.gradientBlocks * 8),
    splitParts: new SharedArrayBuffer(maxPieces * 2 * CANDIDATE_FLOATS * 8),
    nodeInts: new SharedArrayBuffer(maxBatch * NODE_INTS * 4),
    nodeFloats: new SharedArrayBuffer(maxBatch * NODE_FLOATS * 8),
    taskInts: new SharedArrayBuffer((MAX_NODE_TASKS + 1 + maxPieces * PIECE_INTS) * 4),
    segments: new SharedArrayBuffer(shape.segmentSlots * shape.nSegments * 2 * 4),
    features: new SharedArrayBuffer(layout.nFeatures * 4),
    intArgs: new SharedArrayBuffer(INT_ARGS * 4),
    floatArgs: new SharedArrayBuffer(FLOAT_ARGS * 8),
  }
  return viewSharedTraining(buffers, values)
}

/**
 * Typed views over buffers received from another thread.
 *
 * @example
 * const shared = viewSharedTraining(event.data.buffers)
 */
export function viewSharedTraining(buffers: SharedBuffers, values?: Float32Array): SharedTraining {
  const { shape } = buffers
  const { memory, storeOffsets, histogramOffset } = buffers
  const [allRows, work] = memory === null ? buffers.stores : [memory.buffer, memory.buffer]
  const store = (buffer: ArrayBufferLike, at: number) => storeOnBuffer(shape.layout, shape.nRows, buffer, at)
  const histogramLength = 2 * shape.layout.nFeatures * shape.binStride
  return {
    shape,
    buffers,
    values: buffers.values === null ? (values ?? new Float32Array(0)) : new Float32Array(buffers.values),
    cutValues: new Float32Array(buffers.cutValues),
    cutCounts: new Int32Array(buffers.cutCounts),
    stores: [store(allRows, storeOffsets[0]), store(work, storeOffsets[1])],
    margin: new Float64Array(buffers.margin),
    label: new Float64Array(buffers.label),
    weight: new Float64Array(buffers.weight),
    lossParts: new Float64Array(buffers.lossParts),
    splitParts: new Float64Array(buffers.splitParts),
    nodeInts: new Int32Array(buffers.nodeInts),
    nodeFloats: new Float64Array(buffers.nodeFloats),
    taskInts: new Int32Array(buffers.taskInts),
    histograms: new Float64Array(
      memory === null ? buffers.stores[1] : memory.buffer,
      histogramOffset,
      shape.histogramSlots * histogramLength,
    ),
    histogramLength,
    histogramKernel: memory === null ? null : createHistogramKernel(memory, shape.binStride),
    partitionKernel:
      memory === null
        ? null
        : createPartitionKernel(memory, shape.layout.recordWords * 4, shape.layout.bytesPerBin),
    segments: new Int32Array(buffers.segments),
    features: new Int32Array(buffers.features),
    intArgs: new Int32Array(buffers.intArgs),
    floatArgs: new Float64Array(buffers.floatArgs),
  }
}

/** The histogram in slot `slot` (a view, no copy). */
export function histogramAt(shared: SharedTraining, slot: number): Float64Array {
  const length = shared.histogramLength
  return shared.histograms.subarray(slot * length, (slot + 1) * length)
}

/**
 * Writes the root's segment list into `slot`: records `0..nRecords` cut every `SEGMENT_ROWS`.
 *
 * @example
 * writeRootSegments(shared, 0, nSample)
 */
export function writeRootSegments(shared: SharedTraining, slot: number, nRecords: number): void {
  const { nSegments } = shared.shape
  const base = slot * nSegments * 2
  for (let k = 0; k < nSegments; k++) {
    shared.segments[base + 2 * k] = Math.min(k * SEGMENT_ROWS, nRecords)
    shared.segments[base + 2 * k + 1] = Math.min((k + 1) * SEGMENT_ROWS, nRecords)
  }
}

/** How many records the node in segment slot `slot` holds. */
export function segmentRecordCount(shared: SharedTraining, slot: number): number {
  const { nSegments } = shared.shape
  const base = slot * nSegments * 2
  let count = 0
  for (let k = 0; k < nSegments; k++)
    count += shared.segments[base + 2 * k + 1]! - shared.segments[base + 2 * k]!
  return count
}

/** Hands out slot numbers of the shared histogram / segment arenas. */
export interface SlotPool {
  acquire(): number
  release(slot: number): void
}

/**
 * A pool over slots `0..count`.
 *
 * @example
 * const pool = createSlotPool(9); const slot = pool.acquire(); pool.release(slot)
 */
export function createSlotPool(count: number): SlotPool {
  const free = Array.from({ length: count }, (_, i) => count - 1 - i)
  return {
    acquire: () => {
      const slot = free.pop()
      if (slot === undefined) throw new RangeError('shared training slots exhausted')
      return slot
    },
    release: (slot) => {
      free.push(slot)
    },
  }
}
