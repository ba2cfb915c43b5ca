import type { BufferStore } from '../solver/grid.ts'
import type { SweepGraph } from './graph.ts'
import type { SolvedGame } from './solve.ts'
import { createStrategies } from './strategies.ts'
import { type RespondRule, sweep } from './sweep.ts'
import type { SweepTeam } from './sweep-team.ts'
import { SweepStopped } from './team-protocol.ts'
import { bestSlot, claimSlots, type SlotGame, slotTables } from './team-slots.ts'

/**
 * The best the other side can do against one side's optimal strategy, as a single-agent problem
 * (a Markov decision process: at each turn start the answering side picks its best reply to the
 * fixed mixed strategy, over the same states and HP cells). If the strategy is optimal, the answer
 * cannot beat the game's value: for `fixedSide` 0 (B answers A), P(A wins) ≥ value; for 1, ≤ value.
 *
 * @example bestResponse(solved, 0) // P(A wins) when B best-responds to A's optimal strategy
 */
export function bestResponse(solved: SolvedGame, fixedSide: 0 | 1, timeLimitMs = 600_000): number {
  const rule = { kind: 'respond', fixedSide, strategies: solved.strategies } as const
  return respondTo(solved, rootCell(solved), rule, { timeLimitMs })
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
  return singleMoveSweep(solved, rootCell(solved), slot, { timeLimitMs }, store)
}

/**
 * A's best single move (`singleMoveValue` over its slots) and its value, the first slot among
 * equals. `bounds[slot]`, when given, is a value the slot cannot beat — B repeating its best
 * reply to the move (the fixed-move solver's figure: an adaptive B does at least as well) — so a
 * slot whose bound another slot's value already reaches is not swept, and the slots are swept
 * highest bound first (usually one sweep instead of four). Without bounds, on the team's two
 * threads when it has them (each sweeps whole slots: `TeamRun.slots`): the same answer to the bit
 * either way.
 *
 * @returns also every slot's value (NaN: beaten, not swept)
 * @example bestSingleMove(solved, 10_000, { store, team, bounds }).value
 */
export function bestSingleMove(
  solved: SolvedGame,
  timeLimitMs: number,
  options: {
    readonly store?: BufferStore
    readonly team?: SweepTeam
    readonly bounds?: readonly number[]
  } = {},
): { slot: number; value: number; values: number[] } {
  const { store, team } = options
  const bounds = options.bounds ?? solved.game.sides[0].moves.map(() => Number.POSITIVE_INFINITY)
  const rootAt = rootCell(solved)
  const deadline = performance.now() + timeLimitMs
  const sweepSlot = (slot: number, check?: () => void) =>
    singleMoveSweep(solved, rootAt, slot, { timeLimitMs, deadline, ...(check ? { check } : {}) }, store)
  // with bounds one sweep usually settles it: a helper sweeping the next slot on the side would
  // only slow the leader's (the two cores share caches: ×1.3 on a median request, 2-core VM)
  const run = bounds.length > 1 && !options.bounds ? team?.begin() : undefined
  let values: number[] | null = null
  try {
    values = run?.slots(solved, rootAt, bounds, sweepSlot, { timeLimitMs }) ?? null
  } catch (error) {
    // the helper failed: the leader sweeps alone (a time limit or a bug of the sweep goes up)
    if (!(error instanceof SweepStopped)) throw error
  } finally {
    run?.end()
  }
  if (!values) {
    const job = slotTables(bounds)
    claimSlots(job, sweepSlot)
    values = Array.from({ length: job.count }, (_, slot) => job.values[slot]!)
  }
  return { ...bestSlot(values), values }
}

/** The starting state's cell in the value table. */
function rootCell(solved: SolvedGame): number {
  const { graph, reach, layout, start } = solved
  return layout.gridAt[graph.root]! + (start[0] - 1) * reach.hiB[graph.root]! + start[1] - 1
}

/**
 * `singleMoveValue` of a swept game whose starting cell is `rootAt`: what each thread of
 * `bestSingleMove` runs. `check` is called between stretches of rows (it throws to stop).
 */
export function singleMoveSweep(
  game: SlotGame,
  rootAt: number,
  slot: number,
  limits: { readonly timeLimitMs: number; readonly deadline?: number; readonly check?: () => void },
  store?: BufferStore,
): number {
  const rule = { kind: 'respond', fixedSide: 0, always: singleMoveRows(game.graph, slot) } as const
  return respondTo(game, rootAt, rule, limits, store)
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

function respondTo(
  game: SlotGame,
  rootAt: number,
  rule: RespondRule,
  limits: { readonly timeLimitMs: number; readonly deadline?: number; readonly check?: () => void },
  store?: BufferStore,
): number {
  const { graph, reach, layout } = game
  const grid = store ? store.take(layout.gridSize) : new Float64Array(layout.gridSize)
  try {
    const options = {
      rule,
      tolerance: 1e-13,
      maxSweeps: 10_000,
      deadline: limits.deadline ?? performance.now() + limits.timeLimitMs,
      timeLimitMs: limits.timeLimitMs,
      ...(limits.check ? { check: limits.check } : {}),
    } as const
    // no tables for the replies: only the value is asked for
    sweep(graph, reach, layout, grid, options, createStrategies([], reach, layout.count))
    return grid[rootAt]!
  } finally {
    if (store) store.give(grid.fill(0, 0, layout.gridSize))
  }
}
