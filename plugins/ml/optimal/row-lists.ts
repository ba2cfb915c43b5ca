import { rowOrder } from './row-order.ts'

/**
 * The states a row of the sweep visits (see `RowSweeper`), highest top first: per group of chance
 * states, the stored chance states and the turn states, with where cell (a, 0) of each stored and
 * turn state is in the grid. The sweep trims each list's tail as B's HP passes its tops; `setUp`
 * rebuilds them for a row.
 *
 * Why a module of its own, and the copies: a sweep in blocks of B's HP (`SweepOrder`: A's drain)
 * comes back to each row once per block, so ordering the row again every time (a counting sort per
 * list) was up to a quarter of such a sweep; `remember` keeps each row's lists the first time and
 * copies them back after.
 *
 * @example const lists = createRowLists(groups, stored, turns, topOf, maxB, gridAt, hiB, false)
 */
export interface RowLists {
  readonly groupLists: readonly Int32Array[]
  readonly groupTops: readonly Int32Array[]
  /** Per group: how many of its list are in the row (the sweep lowers it as B's HP grows). */
  readonly ends: Int32Array
  readonly stored: Int32Array
  readonly storedTops: Int32Array
  readonly storedRowAt: Int32Array
  readonly turns: Int32Array
  readonly turnTops: Int32Array
  readonly turnRowAt: Int32Array
  /** Set up by `setUp`: the stored and turn states in the row, and its last live cell. */
  storedEnd: number
  turnEnd: number
  rowLast: number
  /** Sets every list up for row `a`. */
  setUp(a: number): void
}

export function createRowLists(
  groups: readonly Int32Array[],
  storedIds: Int32Array,
  turnIds: Int32Array,
  topOf: (id: number, a: number) => number,
  maxB: number,
  gridAt: Int32Array,
  hiB: Int32Array,
  remember: boolean,
): RowLists {
  const order = rowOrder(maxB)
  const counts = groups.length + 2
  // per row: its counts, then every list's ids and tops (stored and turn states: their grid rows
  // are recomputed, they depend on the row only)
  const kept: (Int32Array | undefined)[] = []
  const lists: RowLists = {
    groupLists: groups.map((g) => new Int32Array(g.length)),
    groupTops: groups.map((g) => new Int32Array(g.length)),
    ends: new Int32Array(groups.length),
    stored: new Int32Array(storedIds.length),
    storedTops: new Int32Array(storedIds.length),
    storedRowAt: new Int32Array(storedIds.length),
    turns: new Int32Array(turnIds.length),
    turnTops: new Int32Array(turnIds.length),
    turnRowAt: new Int32Array(turnIds.length),
    storedEnd: 0,
    turnEnd: 0,
    rowLast: 0,
    setUp(a) {
      const { groupLists, groupTops, ends, stored, storedTops, turns, turnTops } = lists
      const copy = kept[a]
      if (copy) {
        let at = counts
        for (let g = 0; g < groups.length; g++) {
          ends[g] = copy[g]!
          at = restore(copy, at, ends[g]!, groupLists[g]!, groupTops[g]!)
        }
        lists.storedEnd = copy[groups.length]!
        lists.turnEnd = copy[groups.length + 1]!
        at = restore(copy, at, lists.storedEnd, stored, storedTops)
        restore(copy, at, lists.turnEnd, turns, turnTops)
      } else {
        for (let g = 0; g < groups.length; g++)
          ends[g] = order(groups[g]!, a, topOf, groupLists[g]!, groupTops[g]!)
        lists.storedEnd = order(storedIds, a, topOf, stored, storedTops)
        lists.turnEnd = order(turnIds, a, topOf, turns, turnTops)
        if (remember) kept[a] = keep(lists, counts)
      }
      for (let i = 0; i < lists.storedEnd; i++) lists.storedRowAt[i] = rowAt(stored[i]!, a)
      for (let i = 0; i < lists.turnEnd; i++) lists.turnRowAt[i] = rowAt(turns[i]!, a)
      // the row's last live cell (lists are sorted by top, highest first)
      let last = Math.max(lists.turnEnd > 0 ? turnTops[0]! : 0, lists.storedEnd > 0 ? storedTops[0]! : 0)
      for (let g = 0; g < groups.length; g++) if (ends[g]! > 0) last = Math.max(last, groupTops[g]![0]!)
      lists.rowLast = last
    },
  }
  const rowAt = (id: number, a: number) => gridAt[id]! + (a - 1) * hiB[id]! - 1
  return lists
}

/**
 * Copies `n` ids and tops kept at `at` back into a list; returns where the next list is kept.
 * Element by element: a sweep in blocks restores every row once per block, and the views that
 * `set(copy.subarray(…))` allocates cost more than these short copies.
 */
function restore(copy: Int32Array, at: number, n: number, ids: Int32Array, tops: Int32Array): number {
  for (let i = 0; i < n; i++) {
    ids[i] = copy[at + i]!
    tops[i] = copy[at + n + i]!
  }
  return at + 2 * n
}

/** The row's counts and lists in one array (see `restore`). */
function keep(lists: RowLists, counts: number): Int32Array {
  const { groupLists, groupTops, ends, storedEnd, turnEnd } = lists
  let size = counts + 2 * (storedEnd + turnEnd)
  for (let g = 0; g < ends.length; g++) size += 2 * ends[g]!
  const copy = new Int32Array(size)
  copy.set(ends)
  copy[ends.length] = storedEnd
  copy[ends.length + 1] = turnEnd
  let at = counts
  const put = (ids: Int32Array, tops: Int32Array, n: number) => {
    for (let i = 0; i < n; i++) {
      copy[at + i] = ids[i]!
      copy[at + n + i] = tops[i]!
    }
    at += 2 * n
  }
  for (let g = 0; g < ends.length; g++) put(groupLists[g]!, groupTops[g]!, ends[g]!)
  put(lists.stored, lists.storedTops, storedEnd)
  put(lists.turns, lists.turnTops, turnEnd)
  return copy
}
