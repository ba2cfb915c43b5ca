import { CHUNK } from './chunk-schedule.ts'
import type { SweepGraph } from './graph.ts'
import type { Layout } from './layout.ts'
import type { Reach } from './reach.ts'
import { createRowSweeper, type RowSweeper } from './row-sweep.ts'
import { createStrategies, liveTurns, type Strategies } from './strategies.ts'
import type { SweepOrder } from './sweep-order.ts'

/**
 * What happens at a turn start: both sides optimise (`game`: the value of the matrix game), or one
 * side plays a given strategy and the other answers it as well as it can (`respond`: a single-agent
 * problem, the check that the game's strategy cannot be exploited).
 */
export type TurnRule = { readonly kind: 'game' } | RespondRule

/**
 * The fixed side of a best response plays its recorded strategy (`strategies`: a solve's), or one
 * choice at every cell of each turn state (`always[id]`: a move repeated, its index among the
 * state's rows or columns), which needs no table per cell.
 */
export type RespondRule = { readonly kind: 'respond'; readonly fixedSide: 0 | 1 } & (
  | { readonly strategies: Strategies; readonly always?: undefined }
  | { readonly always: Int32Array; readonly strategies?: undefined }
)

export interface SweepOptions {
  readonly rule: TurnRule
  /** Stop iterating a cell (and, with healing, sweeping) once no value moves by more than this. */
  readonly tolerance: number
  readonly maxSweeps: number
  /** `performance.now()` past which the solve is refused (`OPTIMAL_TIME_LIMIT`). */
  readonly deadline: number
  readonly timeLimitMs: number
  /** Called between stretches of a row, beside the deadline: it throws to stop (another thread's word). */
  readonly check?: () => void
  /** The order of the cells (default: `sweepOrder(layout)`); `repeat` is right for every game (checks). */
  readonly order?: SweepOrder
}

/**
 * The options of the game's own sweep (both sides optimise): values to 1e-12, healing or drain
 * swept again up to 10,000 times, refused past `deadline`.
 */
export function gameSweepOptions(deadline: number, timeLimitMs: number): SweepOptions {
  return { rule: { kind: 'game' }, tolerance: 1e-12, maxSweeps: 10_000, deadline, timeLimitMs }
}

export interface SweepResult {
  /** The strategies found (`game`); for `respond`, the answering side's choice per cell. */
  readonly strategies: Strategies
  readonly sweeps: number
  /** Largest change left when iterations stopped (cell fixed points and sweeps): a bound on the error. */
  readonly residual: number
  /** Gives the strategy tables back to the store that lent them (see `lendStrategies`), if one did. */
  readonly giveBack?: () => void
}

/**
 * P(A wins) of every state at every reachable HP cell, written into `grid` (see `Layout`), by
 * backward induction in HP order: cells in increasing (A's HP, B's HP) order, so that every
 * damaging outcome reads a finished cell. Outcomes that leave HP unchanged (both miss, status
 * moves) tie the states of one cell together: they are solved as a small stochastic game by
 * iteration from the value below (monotone, so it converges to the least fixed point: a battle that
 * never ends is not a win). Drain and Leech Seed raise one side's HP: one sweep still does when
 * the order suits them (`SweepOrder`: A's drain sweeps blocks of B's HP); healing, or drain on both
 * sides, reads cells not done yet: then the sweep repeats (Gauss–Seidel) until no value moves by
 * more than `tolerance`.
 *
 * @param strategies empty tables to record the choices in (by default new ones)
 * @throws OptimalLimitError `OPTIMAL_TIME_LIMIT` past the deadline.
 * @example const { strategies } = sweep(graph, reach, layout, grid, { rule: { kind: 'game' }, … })
 */
export function sweep(
  graph: SweepGraph,
  reach: Reach,
  layout: Layout,
  grid: Float64Array,
  options: SweepOptions,
  strategies: Strategies = createStrategies(liveTurns(graph, reach), reach, layout.count),
): SweepResult {
  const rows = createRowSweeper(graph, reach, layout, grid, options, strategies)
  const { order } = rows
  let sweeps = 0
  let residual = 0
  for (;;) {
    sweeps++
    const change = sweepOnce(rows, order)
    if (order.kind !== 'repeat' || change <= options.tolerance) break
    if (sweeps >= options.maxSweeps) {
      residual = change
      break
    }
  }
  return { strategies, sweeps, residual: Math.max(residual, rows.residual()) }
}

/** One sweep of every cell in `order`; returns the largest change of a turn-start value. */
function sweepOnce(rows: RowSweeper, order: SweepOrder): number {
  const { topA, topB } = rows
  let change = 0
  if (order.kind === 'blocks') {
    const last = Math.max(0, ...topB)
    for (let from = 1; from <= last; from += order.width) {
      for (let a = 1; a <= topA; a++)
        if (from <= topB[a]!)
          change = Math.max(change, rows.sweepCells(a, from, Math.min(topB[a]!, from + order.width - 1)))
    }
    return change
  }
  for (let a = 1; a <= topA; a++) {
    for (let from = 1; from <= topB[a]!; from += CHUNK)
      change = Math.max(change, rows.sweepCells(a, from, Math.min(topB[a]!, from + CHUNK - 1)))
  }
  return change
}
