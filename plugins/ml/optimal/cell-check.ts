import { CHOICE_STRIDE } from './cell-certain.ts'
import type { CellGameInput } from './cell-game.ts'

/**
 * The strategies guessed at a cell (see `createCellGame`): per turn state `id`, A's probabilities
 * then B's at `probs[id · CHOICE_STRIDE …]`, and the choice each side plays with probability
 * exactly 1 (`row[id]`, `col[id]`; −1 when mixed).
 *
 * Why the pure choices apart: nearly every guess is pure, and the check and the policy value then
 * read one pair and one row and column of pairs by index instead of scanning probabilities.
 */
export interface Guesses {
  readonly probs: Float64Array
  readonly row: Int8Array
  readonly col: Int8Array
  /** Sets state `id`'s guess to A's row `r` and B's column `c` (both pure). */
  setPure(id: number, rows: number, cols: number, r: number, c: number): void
  /** Sets state `id`'s guess from `rowProbs` and `colProbs` (a matrix game's solution). */
  setMixed(id: number, rows: number, cols: number, rowProbs: Float64Array, colProbs: Float64Array): void
}

/** Every state guessing its first choices. @example const guesses = createGuesses(count, rowsOf, colsOf) */
export function createGuesses(count: number, rowsOf: Int32Array, colsOf: Int32Array): Guesses {
  const probs = new Float64Array(count * CHOICE_STRIDE)
  const row = new Int8Array(count).fill(-1)
  const col = new Int8Array(count).fill(-1)
  /** The index played with probability exactly 1 among `n` probabilities from `at`, or −1. */
  const pureOf = (at: number, n: number): number => {
    for (let i = 0; i < n; i++) if (probs[at + i] === 1) return i
    return -1
  }
  const guesses: Guesses = {
    probs,
    row,
    col,
    setPure(id, rows, cols, r, c) {
      const base = id * CHOICE_STRIDE
      probs.fill(0, base, base + rows + cols)
      if (rows > 0) probs[base + r] = 1
      if (cols > 0) probs[base + rows + c] = 1
      row[id] = rows > 0 ? r : -1
      col[id] = cols > 0 ? c : -1
    },
    setMixed(id, rows, cols, rowProbs, colProbs) {
      const base = id * CHOICE_STRIDE
      for (let r = 0; r < rows; r++) probs[base + r] = rowProbs[r]!
      for (let c = 0; c < cols; c++) probs[base + rows + c] = colProbs[c]!
      row[id] = pureOf(base, rows)
      col[id] = pureOf(base + rows, cols)
    },
  }
  for (let id = 0; id < count; id++) guesses.setPure(id, rowsOf[id]!, colsOf[id]!, 0, 0)
  return guesses
}

/** Reading pairs at the current values and checking a guess (see `createGuessCheck`). */
export interface GuessCheck {
  /** Pair `k` (index in the state's matrix) of state `id` at the current values, into `payoff`. */
  payoffAt(id: number, k: number): number
  /** `payoffAt` for a whole matrix read once (a failed check): not valued ahead. */
  matrixAt(id: number, k: number): number
  /**
   * How far the guessed strategies of state `id` are from an equilibrium at the current values:
   * A's best reply to B's guess minus B's best reply to A's guess (≥ 0; the game's value lies in
   * between). Reads only the pairs a reply meets: a row and a column when the guess is pure.
   */
  gap(id: number): number
  /** The guess of `id` knocks out first for sure at (a, b): its check could find only a rounding error. */
  certainAt(id: number, a: number, b: number): boolean
}

/**
 * The best-response check of the cell game's guesses: the payoffs a reply meets, valued on demand
 * (`ensure`) at the cell's current turn-start values.
 *
 * @example const check = createGuessCheck(input, guesses); if (check.gap(id) <= tolerance) keep()
 */
