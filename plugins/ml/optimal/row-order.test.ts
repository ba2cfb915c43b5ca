import { describe, expect, test } from 'bun:test'
import { rowOrder } from './row-order.ts'

/** A small seeded generator (the test must not depend on Math.random). */
function seeded(seed: number): () => number {
  let x = seed
  return () => {
    x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0
    return x / 2 ** 32
  }
}

describe("a row's states ordered for the sweep", () => {
  // 10 states: ordered by insertion; 40 and 200: by counts over the row's range of tops
  test.each([10, 40, 200])(
    '%i states: highest top first, stable, without the states that miss the row; calls do not leak into each other',
    (length) => {
      const maxB = 300
      const order = rowOrder(maxB)
      const random = seeded(7)
      const out = new Int32Array(length)
      const tops = new Int32Array(length)
      // rows whose tops spread over the whole range, then bunch up high, then low: the counts of one
      // call's range must be gone at the next
      for (const [low, high] of [
        [1, 300],
        [250, 300],
        [1, 20],
        [100, 140],
        [1, 300],
        [290, 400],
      ] as const) {
        const ids = Int32Array.from({ length }, (_, i) => 100 + i)
        const topOf = new Map<number, number>()
        for (const id of ids)
          topOf.set(id, random() < 0.2 ? 0 : low + Math.floor(random() * (high - low + 1)))
        const n = order(ids, 5, (id) => topOf.get(id)!, out, tops)
        const expected = [...ids]
          .map((id, i) => ({ id, i, top: Math.min(maxB, topOf.get(id)!) }))
          .filter((s) => s.top > 0)
          .sort((x, y) => y.top - x.top || x.i - y.i)
        expect(n).toBe(expected.length)
        expect([...out.subarray(0, n)]).toEqual(expected.map((s) => s.id))
        expect([...tops.subarray(0, n)]).toEqual(expected.map((s) => s.top))
      }
    },
  )
})
