import type { Reach } from './reach.ts'

/** Lists with at most this many states in the row are ordered by insertion (no counts to clear). */
const INSERTION_MAX = 24

/**
 * Orders a row's states for the sweep (see `RowSweeper`): the states of `ids` that reach row `a`
 * (a top above 0), highest top first, into `out` with their tops in `tops`; returns how many.
 * The sweep then drops a list's tail as B's HP passes its tops.
 *
 * Stable (states of equal top keep the list's order), linear in the list: a counting sort over
 * the tops the row's states have (B's HP, at most `maxB`), or an insertion for a short list.
 *
 * Why the range and the insertion: every row orders every list again (a group of chance states per
 * stage, the stored and the turn states), and clearing and scanning counts over all of B's HP for
 * each was most of a row's set-up (≈ 5–7 µs a row, 1–1.5 ms of a median solve).
 *
 * @example const order = rowOrder(maxB); const n = order(ids, a, topOf, out, tops)
 */
export function rowOrder(
  maxB: number,
): (
  ids: Int32Array,
  a: number,
  topOf: (id: number, a: number) => number,
  out: Int32Array,
  tops: Int32Array,
) => number {
  const starts = new Int32Array(maxB + 2)
  let seen = new Int32Array(64)
  return (ids, a, topOf, out, tops) => {
    if (seen.length < ids.length) seen = new Int32Array(2 * ids.length)
    let n = 0
    let low = maxB + 1
    let high = 0
    for (let i = 0; i < ids.length; i++) {
      const top = Math.min(maxB, topOf(ids[i]!, a))
      seen[i] = top
      if (top <= 0) continue
      n++
      if (top < low) low = top
      if (top > high) high = top
    }
    if (n <= INSERTION_MAX) {
      // each state goes after every state of a higher or equal top (equal: earlier in the list)
      let placed = 0
      for (let i = 0; i < ids.length; i++) {
        const top = seen[i]!
        if (top <= 0) continue
        let at = placed++
        for (; at > 0 && tops[at - 1]! < top; at--) {
          out[at] = out[at - 1]!
          tops[at] = tops[at - 1]!
        }
        out[at] = ids[i]!
        tops[at] = top
      }
      return n
    }
    starts.fill(0, low, high + 1)
    for (let i = 0; i < ids.length; i++) if (seen[i]! > 0) starts[seen[i]!]!++
    // where each top's states start in `out`, highest top first
    let next = 0
    for (let top = high; top >= low; top--) {
      const k = starts[top]!
      starts[top] = next
      next += k
    }
    for (let i = 0; i < ids.length; i++) {
      const top = seen[i]!
      if (top <= 0) continue
      const at = starts[top]!++
      out[at] = ids[i]!
      tops[at] = top
    }
    return n
  }
}

/**
 * Per state, how many of its first rows the sweep leaves out (no battle reaches them, or A has
 * lost there: see `doomedRows`), and the states that have some, most rows first.
 *
 * Why: cells of a row read the lost states at their value, 0, through `val`; a thread that swept
 * a higher row before (two threads take rows out of order) left other values there, so starting a
 * row zeroes `val` of the states left out of it (a prefix of `emptyFirst`).
 */
export function emptyRows(count: number, hiA: Int32Array, topOf: (id: number, a: number) => number) {
  const emptyUpTo = new Int32Array(count)
  for (let id = 0; id < count; id++) {
    while (emptyUpTo[id]! < hiA[id]! && topOf(id, emptyUpTo[id]! + 1) === 0) emptyUpTo[id]!++
  }
  const emptyFirst = new Int32Array(
    [...emptyUpTo.keys()].filter((id) => emptyUpTo[id]! > 0).sort((x, y) => emptyUpTo[y]! - emptyUpTo[x]!),
  )
  return { emptyUpTo, emptyFirst }
}

/**
 * Per row (1 … topA): the highest B's HP of any state at that row or above. Why "or above": the
 * stretches a row is cut in must not grow with A's HP (chunk k of row a reads chunk k of row a − 1).
 * Read straight from the rows' tops (a call per state and row was ≈ a third of a sweeper's set-up).
 */
export function rowEnds(topA: number, reach: Pick<Reach, 'hiA' | 'rowAt' | 'rowTop'>): Int32Array {
  const { hiA, rowAt, rowTop } = reach
  const ends = new Int32Array(topA + 2)
  for (let id = 0; id < hiA.length; id++) {
    const at = rowAt[id]! - 1
    const last = Math.min(topA, hiA[id]!)
    for (let a = 1; a <= last; a++) if (rowTop[at + a]! > ends[a]!) ends[a] = rowTop[at + a]!
  }
  for (let a = topA - 1; a >= 1; a--) ends[a] = Math.max(ends[a]!, ends[a + 1]!)
  return ends
}
