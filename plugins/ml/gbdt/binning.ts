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
  const { nRows, nFeatures } = matrix
  const rows = into ?? createRowStore(binRecordLayout(nFeatures, maxBin), nRows)
  writeRowIds(rows, nRows)
  const work = createQuantiseWork(nRows)
  const perFeature: Float32Array[] = []
  for (let first = 0; first < nFeatures; first += QUANTISE_BLOCK) {
    perFeature.push(...quantiseBlock(matrix, weight, maxBin, rows, first, work))
  }
  return { cuts: assembleCuts(perFeature, maxBin), rows }
}

/**
 * Features quantised per `quantiseBlock` call: its columns are copied out of the row-major matrix
 * in one pass. Columns are independent, so blocks are also the tasks threads share.
 */
export const QUANTISE_BLOCK = 10

/** Stores each record's row id (records start in row order). */
export function writeRowIds(rows: RowStore, nRows: number): void {
  const { recordWords, binWords } = rows.layout
  for (let r = 0; r < nRows; r++) rows.words[r * recordWords + binWords + 2] = r
}

/** Buffers reused for every column (one set per thread). */
export interface QuantiseWork {
  scratch: SortScratch
  /** The sort keys (`floatKey`) of a column's distinct values, ascending. */
  distinct: Uint32Array
  mass: Float64Array
  binOf: Uint16Array[]
  keyView: ReturnType<typeof createKeyView>
  columns: Float32Array[]
}

/**
 * Scratch for quantising columns of `nRows` values.
 *
 * @example
 * const work = createQuantiseWork(500_000)
 */
export function createQuantiseWork(nRows: number): QuantiseWork {
  return {
    scratch: createSortScratch(nRows),
    distinct: new Uint32Array(nRows),
    mass: new Float64Array(nRows),
    binOf: Array.from({ length: QUANTISE_BLOCK }, () => new Uint16Array(nRows)),
    keyView: createKeyView(),
    columns: Array.from({ length: QUANTISE_BLOCK }, () => new Float32Array(nRows)),
  }
}

/**
 * Quantises features `first .. first + QUANTISE_BLOCK` (fewer at the end): returns their cuts and
 * writes their bin codes into `rows`. Touches no other feature's bytes, so blocks can run at once.
 *
 * @example
 * const cuts = quantiseBlock(matrix, null, 256, rows, 0, createQuantiseWork(matrix.nRows))
 */
export function quantiseBlock(
  matrix: FeatureMatrix,
  weight: Float64Array | null,
  maxBin: number,
  rows: RowStore,
  first: number,
  work: QuantiseWork,
): Float32Array[] {
  const { values, nRows, nFeatures } = matrix
  const { binsPerRecord } = rows.layout
  const width = Math.min(QUANTISE_BLOCK, nFeatures - first)
  const { columns } = work
  for (let r = 0; r < nRows; r++) {
    const base = r * nFeatures + first
    for (let k = 0; k < width; k++) columns[k]![r] = values[base + k]!
  }
  const cuts: Float32Array[] = []
  for (let k = 0; k < width; k++)
    cuts.push(quantiseColumn(columns[k]!, weight, maxBin, work.scratch, work, work.binOf[k]!))
  // One pass over the records for the whole block: each record's bytes are written while it is in cache.
  const { bins } = rows
  const { binOf } = work
  for (let r = 0, at = first; r < nRows; r++, at += binsPerRecord) {
    for (let k = 0; k < width; k++) bins[at + k] = binOf[k]![r]!
  }
  return cuts
}

/** Cuts of one column; leaves each row's bin in `work.binOf`. */
function quantiseColumn(
  column: Float32Array,
  weight: Float64Array | null,
  maxBin: number,
  scratch: SortScratch,
  work: QuantiseWork,
  binOf: Uint16Array,
): Float32Array {
  const { order, keys } = sortOrder(column, scratch)
  const { distinct, mass, keyView } = work
  const n = column.length
  // Distinct values stay keys here: decoding every one to a float cost more than the sort (24 vs
  // 13 ms a 500k-row column); only the neighbours of a cut are decoded (`chooseCuts`).
  let count = 0
  let previousKey = -1
  for (let i = 0; i < n; i++) {
    const key = keys[i]!
    if (key !== previousKey) {
      distinct[count] = key
      mass[count++] = 0
      previousKey = key
    }
    mass[count - 1]! += weight === null ? 1 : weight[order[i]!]!
  }
  const cuts = chooseCuts(distinct, mass, count, maxBin, keyView)
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

function chooseCuts(
  distinct: Uint32Array,
  mass: Float64Array,
  count: number,
  maxBin: number,
  keyView: QuantiseWork['keyView'],
): Float32Array {
  const between = (i: number) =>
    cutBetween(keyToFloat(distinct[i]!, keyView), keyToFloat(distinct[i + 1]!, keyView))
  if (count <= maxBin) {
    const cuts = new Float32Array(count - 1)
    for (let i = 1; i < count; i++) cuts[i - 1] = between(i - 1)
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
      cuts.push(between(i))
      next = step * (Math.floor(cumulative / step) + 1)
    }
  }
  return Float32Array.from(cuts)
}

/**
 * The cuts of all features in one structure (features in order).
 *
 * @example
 * assembleCuts([Float32Array.of(0.5)], 256).nBins // Int32Array [2]
 */
export function assembleCuts(perFeature: Float32Array[], maxBin: number): BinCuts {
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
