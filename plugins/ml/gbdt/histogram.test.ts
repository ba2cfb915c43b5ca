import { describe, expect, test } from 'bun:test'
import { buildHistogram, gradSlot } from './histogram.ts'
import { createRandom } from './prng.ts'
import { createRowStore, partitionInPlace, type RowStore, recordLayout, recordRowId } from './row-store.ts'
import { CANDIDATE_FLOATS, findBestSplit, pickCandidate, scanSplits } from './split.ts'

const BIN_STRIDE = 16
/** Every feature's last bin (its cut count) when its codes span the whole stride. */
const ALL_BINS = new Int32Array(16).fill(BIN_STRIDE - 1)

/** A store of `nRecords` random records: bins in 0..15 (few bins, so cells collect many rows). */
function randomStore(nFeatures: number, bytesPerBin: 1 | 2, nRecords: number, seed: number): RowStore {
  const store = createRowStore(recordLayout(nFeatures, bytesPerBin), nRecords)
  const { binsPerRecord, recordWords, binWords } = store.layout
  const random = createRandom(seed)
  for (let i = 0; i < nRecords; i++) {
    for (let f = 0; f < nFeatures; f++) store.bins[i * binsPerRecord + f] = Math.floor(random() * BIN_STRIDE)
    store.gradHess[i * recordWords + binWords] = random() - 0.5
    store.gradHess[i * recordWords + binWords + 1] = random() * 0.25
    store.words[i * recordWords + binWords + 2] = i
  }
  return store
}

/** Σg, Σh per (feature, bin) summed row by row in record order: what every histogram must equal. */
function naiveHistogram(store: RowStore, nFeatures: number, start: number, end: number): Float64Array {
  const hist = new Float64Array(2 * nFeatures * BIN_STRIDE)
  const { binsPerRecord, recordWords, binWords } = store.layout
  for (let i = start; i < end; i++) {
    for (let f = 0; f < nFeatures; f++) {
      const slot = gradSlot(f, store.bins[i * binsPerRecord + f]!, BIN_STRIDE)
      hist[slot]! += store.gradHess[i * recordWords + binWords]!
      hist[slot + 1]! += store.gradHess[i * recordWords + binWords + 1]!
    }
  }
  return hist
}

const oneSegment = (start: number, end: number) => ({
  segments: Int32Array.of(start, end),
  base: 0,
  nSegments: 1,
})

describe('buildHistogram', () => {
  test('any feature range (word-aligned or not) gives the row-by-row sums bit for bit, 1- and 2-byte bins', () => {
    for (const bytesPerBin of [1, 2] as const) {
      const store = randomStore(11, bytesPerBin, 500, 3)
      const expected = naiveHistogram(store, 11, 20, 480)
      const hist = new Float64Array(expected.length).fill(Number.NaN)
      // Ranges as threads would take them: three unequal pieces with word-straddling ends.
      for (const [from, to] of [
        [0, 3],
        [3, 9],
        [9, 11],
      ] as const) {
        buildHistogram(hist, store, oneSegment(20, 480), BIN_STRIDE, ALL_BINS, null, from, to)
      }
      expect(Array.from(hist)).toEqual(Array.from(expected))
    }
  })

  test('selected columns fill only their own blocks', () => {
    const store = randomStore(7, 1, 300, 5)
    const expected = naiveHistogram(store, 7, 0, 300)
    const hist = new Float64Array(expected.length).fill(-1)
    buildHistogram(hist, store, oneSegment(0, 300), BIN_STRIDE, ALL_BINS, Int32Array.of(1, 4, 6), 0, 3)
    for (let f = 0; f < 7; f++) {
      const block = Array.from(hist.subarray(2 * f * BIN_STRIDE, 2 * (f + 1) * BIN_STRIDE))
      const want = Array.from(expected.subarray(2 * f * BIN_STRIDE, 2 * (f + 1) * BIN_STRIDE))
      expect(block).toEqual([1, 4, 6].includes(f) ? want : want.map(() => -1))
    }
  })
  test('only bins up to each feature’s last bin are cleared and summed; the rest of its block is untouched', () => {
    const lastBin = Int32Array.of(0, 3, 15, 7, 1)
    const store = randomStore(5, 1, 400, 9)
    for (let i = 0; i < 400; i++) {
      for (let f = 0; f < 5; f++) store.bins[i * store.layout.binsPerRecord + f]! %= lastBin[f]! + 1
    }
    const expected = naiveHistogram(store, 5, 10, 390)
    for (const columns of [null, Int32Array.of(0, 1, 2, 3, 4)]) {
      const hist = new Float64Array(expected.length).fill(Number.NaN)
      buildHistogram(hist, store, oneSegment(10, 390), BIN_STRIDE, lastBin, columns, 0, 5)
      for (let f = 0; f < 5; f++) {
        for (let b = 0; b < BIN_STRIDE; b++) {
          const slot = gradSlot(f, b, BIN_STRIDE)
          const cell = [hist[slot], hist[slot + 1]]
          expect(cell).toEqual(
            b <= lastBin[f]! ? [expected[slot], expected[slot + 1]] : [Number.NaN, Number.NaN],
          )
        }
      }
    }
  })
})

