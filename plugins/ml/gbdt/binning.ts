import type { FeatureMatrix } from './dataset.ts'
import {
  createKeyView,
  createSortScratch,
  floatKey,
  keyToFloat,
  type SortScratch,
  sortOrder,
} from './radix-sort.ts'
import { createRowStore, type RecordLayout, type RowStore, recordLayout } from './row-store.ts'

/**
 * Per-feature quantile cut points. Feature `f` has cuts `cutValues[cutStart[f] .. cutStart[f + 1])`,
 * strictly increasing float32 values; a value's bin is the number of cuts ≤ it, so bin ≤ s exactly
 * when `x < cut[s]` — the `BRANCH_LT` rule of XGBoost and ONNX.
 */
export interface BinCuts {
  nFeatures: number
  cutStart: Int32Array
  cutValues: Float32Array
  /** Bins per feature (cuts + 1), at most `maxBin`. */
  nBins: Int32Array
  /** Histogram slots reserved per feature (`maxBin`): feature f starts at slot f × binStride. */
  binStride: number
}

/** Bin codes, row-major; Uint8 when maxBin ≤ 256 (a quarter of the memory of 32-bit codes). */
export type BinMatrix = Uint8Array | Uint16Array

/** A quantised matrix: the cuts, and one record per row (bins + row id) in original row order. */
export interface QuantisedMatrix {
  cuts: BinCuts
  rows: RowStore
}

/**
 * A float32 threshold strictly above `below` and at most `above` (two adjacent distinct float32
 * values). Why not the plain midpoint: rounded to float32 it can land on `below`, and then
 * `below < threshold` would be false in ONNX's float32 comparison; this choice makes the split
 * decide the same way in float64 (TypeScript) and float32 (ONNX Runtime) for every float32 input.
 *
 * @example
 * cutBetween(1, 2) // 1.5
 */
export function cutBetween(below: number, above: number): number {
  const mid = Math.fround(below + (above - below) / 2)
  return mid > below ? mid : above
}

/**
 * The record layout of quantised rows: one byte per bin code when `maxBin` ≤ 256, else two.
 *
 * @example
 * binRecordLayout(60, 256).recordWords // 18
 */
export function binRecordLayout(nFeatures: number, maxBin: number): RecordLayout {
  return recordLayout(nFeatures, maxBin <= 256 ? 1 : 2)
}

/**
 * Weighted quantile cuts for every feature (weights = trial counts, like XGBoost's weighted sketch;
 * `null` = all rows weigh the same) and the bin code of every value, written into row records
 * (see row-store.ts). Features with at most `maxBin` distinct values get one bin per value, so
 * nothing is merged. `into` receives the records (shared memory when threads train); it must have
 * the layout `binRecordLayout(nFeatures, maxBin)` and `nRows` records.
 *
 * @example
 * quantiseFeatures({ values: new Float32Array([0, 1, 2, 3]), nRows: 4, nFeatures: 1 }, null, 256).cuts.cutValues
 * // Float32Array [0.5, 1.5, 2.5]
 */
export function quantiseFeatures(
  matrix: FeatureMatrix,
  weight: Float64Array | null,
  maxBin: number,
  into?: RowStore,
): QuantisedMatrix {
  const { values, nRows, nFeatures } = matrix
  const layout = binRecordLayout(nFeatures, maxBin)
  const rows = into ?? createRowStore(layout, nRows)
  for (let r = 0; r < nRows; r++) rows.words[r * layout.recordWords + layout.binWords + 2] = r
  const perFeature: Float32Array[] = []
  const scratch = createSortScratch(nRows)
  const work: QuantiseWork = {
    distinct: new Float64Array(nRows),
    mass: new Float64Array(nRows),
    binOf: new Uint16Array(nRows),
    keyView: createKeyView(),
  }
  // Columns are copied out a block at a time: one pass over the matrix serves up to 16 features.
  const blockSize = 16
  const columns = Array.from({ length: Math.min(blockSize, nFeatures) }, () => new Float32Array(nRows))
  for (let first = 0; first < nFeatures; first += blockSize) {
    const width = Math.min(blockSize, nFeatures - first)
    for (let r = 0; r < nRows; r++) {
      const base = r * nFeatures + first
      for (let k = 0; k < width; k++) columns[k]![r] = values[base + k]!
    }
    for (let k = 0; k < width; k++) {
      const cuts = quantiseColumn(columns[k]!, weight, maxBin, scratch, work)
      perFeature.push(cuts)
      const { bins } = rows
      const { binOf } = work
      for (let r = 0, at = first + k; r < nRows; r++, at += layout.binsPerRecord) bins[at] = binOf[r]!
    }
  }
  return { cuts: assembleCuts(perFeature, maxBin), rows }
}

