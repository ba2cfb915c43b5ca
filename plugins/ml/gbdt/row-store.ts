import type { BinMatrix } from './binning.ts'

/**
 * Rows as fixed-size records in one buffer: the row's bin codes (padded to whole 32-bit words),
 * then its gradient g and hessian h (float32, as XGBoost stores them) and its original row id.
 *
 * Why records, and why move them: on this class of machine (VMs with nested paging) a random row
 * access costs 3–4× a sequential one, so every node keeps its rows contiguous — the partition moves
 * each record (a few word copies) and every histogram becomes one sequential scan of one stream.
 */
export interface RowStore {
  words: Uint32Array
  /** Bin codes: feature f of record i is `bins[i × binsPerRecord + f]`. */
  bins: BinMatrix
  /** g of record i at `gradHess[i × recordWords + binWords]`, h right after it. */
  gradHess: Float32Array
  nRecords: number
  layout: RecordLayout
}

/** Where things sit inside a record. */
export interface RecordLayout {
  nFeatures: number
  bytesPerBin: 1 | 2
  /** Words of bin codes per record (the record's first words). */
  binWords: number
  /** binWords + 3 (g, h, row id). */
  recordWords: number
  /** Bin elements per record: the row stride for `bins`. */
  binsPerRecord: number
}

/**
 * The record layout for `nFeatures` bins of 1 or 2 bytes.
 *
 * @example
 * recordLayout(60, 1) // { binWords: 15, recordWords: 18, binsPerRecord: 72, ... }
 */
export function recordLayout(nFeatures: number, bytesPerBin: 1 | 2): RecordLayout {
  const binWords = Math.ceil((nFeatures * bytesPerBin) / 4)
  const recordWords = binWords + 3
  return { nFeatures, bytesPerBin, binWords, recordWords, binsPerRecord: (recordWords * 4) / bytesPerBin }
}

/**
 * Allocates a store of `nRecords` records (all zero).
 *
 * @example
 * const store = createRowStore(recordLayout(60, 1), 500_000)
 */
export function createRowStore(layout: RecordLayout, nRecords: number): RowStore {
  return storeOnBuffer(layout, nRecords, new ArrayBuffer(nRecords * layout.recordWords * 4))
}

/**
 * Views of a store over existing memory from byte `byteOffset` (a multiple of 4) — a
 * `SharedArrayBuffer` when training threads share it, the wasm memory of the histogram kernel.
 *
 * @example
 * const store = storeOnBuffer(layout, nRows, new SharedArrayBuffer(nRows * layout.recordWords * 4))
 */
export function storeOnBuffer(
  layout: RecordLayout,
  nRecords: number,
  buffer: ArrayBufferLike,
  byteOffset = 0,
): RowStore {
  const nWords = nRecords * layout.recordWords
  const words = new Uint32Array(buffer, byteOffset, nWords)
  const bins =
    layout.bytesPerBin === 1
      ? new Uint8Array(buffer, byteOffset, nWords * 4)
      : new Uint16Array(buffer, byteOffset, nWords * 2)
  return { words, bins, gradHess: new Float32Array(buffer, byteOffset, nWords), nRecords, layout }
}

/** Row id of record `i`. */
export function recordRowId(store: RowStore, i: number): number {
  return store.words[i * store.layout.recordWords + store.layout.binWords + 2]!
}

/**
 * Copies the listed records (ascending row ids, as subsampling produces) into `target` 0..count−1.
 *
 * @example
 * gatherRows(allRows, sampledRowIds, nSample, workStore)
 */
export function gatherRows(source: RowStore, rows: Uint32Array, count: number, target: RowStore): void {
  const recordWords = source.layout.recordWords
  const from = source.words
  const to = target.words
  for (let i = 0, dst = 0; i < count; i++) {
    let src = rows[i]! * recordWords
    for (let k = 0; k < recordWords; k++) to[dst++] = from[src++]!
  }
}

/**
 * Copies records `start..end` of `from` to the same positions of `to` (one native copy).
 *
 * @example
 * copyRecords(allRows, work, 0, 16_384)
 */
export function copyRecords(from: RowStore, to: RowStore, start: number, end: number): void {
  const recordWords = from.layout.recordWords
  to.words.set(from.words.subarray(start * recordWords, end * recordWords), start * recordWords)
}

/**
 * Splits records `start..end` of `store` in place: records whose bin of `feature` is ≤ `bin` end up
 * in front, the others behind; returns the first position of the back part.
 *
 * Why in place (Hoare's two-cursor scheme) rather than a stable copy into another store: only
 * records on the wrong side move — none when the split is lopsided, about half at 50/50 — and
 * nothing else is written, where the copy wrote every record to a second 36 MB store at every
 * level. The order inside each part is scrambled, but deterministically (a function of the records
 * alone), so histogram sums, and the model, still do not depend on the thread count.
 *
 * @example
 * const mid = partitionInPlace(work, 0, n, feature, bin)
 */
export function partitionInPlace(
  store: RowStore,
  start: number,
  end: number,
  feature: number,
  bin: number,
): number {
  const { recordWords, binsPerRecord } = store.layout
  const { bins, words } = store
  let i = start
  let j = end - 1
  for (;;) {
    while (i <= j && bins[i * binsPerRecord + feature]! <= bin) i++
    while (i <= j && bins[j * binsPerRecord + feature]! > bin) j--
    if (i >= j) return i
    for (let x = i * recordWords, y = j * recordWords, last = x + recordWords; x < last; x++, y++) {
      const t = words[x]!
      words[x] = words[y]!
      words[y] = t
    }
    i++
    j--
  }
}
