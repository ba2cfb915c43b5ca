import type { SolvedGame } from './solve.ts'
import { sweep } from './sweep.ts'

/**
 * The best the other side can do against one side's optimal strategy, as a single-agent problem
 * (a Markov decision process: at each turn start the answering side picks its best reply to the
 * fixed mixed strategy, over the same states and HP cells). If the strategy is optimal, the answer
 * cannot beat the game's value: for `fixedSide` 0 (B answers A), P(A wins) ≥ value; for 1, ≤ value.
 *
 * @example bestResponse(solved, 0) // P(A wins) when B best-responds to A's optimal strategy
 */
export function bestResponse(solved: SolvedGame, fixedSide: 0 | 1, timeLimitMs = 600_000): number {
  const { graph, reach, layout } = solved
  const grid = new Float64Array(layout.grid.length)
  sweep(graph, reach, layout, grid, {
    rule: { kind: 'respond', fixedSide, strategies: solved.strategies },
    tolerance: 1e-13,
    maxSweeps: 10_000,
    deadline: performance.now() + timeLimitMs,
    timeLimitMs,
  })
  const root = graph.root
  const [hpA, hpB] = solved.start
  return grid[layout.gridAt[root]! + (hpA - 1) * reach.hiB[root]! + hpB - 1]!
}
