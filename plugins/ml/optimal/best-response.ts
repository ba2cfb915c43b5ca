import type { BufferStore } from '../solver/grid.ts'
import type { SweepGraph } from './graph.ts'
import type { SolvedGame } from './solve.ts'
import { createStrategies } from './strategies.ts'
import { type RespondRule, sweep } from './sweep.ts'

/**
 * The best the other side can do against one side's optimal strategy, as a single-agent problem
 * (a Markov decision process: at each turn start the answering side picks its best reply to the
 * fixed mixed strategy, over the same states and HP cells). If the strategy is optimal, the answer
 * cannot beat the game's value: for `fixedSide` 0 (B answers A), P(A wins) ≥ value; for 1, ≤ value.
 *
 * @example bestResponse(solved, 0) // P(A wins) when B best-responds to A's optimal strategy
 */
export function bestResponse(solved: SolvedGame, fixedSide: 0 | 1, timeLimitMs = 600_000): number {
  return respondTo(solved, { kind: 'respond', fixedSide, strategies: solved.strategies }, timeLimitMs)
}

/**
 * P(A wins) when A uses the move in `slot` (0-based) at every turn it can choose it — otherwise
 * what it is forced to (recharge, a locked move, Struggle) or its first choice (the move is
 * disabled) — and B answers turn by turn as well as it can. The fair "best single move" to compare
 * optimal play with: against the same adaptive opponent, so optimal play never does worse.
 * (The fixed-move solver's figure lets B repeat one move too; an adaptive B can do much better.)
 *
 * @param store lends the value table (a served solver's, mapped already: see `BufferStore`);
 *   without one it is new
 * @example Math.max(...[0, 1, 2, 3].map((slot) => singleMoveValue(solved, slot))) <= solved.value + 1e-9
 */
export function singleMoveValue(
  solved: SolvedGame,
  slot: number,
  timeLimitMs = 600_000,
  store?: BufferStore,
): number {
  return respondTo(
    solved,
    { kind: 'respond', fixedSide: 0, always: singleMoveRows(solved.graph, slot) },
    timeLimitMs,
    store,
  )
}

/**
 * Per node id: the row of A's move in `slot` at each turn state (its first row where A cannot
 * choose it: forced or disabled); what a best-single-move sweep fixes.
 */
export function singleMoveRows(graph: SweepGraph, slot: number): Int32Array {
  const rows = new Int32Array(graph.nodes.length)
  for (const turn of graph.turns) rows[turn.id] = Math.max(0, turn.rows.indexOf(slot + 1))
  return rows
}

function respondTo(solved: SolvedGame, rule: RespondRule, timeLimitMs: number, store?: BufferStore): number {
  const { graph, reach, layout } = solved
  const grid = store ? store.take(layout.gridSize) : new Float64Array(layout.gridSize)
  try {
    const options = {
      rule,
      tolerance: 1e-13,
      maxSweeps: 10_000,
      deadline: performance.now() + timeLimitMs,
      timeLimitMs,
    } as const
    // no tables for the replies: only the value is asked for
    sweep(graph, reach, layout, grid, options, createStrategies([], reach, layout.count))
    const root = graph.root
    const [hpA, hpB] = solved.start
    return grid[layout.gridAt[root]! + (hpA - 1) * reach.hiB[root]! + hpB - 1]!
  } finally {
    if (store) store.give(grid.fill(0, 0, layout.gridSize))
  }
}
