/**
 * Orders a row's states for the sweep (see `RowSweeper`): the states of `ids` that reach row `a`
 * (a top above 0), highest top first, into `out` with their tops in `tops`; returns how many.
 * The sweep then drops a list's tail as B's HP passes its tops.
 *
 * A counting sort by top (tops are B's HP, at most `maxB`): linear in the list whatever the game's
 * size, and stable (states of equal top keep the list's order).
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
    starts.fill(0)
    for (let i = 0; i < ids.length; i++) {
      const top = Math.min(maxB, topOf(ids[i]!, a))
      seen[i] = top
      if (top > 0) starts[top]!++
    }
    // where each top's states start in `out`, highest top first
    let n = 0
    for (let top = maxB; top >= 1; top--) {
      const k = starts[top]!
      starts[top] = n
      n += k
    }
    for (let i = 0; i < ids.length; i++) {
      const top = seen[i]!
      if (top === 0) continue
      const at = starts[top]!++
      out[at] = ids[i]!
      tops[at] = top
    }
    return n
  }
}
