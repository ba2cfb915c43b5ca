import type { MatrixGameSolver } from './matrix-game.ts'
import { recordStrategy, type Strategies, strategyAt } from './strategies.ts'
import type { TurnRule } from './sweep.ts'

/**
 * The value of a turn state at one cell from its payoff matrix (`payoff[r · cols + c]`), recording
 * the choice: the matrix game's value and both strategies (`game`), or the answering side's best
 * reply to the fixed side's strategy at that cell (`respond`: the best-response check).
 *
 * @example const solveTurn = createTurnSolver({ kind: 'game' }, games, strategies, payoff)
 */
export function createTurnSolver(
  rule: TurnRule,
  games: MatrixGameSolver,
  strategies: Strategies,
  payoff: Float64Array,
): (id: number, cell: number, rows: number, cols: number) => number {
  const fixedProbs = new Float64Array(5)
  return (id, cell, rows, cols) => {
    if (rule.kind === 'game') {
      const solution = games.solve(payoff, rows, cols)
      recordStrategy(strategies, id, cell, solution.row, rows, solution.col, cols)
      return solution.value
    }
    const fixedA = rule.fixedSide === 0
    const fixed = strategyAt(rule.strategies, id, cell, rule.fixedSide, rows, cols, fixedProbs)
    let best = fixedA ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
    let bestIndex = 0
    for (let j = 0; j < (fixedA ? cols : rows); j++) {
      let v = 0
      for (let i = 0; i < (fixedA ? rows : cols); i++) {
        v += fixed[i]! * (fixedA ? payoff[i * cols + j]! : payoff[j * cols + i]!)
      }
      if (fixedA ? v < best : v > best) {
        best = v
        bestIndex = j
      }
    }
    ;(fixedA ? strategies.col : strategies.row)[id]![cell] = bestIndex
    return best
  }
}
