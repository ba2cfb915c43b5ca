import { describe, expect, test } from 'bun:test'
import { cutBetween, quantiseFeatures } from './binning.ts'
import { createRandom } from './prng.ts'
import { createSortScratch, sortOrder } from './radix-sort.ts'
import { recordLayout } from './row-store.ts'

/** Bin code of row r, feature f, read back from the row records. */
function binOf(q: ReturnType<typeof quantiseFeatures>, r: number, f: number): number {
  return q.rows.bins[r * q.rows.layout.binsPerRecord + f]!
}

/** The float32 right after x (x > 0). */
const nextFloat32 = (x: number) => {
  const bits = new Uint32Array(new Float32Array([x]).buffer)
  bits[0]! += 1
  return new Float32Array(bits.buffer)[0]!
}

describe('cutBetween', () => {
  test('lies strictly above the lower value and at most the upper one, as a float32', () => {
    expect(cutBetween(1, 2)).toBe(1.5)
    const below = Math.fround(0.1)
    const above = nextFloat32(below)
    const cut = cutBetween(below, above)
    expect(cut).toBe(above) // no float32 in between: the midpoint would round onto `below`
    expect(Math.fround(cut)).toBe(cut)
    expect(below < cut && above >= cut).toBe(true)
  })
})

describe('quantiseFeatures', () => {
  test('gives one bin per distinct value when there are at most maxBin of them', () => {
    const values = Float32Array.from([3, 1, 2, 1, 3, 0, -0, 2])
    const q = quantiseFeatures({ values, nRows: 8, nFeatures: 1 }, null, 256)
    expect(Array.from(q.cuts.cutValues)).toEqual([0.5, 1.5, 2.5])
    expect(Array.from({ length: 8 }, (_, r) => binOf(q, r, 0))).toEqual([3, 1, 2, 1, 3, 0, 0, 2])
  })

  test('x < cut[bin] exactly for rows in bins ≤ bin (the BRANCH_LT rule), for every row', () => {
    const random = createRandom(3)
    const nRows = 5000
    const values = Float32Array.from({ length: nRows * 2 }, () => (random() - 0.5) * 1e3)
    const q = quantiseFeatures({ values, nRows, nFeatures: 2 }, null, 32)
    for (let f = 0; f < 2; f++) {
      const cuts = q.cuts.cutValues.subarray(q.cuts.cutStart[f]!, q.cuts.cutStart[f + 1]!)
      expect(cuts.length).toBe(31)
      for (let r = 0; r < nRows; r++) {
        const b = binOf(q, r, f)
        const x = values[r * 2 + f]!
        if (b > 0) expect(x >= cuts[b - 1]!).toBe(true)
        if (b < cuts.length) expect(x < cuts[b]!).toBe(true)
      }
    }
  })

  test('quantile bins hold roughly equal counts, and weights move the cuts', () => {
    const nRows = 10_000
    const values = Float32Array.from({ length: nRows }, (_, r) => r)
    const q = quantiseFeatures({ values, nRows, nFeatures: 1 }, null, 10)
    const counts = new Array(10).fill(0)
    for (let r = 0; r < nRows; r++) counts[binOf(q, r, 0)]++
    for (const c of counts) expect(Math.abs(c - 1000)).toBeLessThanOrEqual(1)
    // Rows ≥ 5000 weigh 9: the lower half is only 10 % of the 50 000 total weight, so it becomes
    // one bin and the other nine split the upper half every 5000 / 9 ≈ 555.6 rows.
    const weight = Float64Array.from({ length: nRows }, (_, r) => (r >= 5000 ? 9 : 1))
    const weighted = quantiseFeatures({ values, nRows, nFeatures: 1 }, weight, 10)
    expect(Math.abs(weighted.cuts.cutValues[0]! - 4999.5)).toBeLessThanOrEqual(1)
    expect(Math.abs(weighted.cuts.cutValues[1]! - 5555.5)).toBeLessThanOrEqual(2)
  })

  test('uses 16-bit codes above 256 bins and keeps row ids in the records', () => {
    const nRows = 1000
    const values = Float32Array.from({ length: nRows }, (_, r) => r)
    const q = quantiseFeatures({ values, nRows, nFeatures: 1 }, null, 1000)
    expect(q.rows.bins).toBeInstanceOf(Uint16Array)
    expect(q.cuts.nBins[0]).toBe(1000)
    expect(binOf(q, 999, 0)).toBe(999)
    const layout = recordLayout(1, 2)
    expect(q.rows.words[7 * layout.recordWords + layout.binWords + 2]).toBe(7)
  })
})

describe('sortOrder (radix argsort)', () => {
  test('orders float32 values like a numeric sort, stable, including negatives and ±0', () => {
    const random = createRandom(8)
    const values = Float32Array.from({ length: 3000 }, (_, i) =>
      i % 7 === 0 ? 0 : i % 11 === 0 ? -0 : Math.round((random() - 0.5) * 200) / 4,
    )
    const { order } = sortOrder(values, createSortScratch(values.length))
    const expected = Array.from(values.keys()).sort((a, b) => values[a]! - values[b]! || a - b)
    expect(Array.from(order)).toEqual(expected)
  })
})
