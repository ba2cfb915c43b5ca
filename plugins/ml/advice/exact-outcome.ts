import type { ExactDetail, PairOutcome } from '../../../core/contracts/advisor.ts'
import type { PairSolution } from '../solver/index.ts'

/** Turns kept in a length distribution; the last entry gathers the rest (keeps answers small). */
export const LENGTH_TURNS = 40

/**
 * A solver answer in the advice contract's shape (slugs in, slugs out).
 *
 * @example
 * toExactOutcome('thunderbolt', 'tackle', solution).method // 'exact'
 */
export function toExactOutcome(moveA: string, moveB: string, solution: PairSolution): PairOutcome {
  const length = solution.lengthDistribution.slice(0, LENGTH_TURNS)
  const rest = solution.lengthDistribution.slice(LENGTH_TURNS).reduce((x, y) => x + y, 0)
  if (rest > 0) length[length.length - 1] = (length[length.length - 1] ?? 0) + rest
  const detail: ExactDetail = {
    unresolved: solution.unresolved,
    expectedTurns: solution.expectedTurns,
    lengthDistribution: length,
    damage: {
      a: { ...solution.damage[0], koChances: [...solution.damage[0].koChances] },
      b: { ...solution.damage[1], koChances: [...solution.damage[1].koChances] },
    },
  }
  return {
    moveA,
    moveB,
    winProbability: solution.winA,
    lossProbability: solution.winB,
    drawProbability: solution.draw + solution.cap,
    method: 'exact',
    exact: detail,
  }
}
