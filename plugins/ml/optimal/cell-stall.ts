import type { CellGameInput } from './cell-game.ts'

/**
 * A state from which the battle may stay at the same HP for more than this many turns on average
 * (whatever both sides play) gets no shortcut: a check passed to the tolerance then bounds the
 * error by tolerance × this (1e-10), and a battle that can stall forever needs the least fixed point.
 */
const MAX_STALL = 100
/** Passes of the stall bound before giving up (cycles through several states that never leave). */
const MAX_STALL_PASSES = 1000

/**
 * Per turn state: 1 when the same-cell part is a contraction from it, i.e. the longest expected
 * stay at the cell over every choice of both sides, `u = 1 + max over pairs of Σ coef · u`, is at
 * most `MAX_STALL` (a pair that comes back to its own state with probability k stays 1 / (1 − k)
 * turns; the templates' coefficients do not depend on the cell, so this is computed once).
 */
export function contractingStates(input: CellGameInput, pairSelf: Float64Array): Uint8Array {
  const { count, rowsOf, colsOf, pairStart, termStart, termNode, termCoef } = input
  const stall = new Float64Array(count).fill(1)
  let settled = false
  for (let pass = 0; pass < MAX_STALL_PASSES && !settled; pass++) {
    settled = true
    for (let id = 0; id < count; id++) {
      let worst = 1
      for (let k = pairStart[id]!; k < pairStart[id]! + rowsOf[id]! * colsOf[id]!; k++) {
        const self = pairSelf[k]!
        if (self >= 1 - 1e-9) {
          worst = Number.POSITIVE_INFINITY
          break
        }
        let others = 0
        for (let t = termStart[k]!; t < termStart[k + 1]!; t++)
          if (termNode[t] !== id) others += termCoef[t]! * stall[termNode[t]!]!
        worst = Math.max(worst, (1 + others) / (1 - self))
      }
      if (worst !== stall[id]! && !(worst - stall[id]! <= 1e-9)) settled = false
      stall[id] = worst
    }
  }
  const contracting = new Uint8Array(count)
  if (settled) for (let id = 0; id < count; id++) contracting[id] = stall[id]! <= MAX_STALL ? 1 : 0
  return contracting
}
