import type { BufferStore } from '../solver/grid.ts'
import type { SolvedGame } from './solve.ts'
import { createStrategies, lendStrategies, liveTurns, type Strategies } from './strategies.ts'
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
  return respondTo(solved, fixedSide, solved.strategies, timeLimitMs)
}

/**
 * P(A wins) when A uses the move in `slot` (0-based) at every turn it can choose it — otherwise
 * what it is forced to (recharge, a locked move, Struggle) or its first choice (the move is
 * disabled) — and B answers turn by turn as well as it can. The fair "best single move" to compare
 * optimal play with: against the same adaptive opponent, so optimal play never does worse.
 * (The fixed-move solver's figure lets B repeat one move too; an adaptive B can do much better.)
 *
 * @param store lends the tables (a served solver's, mapped already: see `lendStrategies`); without
 *   one they are new
 * @example Math.max(...[0, 1, 2, 3].map((slot) => singleMoveValue(solved, slot))) <= solved.value + 1e-9
 */
export function singleMoveValue(
  solved: SolvedGame,
  slot: number,
  timeLimitMs = 600_000,
  store?: BufferStore,
): number {
  const { graph, reach } = solved
  const live = graph.turns.filter((turn) => reach.hiA[turn.id]! > 0)
  const ids = live.map((turn) => turn.id)
  const fixed = store
    ? lendStrategies(ids, reach, graph.nodes.length, store)
    : { strategies: createStrategies(ids, reach, graph.nodes.length), giveBack: () => {} }
  try {
    for (const turn of live) fixed.strategies.row[turn.id]!.fill(Math.max(0, turn.rows.indexOf(slot + 1)))
    return respondTo(solved, 0, fixed.strategies, timeLimitMs, store)
  } finally {
    fixed.giveBack()
  }
}

function respondTo(
  solved: SolvedGame,
  fixedSide: 0 | 1,
  strategies: Strategies,
  timeLimitMs: number,
  store?: BufferStore,
): number {
  const { graph, reach, layout } = solved
  const grid = store ? store.take(layout.gridSize) : new Float64Array(layout.gridSize)
  const answers = store ? lendStrategies(liveTurns(graph, reach), reach, layout.count, store) : undefined
  try {
    const options = {
      rule: { kind: 'respond', fixedSide, strategies },
      tolerance: 1e-13,
      maxSweeps: 10_000,
      deadline: performance.now() + timeLimitMs,
      timeLimitMs,
    } as const
    sweep(graph, reach, layout, grid, options, answers?.strategies)
    const root = graph.root
    const [hpA, hpB] = solved.start
    return grid[layout.gridAt[root]! + (hpA - 1) * reach.hiB[root]! + hpB - 1]!
  } finally {
    answers?.giveBack()
    if (store) store.give(grid.fill(0, 0, layout.gridSize))
  }
}
