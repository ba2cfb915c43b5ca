import type { MatrixGameSolver } from './matrix-game.ts'
import { recordPure, recordStrategy, type Strategies, strategyAt } from './strategies.ts'
import type { RespondRule, TurnRule } from './sweep.ts'

/** Largest strategy kept per turn state until it is recorded: A's rows then B's columns. */
const STRIDE = 10

/** Values turn states from their payoff matrices and records their choices (see `createTurnSolver`). */
export interface TurnSolver {
  /** `game`: the value of turn state `id` at the cell from `payoff[r · cols + c]` (its choice kept for `commit`). */
  solve(id: number, rows: number, cols: number): number
  /**
   * `respond`: the answering side's best reply to the fixed side's strategy at the cell, and its
   * value, reading through `entry(id, r · cols + c)` only the pairs the fixed side plays (one row
   * or column of the matrix for a pure choice: a fourth of it for 4 × 4).
   */
  respond(
    id: number,
    cell: number,
    rows: number,
    cols: number,
    entry: (id: number, k: number) => number,
  ): number
  /**
   * Records the last choice `solve` found for `id` at `cell` (`game`: once the cell's values have
   * settled, so that the strategy tables never hold an intermediate round's choice, which another
   * thread may read; `respond` records as it solves).
   */
  commit(id: number, cell: number, rows: number, cols: number): void
  /** `game`: the last choice of `id` is the pure pair `pair` (row · cols + column), found without `solve`. */
  setPure(id: number, pair: number): void
  /** `game`: the last choice of `id` as a pure pair (row · cols + column), −1 when mixed. */
  pendingPair(id: number, rows: number, cols: number): number
}

/**
 * The value of a turn state at one cell from its payoff matrix (`payoff[r · cols + c]`), and the
 * choice: the matrix game's value and both strategies (`game`), or the answering side's best
 * reply to the fixed side's strategy at that cell (`respond`: the best-response check).
 *
 * @example const turnSolver = createTurnSolver({ kind: 'game' }, games, strategies, payoff, count)
 */
export function createTurnSolver(
  rule: TurnRule,
  games: MatrixGameSolver,
  strategies: Strategies,
  payoff: Float64Array,
  count: number,
): TurnSolver {
  const fixedProbs = new Float64Array(5)
  const pending = new Float64Array(rule.kind === 'game' ? count * STRIDE : 0)
  // per turn state: its last choice when `setPure` gave it (row · cols + column), else −1 (`pending`)
  const pendingPure = new Int32Array(rule.kind === 'game' ? count : 0).fill(-1)
  const rowProbs = new Float64Array(STRIDE)
  const colProbs = new Float64Array(STRIDE)
  /** Pair `i` of the fixed side against reply `j` of the answering side, as a matrix index. */
  const pairIndex = (fixedA: boolean, i: number, j: number, cols: number) =>
    fixedA ? i * cols + j : j * cols + i
  return {
    respond(id, cell, rows, cols, entry) {
      if (rule.kind === 'game') throw new Error('respond needs a fixed side')
      const fixedA = rule.fixedSide === 0
      const replies = fixedA ? cols : rows
      const pure = fixedChoice(rule, id, cell)
      const fixed =
        pure >= 0 ? undefined : strategyAt(rule.strategies!, id, cell, rule.fixedSide, rows, cols, fixedProbs)
      let best = fixedA ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
      let bestIndex = 0
      for (let j = 0; j < replies; j++) {
        let v = 0
        if (!fixed) v = entry(id, pairIndex(fixedA, pure, j, cols))
        else
          for (let i = 0; i < (fixedA ? rows : cols); i++)
            if (fixed[i] !== 0) v += fixed[i]! * entry(id, pairIndex(fixedA, i, j, cols))
        if (fixedA ? v < best : v > best) {
          best = v
          bestIndex = j
        }
      }
      // recorded where the caller keeps the replies (a best-single-move value needs none)
      const table = (fixedA ? strategies.col : strategies.row)[id]
      if (table) table[cell] = bestIndex
      return best
    },
    solve(id, rows, cols) {
      if (rule.kind !== 'game') throw new Error('a best response answers with `respond`')
      const solution = games.solve(payoff, rows, cols)
      pendingPure[id] = -1
      const base = id * STRIDE
      for (let r = 0; r < rows; r++) pending[base + r] = solution.row[r]!
      for (let c = 0; c < cols; c++) pending[base + rows + c] = solution.col[c]!
      return solution.value
    },
    setPure(id, pair) {
      pendingPure[id] = pair
    },
    pendingPair(id, rows, cols) {
      if (pendingPure[id]! >= 0) return pendingPure[id]!
      const base = id * STRIDE
      let row = -1
      let col = -1
      for (let r = 0; r < rows; r++) if (pending[base + r] === 1) row = r
      for (let c = 0; c < cols; c++) if (pending[base + rows + c] === 1) col = c
      return row >= 0 && col >= 0 ? row * cols + col : -1
    },
    commit(id, cell, rows, cols) {
      if (rule.kind !== 'game') return
      const pair = pendingPure[id]!
      if (pair >= 0) {
        recordPure(strategies, id, cell, Math.floor(pair / cols), pair % cols)
        return
      }
      const base = id * STRIDE
      for (let r = 0; r < rows; r++) rowProbs[r] = pending[base + r]!
      for (let c = 0; c < cols; c++) colProbs[c] = pending[base + rows + c]!
      recordStrategy(strategies, id, cell, rowProbs, rows, colProbs, cols)
    },
  }
}

/**
 * The fixed side's choice at cell `cell` of turn state `id` (its index among the state's rows or
 * columns), or −1 when its strategy there is mixed (read it with `strategyAt`).
 */
export function fixedChoice(rule: RespondRule, id: number, cell: number): number {
  if (rule.always) return rule.always[id]!
  return (rule.fixedSide === 0 ? rule.strategies.row : rule.strategies.col)[id]![cell]!
}
