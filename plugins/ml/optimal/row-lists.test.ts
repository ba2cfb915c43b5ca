import { describe, expect, test } from 'bun:test'
import { createRowLists, type RowLists } from './row-lists.ts'

/** Everything a row's lists hold, as plain numbers. */
function snapshot(lists: RowLists) {
  const cut = (xs: Int32Array, n: number) => [...xs.subarray(0, n)]
  return {
    groups: lists.groupLists.map((ids, g) => [
      cut(ids, lists.ends[g]!),
      cut(lists.groupTops[g]!, lists.ends[g]!),
    ]),
    stored: [cut(lists.stored, lists.storedEnd), cut(lists.storedTops, lists.storedEnd)],
    storedRowAt: cut(lists.storedRowAt, lists.storedEnd),
    turns: [cut(lists.turns, lists.turnEnd), cut(lists.turnTops, lists.turnEnd)],
    turnRowAt: cut(lists.turnRowAt, lists.turnEnd),
    rowLast: lists.rowLast,
  }
}

describe("a row's lists, kept per row for a sweep in blocks", () => {
  test('a row set up again after others (and after the sweep trimmed its lists) is the row set up afresh', () => {
    const maxB = 60
    // 12 states: tops that depend on the row, some rows out of reach (top 0)
    const topOf = (id: number, a: number) =>
      (id * 7 + a * 13) % 9 === 0 ? 0 : 1 + ((id * 31 + a * 17) % maxB)
    const groups = [Int32Array.from([0, 1, 2]), Int32Array.from([3, 4]), Int32Array.from([5, 6, 7])]
    const stored = Int32Array.from([8, 9])
    const turns = Int32Array.from([10, 11])
    const gridAt = Int32Array.from({ length: 12 }, (_, id) => id * 1000)
    const hiB = new Int32Array(12).fill(maxB)
    const make = (remember: boolean) =>
      createRowLists(groups, stored, turns, topOf, maxB, gridAt, hiB, remember)
    const kept = make(true)
    const fresh = make(false)
    // block order: rows 1 … 6, then again, with the sweep's trimming between visits
    for (const a of [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6, 3]) {
      kept.setUp(a)
      fresh.setUp(a)
      expect(snapshot(kept)).toEqual(snapshot(fresh))
      kept.ends.fill(0)
      kept.storedEnd = kept.turnEnd = 0
    }
  })
})
