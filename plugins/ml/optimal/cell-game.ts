import { createApartCheck } from './cell-apart.ts'
import { CHOICE_STRIDE } from './cell-certain.ts'
import { createGuessCheck, createGuesses } from './cell-check.ts'
import { contractingStates } from './cell-stall.ts'
import type { MatrixGameSolver } from './matrix-game.ts'
import { recordPure, recordStrategy, type Strategies } from './strategies.ts'

/** Most rounds of "value the strategies, check them with the matrix games" before giving up. */
const MAX_ROUNDS = 6
/** Passes of the linear evaluation when turn states of one cell lead to each other (PP chains). */
const MAX_PASSES = 10_000
/** Largest strategy stored per turn state: A's rows then B's columns (≤ 5 each). */
const STRIDE =
  CHOICE_STRIDE /** The linear evaluation stops when no value moves by more than this (far below the tolerance). */
const EXACT = 1e-16

/** What the cell's turn-state fixed point reads: the sweep's arrays (see `sweep.ts`, `templates.ts`). */
export interface CellGameInput {
  readonly count: number
  readonly rowsOf: Int32Array
  readonly colsOf: Int32Array
  readonly pairStart: Int32Array
  /** Per pair: the part of its payoff that does not depend on this cell's turn-start values. */
  readonly constQ: Float64Array
  /** Makes `constQ[k]` valid at the cell (pairs are valued on demand, see `pair-values.ts`). */
  readonly ensure: (k: number) => void
  /** `ensure` for a read not repeated at the next cells (defaults to `ensure`). */
  readonly ensureHere?: (k: number) => void
  readonly termStart: Int32Array
  readonly termNode: Int32Array
  readonly termCoef: Float64Array
  /** Current values by node id; the turn states' entries are read and written. */
  readonly val: Float64Array
  readonly hiB: Int32Array
  readonly games: MatrixGameSolver
  readonly payoff: Float64Array
  readonly strategies: Strategies
  readonly tolerance: number
  /** Knock-outs certain whatever the other side plays (see `certainKnockOuts`): checks skipped. */
  readonly certain?: { readonly zeroUpTo: Int32Array; readonly oneUpTo: Int32Array }
}

/** The turn states' values at one cell, by strategy iteration (see `createCellGame`). */
export interface CellGame {
  /**
   * Solves the fixed point of the turn states `turns[0 … turnEnd − 1]` at cell (a, b), records
   * their strategies and leaves their values in `val`. False when it cannot vouch for the answer
   * (a pair that may loop forever, or no settled strategies after a few rounds): the caller then
   * iterates values as before.
   */
  solve(turns: Int32Array, turnEnd: number, a: number, b: number): boolean
  /**
   * Restarts the guess of `turns[0 … turnEnd − 1]` from what they play at cell (a − 1, b) (their
   * first choices for row 1, or where the cell below is mixed). The sweep does this at the start
   * of each stretch of a row, so that a stretch's results do not depend on which thread swept the
   * one before it (see `RowSweeper.sweepCells`).
   */
  guessFromBelow(turns: Int32Array, turnEnd: number, a: number, b: number): void
}

/**
 * Value iteration at a cell solves every turn state's matrix game again and again until the
 * values stop moving (2 to 16 rounds when moves miss: a miss on both sides comes back to the cell).
 * Strategy iteration needs one round: the strategies found at the previous cell are valued exactly
 * (a linear equation per state: `V = c + k · V` for a pure pair), then the best-response condition
 * checks them (neither side's best reply beats the value: one row and one column of the matrix for
 * pure strategies, the pairs being valued on demand through `ensure`); only where it fails is the
 * whole matrix read and its game solved, and the new strategies valued and checked again (only
 * those and the states that read other states: the rest cannot have moved). Exact because the
 * same-cell part is a contraction (every pair leaves the cell with probability ≥ 1e-6): its fixed
 * point is unique, so a checked one is the one.
 *
 * @example const cellGame = createCellGame(input); if (!cellGame.solve(turns, n, a, b)) iterate()
 */
