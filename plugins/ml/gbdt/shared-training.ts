import { type RecordLayout, type RowStore, storeOnBuffer } from './row-store.ts'
import { CANDIDATE_FLOATS } from './split.ts'

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
}

/** The shared memory of one training run: what a worker needs to run any task. */
export interface SharedBuffers {
  shape: TrainingShape
  /** The raw feature matrix (row-major float32); null when no other thread needs it. */
  values: SharedArrayBuffer | null
  /** Cuts of feature f at `[f × binStride, …)`, `cutCounts[f]` of them (quantisation output). */
  cutValues: SharedArrayBuffer
  cutCounts: SharedArrayBuffer
  /** allRows (row order, gradients written here) and work (partitioned) record words. */
  stores: [SharedArrayBuffer, SharedArrayBuffer]
  margin: SharedArrayBuffer
  label: SharedArrayBuffer
  weight: SharedArrayBuffer
  lossParts: SharedArrayBuffer
  splitParts: SharedArrayBuffer
  histograms: SharedArrayBuffer
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
  histograms: Float64Array
  histogramLength: number
  segments: Int32Array
  features: Int32Array
  intArgs: Int32Array
  floatArgs: Float64Array
}

/** Number of 32-bit job arguments (see kernels.ts for their meaning per operation). */
export const INT_ARGS = 16
export const FLOAT_ARGS = 8
/** Most tasks of one node job (one per thread; see MAX_TRAINING_THREADS). */
export const MAX_NODE_TASKS = 64

/**
 * Allocates the shared memory for training the row-major matrix `values` (`nRows` rows of
 * `layout`), depth `maxDepth`. A depth-first build keeps at most depth + 1 pending nodes, each
 * holding a histogram and a segment list, plus one being built: `maxDepth + 3` slots of each leave
 * a margin. `shareValues` copies the matrix into shared memory (workers quantise it too);
 * otherwise the caller's array is used as it is.
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
  const shape: TrainingShape = {
    layout,
    nRows,
    binStride,
    nSegments: Math.max(1, Math.ceil(nRows / SEGMENT_ROWS)),
    histogramSlots: maxDepth + 3,
    segmentSlots: maxDepth + 3,
    gradientBlocks: Math.max(1, Math.ceil(nRows / GRADIENT_BLOCK_ROWS)),
  }
  const histogramLength = 2 * layout.nFeatures * binStride
  const sharedValues = shareValues ? new SharedArrayBuffer(values.byteLength) : null
  if (sharedValues !== null) new Float32Array(sharedValues).set(values)
  const buffers: SharedBuffers = {
    shape,
    values: sharedValues,
    cutValues: new SharedArrayBuffer(layout.nFeatures * binStride * 4),
    cutCounts: new SharedArrayBuffer(layout.nFeatures * 4),
    stores: [new SharedArrayBuffer(storeBytes), new SharedArrayBuffer(storeBytes)],
    margin: new SharedArrayBuffer(nRows * 8),
    label: new SharedArrayBuffer(nRows * 8),
    weight: new SharedArrayBuffer(nRows * 8),
    lossParts: new SharedArrayBuffer(shape.gradientBlocks * 8),
    splitParts: new SharedArrayBuffer(MAX_NODE_TASKS * 2 * CANDIDATE_FLOATS * 8),
    histograms: new SharedArrayBuffer(shape.histogramSlots * histogramLength * 8),
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
  const store = (buffer: SharedArrayBuffer) => storeOnBuffer(shape.layout, shape.nRows, buffer)
  return {
    shape,
    buffers,
    values: buffers.values === null ? (values ?? new Float32Array(0)) : new Float32Array(buffers.values),
    cutValues: new Float32Array(buffers.cutValues),
    cutCounts: new Int32Array(buffers.cutCounts),
    stores: [store(buffers.stores[0]), store(buffers.stores[1])],
    margin: new Float64Array(buffers.margin),
    label: new Float64Array(buffers.label),
    weight: new Float64Array(buffers.weight),
    lossParts: new Float64Array(buffers.lossParts),
    splitParts: new Float64Array(buffers.splitParts),
    histograms: new Float64Array(buffers.histograms),
    histogramLength: 2 * shape.layout.nFeatures * shape.binStride,
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
