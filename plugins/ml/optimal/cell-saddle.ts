import type { CellGameInput } from './cell-game.ts'
import type { Strategies } from './strategies.ts'

/** What a saddle check reads: the cell game's pair values and same-cell terms (see `CellGameInput`). */
export type SaddleInput = Pick<
  CellGameInput,
  | 'count'
  | 'rowsOf'
  | 'colsOf'
  | 'pairStart'
  | 'constQ'
  | 'ensure'
  | 'termStart'
  | 'termNode'
  | 'termCoef'
  | 'val'
  | 'hiB'
> & {
  /** The choices recorded so far (the cell below a stretch's first cell is read). */
  readonly strategies: Pick<Strategies, 'row' | 'col'>
}

/**
 * A guessed pure pair per turn state, checked as a saddle point of the state's matrix at the
 * current values: when it is one, that entry is the matrix game's value (to the bit: the largest
 * row minimum and the smallest column maximum are both that entry), read from one row and one
 * column (7 of 16 pairs for 4 × 4) instead of the whole matrix and a game solve.
 *
 * Why: the cells whose turn states may stall (a pair that never changes HP, like a Normal move into
 * a Ghost against Dream Eater on an awake foe) are valued by plain value iteration, the least fixed
 * point (`row-sweep.ts`): every round solved every state's whole matrix. At almost every cell the
 * pure pair of the cell before (or of the round before) is still the saddle point.
 */
export interface SaddleGuess {
  /**
   * The value of state `id` if its guessed pair is a saddle point at the current values, else NaN.
   * `cell` numbers the cell: the pairs read are valued once per cell (later rounds only re-add the
   * same-cell terms).
   */
  tryGuess(id: number, cell: number): number
  /** The guessed pair (row · cols + column), −1 for none. */
  guessed(id: number): number
  /** The next guess of state `id`: pair `pair` (row · cols + column), −1 for none. */
  remember(id: number, pair: number): void
  /**
   * Restarts the guesses of `turns[0 … turnEnd − 1]` from what they play at cell (a − 1, b), so
   * that a stretch of a row does not depend on which thread swept the one before it.
   */
  fromBelow(turns: Int32Array, turnEnd: number, a: number, b: number): void
}

/** @example const saddles = createSaddleGuess(input); const v = saddles.tryGuess(id) */
export function createSaddleGuess(input: SaddleInput): SaddleGuess {
  const { count, rowsOf, colsOf, pairStart, constQ, ensure, termStart, termNode, termCoef, val } = input
  const { hiB, strategies } = input
  const guess = new Int32Array(count).fill(-1)
  // per state: the cell and the pair whose row and column were last valued
  const readyCell = new Int32Array(count).fill(-1)
  const readyPair = new Int32Array(count).fill(-1)
  let fresh = true
  const entry = (k: number): number => {
    if (fresh) ensure(k)
    let q = constQ[k]!
    for (let t = termStart[k]!; t < termStart[k + 1]!; t++) q += termCoef[t]! * val[termNode[t]!]!
    return q
  }
  return {
    tryGuess(id, cell) {
      const pair = guess[id]!
      if (pair < 0) return Number.NaN
      fresh = readyCell[id] !== cell || readyPair[id] !== pair
      // set once the whole row and column were read (a failed check may stop before)
      readyCell[id] = -1
      const cols = colsOf[id]!
      const row = Math.floor(pair / cols)
      const col = pair - row * cols
      const first = pairStart[id]!
      const value = entry(first + pair)
      // no column lower on its row, no row higher on its column
      for (let c = 0; c < cols; c++) if (c !== col && entry(first + row * cols + c) < value) return Number.NaN
      for (let r = 0; r < rowsOf[id]!; r++)
        if (r !== row && entry(first + r * cols + col) > value) return Number.NaN
      readyCell[id] = cell
      readyPair[id] = pair
      return value
    },
    guessed: (id) => guess[id]!,
    remember(id, pair) {
      guess[id] = pair
    },
    fromBelow(turns, turnEnd, a, b) {
      for (let i = 0; i < turnEnd; i++) {
        const id = turns[i]!
        if (a < 2) {
          guess[id] = -1
          continue
        }
        const cell = (a - 2) * hiB[id]! + b - 1
        const row = strategies.row[id]![cell]!
        const col = strategies.col[id]![cell]!
        guess[id] = row >= 0 && col >= 0 ? row * colsOf[id]! + col : -1
      }
    },
  }
}