export function createCellGame(input: CellGameInput): CellGame {
  const { count, rowsOf, colsOf, pairStart, constQ, termStart, termNode, termCoef, val, hiB } = input
  const { games, payoff, strategies, tolerance, ensure } = input
  const pairCount = pairStart[count]!
  // per pair: coefficient on its own turn state, and whether it reads other turn states
  const pairSelf = new Float64Array(pairCount)
  const pairOthers = new Uint8Array(pairCount)
  for (let id = 0; id < count; id++) {
    for (let k = pairStart[id]!; k < pairStart[id]! + rowsOf[id]! * colsOf[id]!; k++) {
      for (let t = termStart[k]!; t < termStart[k + 1]!; t++) {
        if (termNode[t] === id) pairSelf[k] = pairSelf[k]! + termCoef[t]!
        else pairOthers[k] = 1
      }
    }
  }
  const contracting = contractingStates(input, pairSelf)
  // per turn state: 1 when one of its pairs reads another turn state of the cell
  const coupledState = new Uint8Array(count)
  for (let id = 0; id < count; id++) {
    for (let k = pairStart[id]!; k < pairStart[id]! + rowsOf[id]! * colsOf[id]!; k++)
      if (pairOthers[k]) coupledState[id] = 1
  }
  // the states a round re-values and re-checks after the first: those a failed check changed
  // (marked with the round's stamp) and the coupled ones (they may read a changed state)
  const changedStamp = new Int32Array(count)
  let stamp = 0
  let again = new Int32Array(64)
  // the strategy each turn state played at the last cell solved: the guess for the next one
  const guesses = createGuesses(count, rowsOf, colsOf)
  const { probs: guess, row: pureRows, col: pureCols } = guesses
  const check = createGuessCheck(input, guesses)
  const apart = createApartCheck(input, guesses, pairSelf)
  const one = new Int32Array(1)

  const rowProbs = new Float64Array(STRIDE)
  const colProbs = new Float64Array(STRIDE)
  // set when a valued pair reads another turn state of the cell (then the evaluation passes again)
  let coupled = false
  // set when a valued pair reads a state of the evaluated list not valued yet in this pass: only
  // then can a second pass change anything (see `evaluatePolicy`)
  let readAhead = false
  // per state: the evaluation whose list holds it, and the pass that valued it last
  const listedIn = new Int32Array(count)
  const valuedIn = new Int32Array(count)
  let listStamp = 0
  let passStamp = 0

  /** The value of state `id` under the guessed strategies, given the other states' current values. */
  const policyValue = (id: number): number => {
    const rows = rowsOf[id]!
    const cols = colsOf[id]!
    const pureRow = pureRows[id]!
    const pureCol = pureCols[id]!
    if (pureRow >= 0 && pureCol >= 0) return pairValue(id, pairStart[id]! + pureRow * cols + pureCol)
    const base = id * STRIDE
    let c = 0
    let self = 0
    for (let r = 0; r < rows; r++) {
      const x = guess[base + r]!
      if (x === 0) continue
      for (let col = 0; col < cols; col++) {
        const w = x * guess[base + rows + col]!
        if (w === 0) continue
        const k = pairStart[id]! + r * cols + col
        c += w * othersPart(id, k)
        self += w * pairSelf[k]!
      }
    }
    return c / (1 - self)
  }

  /** Pair `k` of state `id` without its terms on `id` itself (those are `pairSelf[k]`). */
  const othersPart = (id: number, k: number): number => {
    ensure(k)
    let q = constQ[k]!
    if (pairOthers[k]) {
      coupled = true
      for (let t = termStart[k]!; t < termStart[k + 1]!; t++) {
        const node = termNode[t]!
        if (node === id) continue
        q += termCoef[t]! * val[node]!
        if (listedIn[node] === listStamp && valuedIn[node] !== passStamp) readAhead = true
      }
    }
    return q
  }

  /** The value of state `id` when both sides play pair `k` (what `policyValue` sums for a pure guess). */
  const pairValue = (id: number, k: number): number => othersPart(id, k) / (1 - pairSelf[k]!)

  /**
   * Values every state under the guessed strategies (Gauss–Seidel over the cell's states). A pass
   * in which no state read one valued after it (in the list's order) solved the system exactly: a
   * second pass would compute every value again from the same numbers, so it is not run.
   */
  const evaluatePolicy = (turns: Int32Array, turnEnd: number) => {
    coupled = false
    listStamp++
    for (let i = 0; i < turnEnd; i++) listedIn[turns[i]!] = listStamp
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      let change = 0
      passStamp++
      readAhead = false
      for (let i = 0; i < turnEnd; i++) {
        const id = turns[i]!
        const v = policyValue(id)
        change = Math.max(change, Math.abs(v - val[id]!))
        val[id] = v
        valuedIn[id] = passStamp
      }
      if (!coupled || !readAhead || change <= EXACT) return
    }
  }

  /**
   * One round of checks at the guessed values: a guess within the tolerance of an equilibrium
   * stays; otherwise the whole matrix is read and its game solved, whose strategies become the
   * guess. Returns the largest change of a value (bounded by the gap for a guess that stays).
   */
  const checkRound = (turns: Int32Array, turnEnd: number, a: number, b: number): number => {
    let delta = 0
    for (let i = 0; i < turnEnd; i++) {
      const id = turns[i]!
      if (check.certainAt(id, a, b)) continue
      const gap = check.gap(id)
      if (gap <= tolerance) {
        delta = Math.max(delta, gap)
        continue
      }
      const rows = rowsOf[id]!
      const cols = colsOf[id]!
      changedStamp[id] = stamp
      for (let k = 0; k < rows * cols; k++) check.matrixAt(id, k)
      const solution = games.solve(payoff, rows, cols)
      guesses.setMixed(id, rows, cols, solution.row, solution.col)
      delta = Math.max(delta, Math.abs(solution.value - val[id]!))
      val[id] = solution.value
    }
    return delta
  }

  /** The rounds over the states `turns[0 … turnEnd − 1]` together (see `CellGame.solve`). */
  const solveTogether = (turns: Int32Array, turnEnd: number, a: number, b: number): boolean => {
    if (again.length < turnEnd) again = new Int32Array(2 * turnEnd)
    let list = turns
    let end = turnEnd
    for (let round = 0; round < MAX_ROUNDS; round++) {
      evaluatePolicy(list, end)
      stamp++
      if (checkRound(list, end, a, b) > tolerance) {
        // the others' values and checks cannot have moved: they read no changed state
        end = 0
        for (let i = 0; i < turnEnd; i++) {
          const id = turns[i]!
          if (changedStamp[id] === stamp || coupledState[id]) again[end++] = id
        }
        list = again
        continue
      }
      for (let i = 0; i < turnEnd; i++) {
        const id = turns[i]!
        const cell = (a - 1) * hiB[id]! + b - 1
        if (pureRows[id]! >= 0 && pureCols[id]! >= 0) {
          recordPure(strategies, id, cell, pureRows[id]!, pureCols[id]!)
          continue
        }
        const rows = rowsOf[id]!
        const cols = colsOf[id]!
        const base = id * STRIDE
        for (let r = 0; r < rows; r++) rowProbs[r] = guess[base + r]!
        for (let c = 0; c < cols; c++) colProbs[c] = guess[base + rows + c]!
        recordStrategy(strategies, id, cell, rowProbs, rows, colProbs, cols)
      }
      return true
    }
    return false
  }

  return {
    solve(turns, turnEnd, a, b) {
      let together = false
      for (let i = 0; i < turnEnd; i++) {
        const id = turns[i]!
        if (!contracting[id]) return false
        if (coupledState[id]) together = true
      }
      if (together) return solveTogether(turns, turnEnd, a, b)
      // no state reads another: each settles alone, most in one call (see `createApartCheck`)
      for (let i = 0; i < turnEnd; i++) {
        const id = turns[i]!
        if (apart.settle(id, a, b)) continue
        one[0] = id
        if (!solveTogether(one, 1, a, b)) return false
      }
      return true
    },
    guessFromBelow(turns, turnEnd, a, b) {
      for (let i = 0; i < turnEnd; i++) {
        const id = turns[i]!
        const cell = (a - 2) * hiB[id]! + b - 1
        const row = a > 1 ? strategies.row[id]![cell]! : 0
        const col = a > 1 ? strategies.col[id]![cell]! : 0
        guesses.setPure(id, rowsOf[id]!, colsOf[id]!, Math.max(0, row), Math.max(0, col))
      }
    },
  }
}