/** Buffers reused for every column. */
interface QuantiseWork {
  distinct: Float64Array
  mass: Float64Array
  binOf: Uint16Array
  keyView: ReturnType<typeof createKeyView>
}

/** Cuts of one column; leaves each row's bin in `work.binOf`. */
function quantiseColumn(
  column: Float32Array,
  weight: Float64Array | null,
  maxBin: number,
  scratch: SortScratch,
  work: QuantiseWork,
): Float32Array {
  const { order, keys } = sortOrder(column, scratch)
  const { distinct, mass, binOf, keyView } = work
  const n = column.length
  let count = 0
  let previousKey = -1
  for (let i = 0; i < n; i++) {
    const key = keys[i]!
    if (key !== previousKey) {
      distinct[count] = keyToFloat(key, keyView)
      mass[count++] = 0
      previousKey = key
    }
    mass[count - 1]! += weight === null ? 1 : weight[order[i]!]!
  }
  const cuts = chooseCuts(distinct, mass, count, maxBin)
  // The bin only ever increases along the sorted order, so no search is needed.
  const cutBits = new Uint32Array(cuts.buffer, cuts.byteOffset, cuts.length)
  let bin = 0
  let nextCutKey = cuts.length > 0 ? floatKey(cutBits[0]!) : 0x1_0000_0000
  for (let i = 0; i < n; i++) {
    const key = keys[i]!
    while (key >= nextCutKey) {
      bin++
      nextCutKey = bin < cuts.length ? floatKey(cutBits[bin]!) : 0x1_0000_0000
    }
    binOf[order[i]!] = bin
  }
  return cuts
}

function chooseCuts(distinct: Float64Array, mass: Float64Array, count: number, maxBin: number): Float32Array {
  if (count <= maxBin) {
    const cuts = new Float32Array(count - 1)
    for (let i = 1; i < count; i++) cuts[i - 1] = cutBetween(distinct[i - 1]!, distinct[i]!)
    return cuts
  }
  let total = 0
  for (let i = 0; i < count; i++) total += mass[i]!
  const step = total / maxBin
  const cuts: number[] = []
  let cumulative = 0
  let next = step
  for (let i = 0; i < count - 1 && cuts.length < maxBin - 1; i++) {
    cumulative += mass[i]!
    if (cumulative >= next) {
      cuts.push(cutBetween(distinct[i]!, distinct[i + 1]!))
      next = step * (Math.floor(cumulative / step) + 1)
    }
  }
  return Float32Array.from(cuts)
}

function assembleCuts(perFeature: Float32Array[], maxBin: number): BinCuts {
  const nFeatures = perFeature.length
  const cutStart = new Int32Array(nFeatures + 1)
  const nBins = new Int32Array(nFeatures)
  for (let f = 0; f < nFeatures; f++) {
    cutStart[f + 1] = cutStart[f]! + perFeature[f]!.length
    nBins[f] = perFeature[f]!.length + 1
  }
  const cutValues = new Float32Array(cutStart[nFeatures]!)
  for (let f = 0; f < nFeatures; f++) cutValues.set(perFeature[f]!, cutStart[f]!)
  return { nFeatures, cutStart, cutValues, nBins, binStride: maxBin }
}
