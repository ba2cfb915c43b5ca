import type { SaddleGuess } from './cell-saddle.ts'
import type { PairValues } from './pair-values.ts'
import type { TurnRule } from './sweep.ts'
import type { TurnSolver } from './turn-solve.ts'

/** A cell whose fixed point has not settled after this many rounds reports its change as residual. */
const MAX_CELL_ITERATIONS = 100_000

/** What the rounds of value iteration at a cell read and write (the row sweeper's arrays). */
export interface CellRoundsInput {
  /** The row's turn states (a list the row sweeper refills per row; read up to `turnEnd`). */
  readonly turns: Int32Array
  readonly rowsOf: Int32Array
  readonly colsOf: Int32Array
  readonly pairStart: Int32Array
  readonly hiB: Int32Array
  readonly val: Float64Array
  readonly pairs: PairValues
  readonly payoffFromTemplates: (id: number) => void
  readonly payoffFromValues: (id: number) => void
  /** One entry `k` = r · cols + c of a turn state's matrix (a best response reads only the fixed side's pairs). */
  readonly entryFromTemplates: (id: number, k: number) => number
  readonly entryFromValues: (id: number, k: number) => number
  readonly turnSolver: TurnSolver
  readonly saddles: SaddleGuess
  readonly rule: TurnRule
  readonly tolerance: number
  /**
   * Called every `ROUNDS_BETWEEN_CHECKS` rounds of one cell: it throws past the solve's deadline
   * (a cell whose outcomes nearly always come back to it can take millions of rounds).
   */
  readonly checkDeadline: () => void
}

/** Rounds of one cell between two deadline checks (a round costs ≈ 1 µs a turn state). */
const ROUNDS_BETWEEN_CHECKS = 1024

/** Value iteration at one cell (see `createCellRounds`). */
export interface CellRounds {
  /** A new cell begins (its pairs and guesses checked afresh). */
  nextCell(): void
  /**
   * One round over the cell's turn states `turns[0 … turnEnd − 1]`: each state's matrix game at the
   * current values, from the templates or from the chance states' values; returns the largest change.
   */
  relax(turnEnd: number, a: number, b: number, fromTemplates: boolean): number
  /** Repeats `round` until nothing moves by the tolerance (or gives up), then records the choices. */
  settle(turnEnd: number, a: number, b: number, round: () => number): void
  /** Largest change left where a cell's fixed point did not settle (0 almost always). */
  residual(): number
}

/**
 * Plain value iteration at a cell, for the cells the cell game cannot vouch for (a turn state that
 * may stall needs the least fixed point: see `contractingStates`). A game's turn state is valued by
 * its guessed saddle point when it is one (`SaddleGuess`: one row and one column of the matrix), or
 * else its whole matrix is read and solved; a state whose guess failed at a cell is solved whole for
 * the cell's later rounds, and its pairs are valued once per cell.
 *
 * @example const rounds = createCellRounds(input); rounds.nextCell(); rounds.settle(n, a, b, () => rounds.relax(n, a, b, true))
 */
export function createCellRounds(input: CellRoundsInput): CellRounds {
  const { turns, rowsOf, colsOf, pairStart, hiB, val, pairs, turnSolver, saddles, rule, tolerance } = input
  const { payoffFromTemplates, payoffFromValues, entryFromTemplates, entryFromValues } = input
  const count = rowsOf.length
  // per turn state: the cell (numbered) where its guess failed, and where its pairs were all valued
  const missedAt = new Int32Array(count)
  const wholeAt = new Int32Array(count)
  let cellNumber = 0
  let residual = 0
  const cellOf = (id: number, a: number, b: number) => (a - 1) * hiB[id]! + b - 1

  /** A turn state's whole matrix game from the templates (its outcome is the next round's guess). */
  const solveWhole = (id: number): number => {
    const first = pairStart[id]!
    if (wholeAt[id] !== cellNumber)
      for (let k = first; k < first + rowsOf[id]! * colsOf[id]!; k++) pairs.ensure(k)
    wholeAt[id] = cellNumber
    payoffFromTemplates(id)
    const v = turnSolver.solve(id, rowsOf[id]!, colsOf[id]!)
    saddles.remember(id, turnSolver.pendingPair(id, rowsOf[id]!, colsOf[id]!))
    return v
  }

  /** A game's turn state from the templates: its guessed saddle point if it is one. */
  const gameValue = (id: number): number => {
    const v = missedAt[id] === cellNumber ? Number.NaN : saddles.tryGuess(id, cellNumber)
    if (Number.isNaN(v)) {
      missedAt[id] = cellNumber
      return solveWhole(id)
    }
    turnSolver.setPure(id, saddles.guessed(id))
    return v
  }

  return {
    nextCell() {
      cellNumber++
    },
    relax(turnEnd, a, b, fromTemplates) {
      let delta = 0
      for (let i = 0; i < turnEnd; i++) {
        const id = turns[i]!
        let v: number
        if (rule.kind !== 'game') {
          const entry = fromTemplates ? entryFromTemplates : entryFromValues
          v = turnSolver.respond(id, cellOf(id, a, b), rowsOf[id]!, colsOf[id]!, entry)
        } else if (fromTemplates) v = gameValue(id)
        else {
          payoffFromValues(id)
          v = turnSolver.solve(id, rowsOf[id]!, colsOf[id]!)
        }
        delta = Math.max(delta, Math.abs(v - val[id]!))
        val[id] = v
      }
      return delta
    },
    settle(turnEnd, a, b, round) {
      for (let iteration = 0; ; iteration++) {
        if (iteration % ROUNDS_BETWEEN_CHECKS === ROUNDS_BETWEEN_CHECKS - 1) input.checkDeadline()
        const delta = round()
        if (delta > tolerance && iteration < MAX_CELL_ITERATIONS) continue
        if (delta > tolerance) residual = Math.max(residual, delta)
        for (let i = 0; i < turnEnd; i++) {
          const id = turns[i]!
          turnSolver.commit(id, cellOf(id, a, b), rowsOf[id]!, colsOf[id]!)
        }
        return
      }
    },
    residual: () => residual,
  }
}