export function createGuessCheck(input: CellGameInput, guesses: Guesses): GuessCheck {
  const { rowsOf, colsOf, pairStart, constQ, termStart, termNode, termCoef, val, payoff, ensure } = input
  const { probs, row: pureRows, col: pureCols } = guesses
  const halfTolerance = input.tolerance / 2
  const zeroUpTo = input.certain?.zeroUpTo
  const oneUpTo = input.certain?.oneUpTo

  /** Global pair `g` at the current values. */
  const pairPayoff = (g: number): number => {
    ensure(g)
    let q = constQ[g]!
    for (let t = termStart[g]!; t < termStart[g + 1]!; t++) q += termCoef[t]! * val[termNode[t]!]!
    return q
  }

  const ensureHere = input.ensureHere ?? ensure

  const payoffAt = (id: number, k: number): number => {
    const q = pairPayoff(pairStart[id]! + k)
    payoff[k] = q
    return q
  }

  /** `gap` for a mixed guess: each reply weighs the pairs the other side's guess plays. */
  const mixedGap = (id: number): number => {
    const rows = rowsOf[id]!
    const cols = colsOf[id]!
    const base = id * CHOICE_STRIDE
    for (let k = 0; k < rows * cols; k++) payoff[k] = Number.NaN
    let rowBest = Number.NEGATIVE_INFINITY
    for (let r = 0; r < rows; r++) {
      let s = 0
      for (let c = 0; c < cols; c++) {
        const y = probs[base + rows + c]!
        if (y !== 0) s += y * payoffAt(id, r * cols + c)
      }
      rowBest = Math.max(rowBest, s)
    }
    let colWorst = Number.POSITIVE_INFINITY
    for (let c = 0; c < cols; c++) {
      let s = 0
      for (let r = 0; r < rows; r++) {
        const x = probs[base + r]!
        if (x === 0) continue
        const q = payoff[r * cols + c]!
        s += x * (Number.isNaN(q) ? payoffAt(id, r * cols + c) : q)
      }
      colWorst = Math.min(colWorst, s)
    }
    return rowBest - colWorst
  }

  return {
    payoffAt,
    matrixAt(id, k) {
      const g = pairStart[id]! + k
      ensureHere(g)
      let q = constQ[g]!
      for (let t = termStart[g]!; t < termStart[g + 1]!; t++) q += termCoef[t]! * val[termNode[t]!]!
      payoff[k] = q
      return q
    },
    gap(id) {
      const pureRow = pureRows[id]!
      const pureCol = pureCols[id]!
      if (pureRow < 0 || pureCol < 0) return mixedGap(id)
      // the usual case: A's replies to B's move (a column), B's replies to A's move (a row)
      const rows = rowsOf[id]!
      const cols = colsOf[id]!
      const first = pairStart[id]!
      const rowFirst = first + pureRow * cols
      if (val[id]! >= 0.5) {
        // B's replies first: if none takes the value below 1 − tolerance / 2, no reply of A's
        // (worth at most 1) can beat it by the tolerance
        let colWorst = Number.POSITIVE_INFINITY
        let played = 0
        for (let c = 0; c < cols; c++) {
          const q = pairPayoff(rowFirst + c)
          if (c === pureCol) played = q
          colWorst = Math.min(colWorst, q)
        }
        if (colWorst >= 1 - halfTolerance) return Math.max(0, 1 - colWorst)
        let rowBest = Number.NEGATIVE_INFINITY
        for (let r = 0; r < rows; r++)
          rowBest = Math.max(rowBest, r === pureRow ? played : pairPayoff(first + r * cols + pureCol))
        return rowBest - colWorst
      }
      let rowBest = Number.NEGATIVE_INFINITY
      let played = 0
      for (let r = 0; r < rows; r++) {
        const q = pairPayoff(first + r * cols + pureCol)
        if (r === pureRow) played = q
        rowBest = Math.max(rowBest, q)
      }
      // A's replies first: if none is worth more than tolerance / 2, no reply of B's (worth at
      // least 0) can be below it by the tolerance
      if (rowBest <= halfTolerance) return Math.max(0, rowBest)
      let colWorst = Number.POSITIVE_INFINITY
      for (let c = 0; c < cols; c++)
        colWorst = Math.min(colWorst, c === pureCol ? played : pairPayoff(rowFirst + c))
      return rowBest - colWorst
    },
    certainAt(id, a, b) {
      if (!zeroUpTo || !oneUpTo) return false
      const col = pureCols[id]!
      if (col >= 0 && a <= zeroUpTo[id * CHOICE_STRIDE + col]!) return true
      const row = pureRows[id]!
      return row >= 0 && b <= oneUpTo[id * CHOICE_STRIDE + row]!
    },
  }
}
