import { CHOICE_STRIDE } from './cell-certain.ts'
import type { Guesses } from './cell-check.ts'
import type { CellGameInput } from './cell-game.ts'
import { recordPure } from './strategies.ts'

/**
 * The cell game's usual case, settled in one call: a turn state whose pairs read no other turn
 * state of the cell (its value there depends on itself only) and whose guess is pure.
 *
 * Why: that is most turn states at most cells (≈ 3 of 4 in the bench's median games). The general
 * round (value every state under the guesses, then check each) pays, per pair read, a call chain
 * (the policy value, the others' part, the payoff, the pair's terms) that only adds the state's
 * own term; here the pair's payoff is `constQ + self · V` directly. The arithmetic is the general
 * path's, term for term (a pair of such a state has at most one term, on the state itself, whose
 * coefficient is `self`; with none, `self` is 0 and adding `0 · V` changes no bit), so values and
 * strategies are the same to the bit.
 */
export interface ApartCheck {
  /**
   * Values state `id` under its pure guess at cell (a, b), checks it (the best-response gap of
   * `GuessCheck.gap`, or a certain knock-out) and records it. False, with nothing recorded, when
   * the guess is mixed or fails the check: the caller then runs the general rounds for the state.
   */
  settle(id: number, a: number, b: number): boolean
}

/** @example const apart = createApartCheck(input, guesses, pairSelf); if (!apart.settle(id, a, b)) general(id) */
export function createApartCheck(input: CellGameInput, guesses: Guesses, pairSelf: Float64Array): ApartCheck {
  const { rowsOf, colsOf, pairStart, constQ, ensure, val, hiB, strategies, tolerance } = input
  const { row: pureRows, col: pureCols } = guesses
  const halfTolerance = tolerance / 2
  const zeroUpTo = input.certain?.zeroUpTo
  const oneUpTo = input.certain?.oneUpTo

  /** Pair g's payoff when its state is worth v (its only same-cell term is on itself). */
  const payoff = (g: number, v: number): number => {
    ensure(g)
    return constQ[g]! + pairSelf[g]! * v
  }

  /** `GuessCheck.gap` for a pure guess (row r, column c), the same reads in the same order. */
  const gap = (first: number, rows: number, cols: number, r: number, c: number, v: number): number => {
    const rowFirst = first + r * cols
    if (v >= 0.5) {
      let colWorst = Number.POSITIVE_INFINITY
      let played = 0
      for (let col = 0; col < cols; col++) {
        const q = payoff(rowFirst + col, v)
        if (col === c) played = q
        colWorst = Math.min(colWorst, q)
      }
      if (colWorst >= 1 - halfTolerance) return Math.max(0, 1 - colWorst)
      let rowBest = Number.NEGATIVE_INFINITY
      for (let row = 0; row < rows; row++)
        rowBest = Math.max(rowBest, row === r ? played : payoff(first + row * cols + c, v))
      return rowBest - colWorst
    }
    let rowBest = Number.NEGATIVE_INFINITY
    let played = 0
    for (let row = 0; row < rows; row++) {
      const q = payoff(first + row * cols + c, v)
      if (row === r) played = q
      rowBest = Math.max(rowBest, q)
    }
    if (rowBest <= halfTolerance) return Math.max(0, rowBest)
    let colWorst = Number.POSITIVE_INFINITY
    for (let col = 0; col < cols; col++)
      colWorst = Math.min(colWorst, col === c ? played : payoff(rowFirst + col, v))
    return rowBest - colWorst
  }

  return {
    settle(id, a, b) {
      const r = pureRows[id]!
      const c = pureCols[id]!
      if (r < 0 || c < 0) return false
      const rows = rowsOf[id]!
      const cols = colsOf[id]!
      const first = pairStart[id]!
      const played = first + r * cols + c
      ensure(played)
      const v = constQ[played]! / (1 - pairSelf[played]!)
      val[id] = v
      const certain =
        zeroUpTo !== undefined &&
        oneUpTo !== undefined &&
        (a <= zeroUpTo[id * CHOICE_STRIDE + c]! || b <= oneUpTo[id * CHOICE_STRIDE + r]!)
      if (!certain && gap(first, rows, cols, r, c, v) > tolerance) return false
      recordPure(strategies, id, (a - 1) * hiB[id]! + b - 1, r, c)
      return true
    },
  }
}