describe('partitionInPlace', () => {
  test('puts bins ≤ split in front, keeps every record whole, and touches nothing outside the range', () => {
    const store = randomStore(9, 1, 400, 8)
    const before = store.words.slice()
    const { binsPerRecord, recordWords } = store.layout
    const mid = partitionInPlace(store, 50, 350, 4, 6)
    const binAt = (i: number) => store.bins[i * binsPerRecord + 4]!
    for (let i = 50; i < mid; i++) expect(binAt(i)).toBeLessThanOrEqual(6)
    for (let i = mid; i < 350; i++) expect(binAt(i)).toBeGreaterThan(6)
    const ids = Array.from({ length: 300 }, (_, k) => recordRowId(store, 50 + k)).sort((a, b) => a - b)
    expect(ids).toEqual(Array.from({ length: 300 }, (_, k) => 50 + k))
    for (let i = 50; i < 350; i++) {
      const id = recordRowId(store, i)
      const now = store.words.subarray(i * recordWords, (i + 1) * recordWords)
      expect(Array.from(now)).toEqual(Array.from(before.subarray(id * recordWords, (id + 1) * recordWords)))
    }
    expect(Array.from(store.words.subarray(0, 50 * recordWords))).toEqual(
      Array.from(before.subarray(0, 50 * recordWords)),
    )
    expect(Array.from(store.words.subarray(350 * recordWords))).toEqual(
      Array.from(before.subarray(350 * recordWords)),
    )
  })

  test('all-left, all-right and empty ranges return the right boundary', () => {
    const store = randomStore(4, 1, 40, 2)
    expect(partitionInPlace(store, 0, 40, 0, BIN_STRIDE)).toBe(40)
    expect(partitionInPlace(store, 0, 40, 0, -1)).toBe(0)
    expect(partitionInPlace(store, 7, 7, 0, 3)).toBe(7)
  })
})

describe('split search over feature ranges', () => {
  test('the first best candidate of consecutive ranges is the split one scan over all features finds', () => {
    const store = randomStore(10, 1, 2000, 11)
    const { binsPerRecord, recordWords, binWords } = store.layout
    for (let i = 0; i < 2000; i++) {
      // g follows feature 2 (low bins negative), so feature 2 holds the best split.
      store.gradHess[i * recordWords + binWords]! += store.bins[i * binsPerRecord + 2]! < 8 ? -1 : 1
    }
    const hist = naiveHistogram(store, 10, 0, 2000)
    // Duplicate feature 2 into feature 7: equal gains, so the tie must go to the lower feature.
    hist.copyWithin(gradSlot(7, 0, BIN_STRIDE), gradSlot(2, 0, BIN_STRIDE), gradSlot(3, 0, BIN_STRIDE))
    let grad = 0
    let hess = 0
    for (let b = 0; b < BIN_STRIDE; b++) {
      grad += hist[gradSlot(2, b, BIN_STRIDE)]!
      hess += hist[gradSlot(2, b, BIN_STRIDE) + 1]!
    }
    const rules = { regLambda: 1, minChildWeight: 1, gamma: 0 }
    const all = Int32Array.from({ length: 10 }, (_, f) => f)
    const nBins = new Int32Array(10).fill(BIN_STRIDE)
    const whole = findBestSplit(hist, all, nBins, BIN_STRIDE, grad, hess, rules)
    const lastBin = new Int32Array(10).fill(BIN_STRIDE - 1)
    for (const cuts of [
      [0, 10],
      [0, 2, 3, 10],
      [0, 5, 8, 10],
    ]) {
      const parts = new Float64Array(cuts.length * CANDIDATE_FLOATS)
      for (let t = 0; t + 1 < cuts.length; t++) {
        scanSplits(
          hist,
          null,
          cuts[t]!,
          cuts[t + 1]!,
          lastBin,
          BIN_STRIDE,
          grad,
          hess,
          1,
          1,
          parts,
          t * CANDIDATE_FLOATS,
        )
      }
      expect(pickCandidate(parts, 0, CANDIDATE_FLOATS, cuts.length - 1, 0)).toEqual(whole)
    }
    expect(whole.feature).toBe(2) // not its twin 7
    expect(whole.bin).toBe(7)
  })
})
