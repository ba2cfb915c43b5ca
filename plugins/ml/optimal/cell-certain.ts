import { DAMAGE_A, DAMAGE_B, JOINT_A, JOINT_B, type Layout } from './layout.ts'

/** Most choices of one side at a turn state, as strategies are stored in the cell game. */
export const CHOICE_STRIDE = 10

/**
 * Knock-outs certain whatever the other side plays: per turn state `id` and choice, the HP up to
 * which that choice knocks the foe out in the turn's first action for sure. `zeroUpTo[id · 10 + c]`
 * (B's column c): for every move of A, every first-action state of the pair only damages A, with
 * at least that much (no miss, no other outcome), so at A's HP a ≤ it P(A wins) is exactly 0
 * whatever A plays. `oneUpTo[id · 10 + r]` (A's row r): the same for B's HP, P(A wins) 1.
 *
 * Why: where the previous cell's guess plays such a choice, it is an equilibrium at the cell (the
 * best-response check would read its 7 pairs to find a gap of at most a rounding error), so the
 * check can be skipped there: the same strategies, the same values to the bit.
 *
 * @example const { zeroUpTo, oneUpTo } = certainKnockOuts(layout, rowsOf, colsOf)
 */
export function certainKnockOuts(layout: Layout, rowsOf: Int32Array, colsOf: Int32Array) {
  const { count, pairStart, entryStart, entryNode, branchStart, branchKind, branchDist } = layout
  const { distStart, distValue } = layout
  /** Least damage to `side` (0 A, 1 B) over every outcome of state `node`; 0 if one does not damage it. */
  const leastDamage = (node: number, side: number): number => {
    let least = Number.POSITIVE_INFINITY
    for (let br = branchStart[node]!; br < branchStart[node + 1]!; br++) {
      const kind = branchKind[br]!
      const ok = side === 0 ? kind === DAMAGE_A || kind === JOINT_A : kind === DAMAGE_B || kind === JOINT_B
      if (!ok) return 0
      least = Math.min(least, distValue[distStart[branchDist[br]!]!]!)
    }
    return least === Number.POSITIVE_INFINITY ? 0 : least
  }
  /** Least damage to `side` over every first-action state of pair k. */
  const pairLeast = (k: number, side: number): number => {
    let least = Number.POSITIVE_INFINITY
    for (let e = entryStart[k]!; e < entryStart[k + 1]!; e++)
      least = Math.min(least, leastDamage(entryNode[e]!, side))
    return least === Number.POSITIVE_INFINITY ? 0 : least
  }
  const zeroUpTo = new Int32Array(count * CHOICE_STRIDE)
  const oneUpTo = new Int32Array(count * CHOICE_STRIDE)
  for (let id = 0; id < count; id++) {
    const rows = rowsOf[id]!
    const cols = colsOf[id]!
    for (let c = 0; c < cols; c++) {
      let least = Number.POSITIVE_INFINITY
      for (let r = 0; r < rows; r++) least = Math.min(least, pairLeast(pairStart[id]! + r * cols + c, 0))
      zeroUpTo[id * CHOICE_STRIDE + c] = rows > 0 ? least : 0
    }
    for (let r = 0; r < rows; r++) {
      let least = Number.POSITIVE_INFINITY
      for (let c = 0; c < cols; c++) least = Math.min(least, pairLeast(pairStart[id]! + r * cols + c, 1))
      oneUpTo[id * CHOICE_STRIDE + r] = cols > 0 ? least : 0
    }
  }
  return { zeroUpTo, oneUpTo }
}
