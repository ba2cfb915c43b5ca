import type { LgpeEngine } from '../battle/engine.ts'
import type { BattlerFactory } from '../solver/battler.ts'
import type { BufferStore } from '../solver/grid.ts'
import { type DoomedRows, doomedRows, recordDoomed, sweepReach } from './doomed-rows.ts'
import { OptimalLimitError } from './errors.ts'
import { type ForwardPlay, playForward } from './forward.ts'
import type { GameGraph } from './graph.ts'
import type { Layout } from './layout.ts'
import { type CountedSlot, refusedCounting } from './pp-bound.ts'
import { createReuse, type PreparedGame, prepareGame, type Reuse } from './prepare.ts'
import type { Reach } from './reach.ts'
import type { Game, GameSideInput } from './setup.ts'
import type { SideState } from './start-state.ts'
import { lendStrategies, liveTurns, type Strategies } from './strategies.ts'
import { gameSweepOptions, type SweepOptions, type SweepResult, sweep } from './sweep.ts'
import type { SweepTeam } from './sweep-team.ts'
import { SweepStopped } from './team-protocol.ts'

/** Budgets of one solve; past any of them the solve is refused with a coded error. */
export interface OptimalLimits {
  /** Discrete states (turn starts and within-turn states). */
  readonly maxStates: number
  /** States × HP cells held in the value tables (8 bytes each). */
  readonly maxCells: number
  readonly timeLimitMs: number
}

export const DEFAULT_LIMITS: OptimalLimits = { maxStates: 30_000, maxCells: 25_000_000, timeLimitMs: 30_000 }

/** What was asked: two sides, and optionally where the battle stands. */
export interface OptimalRequest {
  readonly a: GameSideInput
  readonly b: GameSideInput
  readonly state?: readonly [SideState, SideState]
}

/** Everything one solve computed, kept for the answer, the charts, the engine policy and checks. */
export interface SolvedGame {
  readonly game: Game
  readonly graph: GameGraph
  readonly reach: Reach
  readonly layout: Layout
  readonly strategies: Strategies
  readonly start: readonly [number, number]
  /** P(A wins) under optimal play from the start. */
  readonly value: number
  readonly play: ForwardPlay
  readonly sweeps: number
  /** Bound on what the iterations left (cell fixed points, sweeps with healing). */
  readonly residual: number
  /** Per state, the rows (A's HP) where A has lost whatever it plays (see `doomedRows`); null: none found. */
  readonly lost: DoomedRows | null
  /** P(the optimal play lasts until an uncounted move's PP could run out): 0 when every such slot is counted. */
  readonly ppRisk: number
  readonly timings: { readonly exploreMs: number; readonly sweepMs: number; readonly forwardMs: number }
  /**
   * Gives the strategy tables back to the buffer store they were lent from, for the next solve
   * (a fresh table's pages each cost a fault on first write: see `lendStrategies`). Call it once
   * done with the solve: its `strategies` are dropped (a read after fails at once). A solve never released keeps
   * its tables (a cache of solves may hold them for good).
   */
  release(): void
}

const EPSILON = 1e-12

/**
 * Solves the optimal-play game: explore the discrete states, bound the HP each can have, sweep
 * the values (the matrix game at every turn start), then play the optimal strategies forward for
 * P(B wins), the cap and the length. A slot whose PP is not counted is assumed never to run out;
 * when the optimal play may last that long (more than 1e-12), the solve starts again counting
 * the slots that would run out first (up to four rounds); what is left is reported as `ppRisk`.
 *
 * @param team a second thread for the sweep (see `SweepTeam`): the same answer, sooner when the
 *   machine has a free core
 * @throws OptimalLimitError past a budget; BattleError for illegal forms or moves;
 *   UnsupportedMechanic for moves the game does not model; StateError for impossible states.
 * @example const solved = solveGame(engine, factory, store, { a, b }, DEFAULT_LIMITS)
 */
export function solveGame(
  engine: LgpeEngine,
  factory: BattlerFactory,
  store: BufferStore,
  request: OptimalRequest,
  limits: OptimalLimits,
  team?: SweepTeam,
): SolvedGame {
  const deadline = performance.now() + limits.timeLimitMs
  const forced = [0, 1].map((side) => (request.state?.[side]?.ppUsed ?? []).map((used) => used > 0)) as [
    boolean[],
    boolean[],
  ]
  let tracked: [boolean[], boolean[]] = forced
  // every round explores mostly the states of the round before, with one more PP count
  const reuse = createReuse()
  let solved = solveOnce(engine, factory, store, request, limits, tracked, deadline, team, reuse)
  for (let round = 0; round < MAX_PP_ROUNDS; round++) {
    // count the PP of the slots that could run out first (the others may then never get there)
    const risks = slotRisks(solved)
    let first = Number.POSITIVE_INFINITY
    for (let s = 0; s < 2; s++) {
      risks[s]!.forEach((risk, slot) => {
        if (risk > EPSILON) first = Math.min(first, solved.game.sides[s]!.maxPp[slot]!)
      })
    }
    if (first === Number.POSITIVE_INFINITY) return solved
    tracked = [0, 1].map((s) =>
      solved.game.sides[s]!.moves.map(
        (_, slot) =>
          Boolean(tracked[s]?.[slot]) ||
          (risks[s]![slot]! > EPSILON && solved.game.sides[s]!.maxPp[slot] === first),
      ),
    ) as [boolean[], boolean[]]
    // past a budget that game is refused: told from this graph, without exploring it
    if (refusedCounting(solved.graph, solved.start, addedSlots(solved.game, tracked), limits)) return solved
    try {
      const counted = solveOnce(engine, factory, store, request, limits, tracked, deadline, team, reuse)
      solved.release()
      solved = counted
    } catch (error) {
      // counting PP makes the game too big: keep the answer and its reported PP risk
      if (error instanceof OptimalLimitError) return solved
      throw error
    }
  }
  return solved
}

/** Rounds of "count the PP of the slots that could run out first, solve again". */
const MAX_PP_ROUNDS = 4

function solveOnce(
  engine: LgpeEngine,
  factory: BattlerFactory,
  store: BufferStore,
  request: OptimalRequest,
  limits: OptimalLimits,
  tracked: readonly [boolean[], boolean[]],
  deadline: number,
  team: SweepTeam | undefined,
  reuse: Reuse,
): SolvedGame {
  const t0 = performance.now()
  // a second thread, if the game turns out worth sharing (see `SweepTeam`)
  const run = team?.begin()
  let prepared: PreparedGame
  try {
    prepared = prepareGame(engine, factory, request, limits, tracked, reuse, deadline, store)
  } catch (error) {
    run?.end()
    throw error
  }
  const { game, hp, graph, reach, layout } = prepared
  // rows where A has lost whatever happens are not swept: their values are the tables' 0
  const doomed = doomedRows(graph, layout)
  // the sweep's tops: in a buffer of the store, given back once swept (pages mapped already)
  const topWords = Math.max(1, Math.ceil(reach.rowTop.length / 2))
  const tops = doomed ? store.take(topWords) : undefined
  const valued = sweepReach(reach, doomed, tops && new Int32Array(tops.buffer, 0, reach.rowTop.length))
  const t1 = performance.now()
  const sweepOptions: SweepOptions = gameSweepOptions(deadline, limits.timeLimitMs)
  const root = graph.root
  const rootCell = layout.gridAt[root]! + (hp[0] - 1) * reach.hiB[root]! + hp[1] - 1
  let value = 0
  let swept: SweepResult | undefined
  try {
    const together = run?.sweep(graph, valued, layout, sweepOptions)
    if (together) {
      swept = together.result
      value = together.grid[rootCell]!
    }
  } catch (error) {
    // the helper failed: sweep alone (a time limit or a bug of the sweep itself goes up)
    if (!(error instanceof SweepStopped)) throw error
  } finally {
    run?.end()
  }
  if (!swept) {
    // the value tables are only read here: a buffer of the store, given back zeroed
    const grid = store.take(layout.gridSize)
    const lent = lendStrategies(liveTurns(graph, valued), valued, layout.count, store)
    try {
      swept = {
        ...sweep(graph, valued, layout, grid, sweepOptions, lent.strategies),
        giveBack: lent.giveBack,
      }
      value = grid[rootCell]!
    } finally {
      store.give(grid.fill(0, 0, layout.gridSize))
      if (!swept) lent.giveBack()
    }
  }
  if (tops) store.give(tops.fill(0, 0, topWords))
  recordDoomed(swept.strategies, graph, reach, doomed)
  const t2 = performance.now()
  const watch = [...new Set(game.sides.flatMap((side) => side.maxPp))]
  const play = playForward(graph, reach, swept.strategies, hp, store, {
    turnCap: 200,
    epsilon: EPSILON,
    cellFloor: 1e-17,
    watch: [...watch, 1, 2, 3, 4, 5, 6, 7, 8].filter((t) => t <= 200),
  })
  const t3 = performance.now()
  const solved: SolvedGame = {
    game,
    graph,
    reach,
    layout,
    strategies: swept.strategies,
    lost: doomed,
    start: hp,
    value,
    play,
    sweeps: swept.sweeps,
    residual: swept.residual,
    ppRisk: 0,
    timings: { exploreMs: t1 - t0, sweepMs: t2 - t1, forwardMs: t3 - t2 },
    release: swept.giveBack ?? (() => {}),
  }
  return { ...solved, ppRisk: Math.max(0, ...slotRisks(solved).flat()) }
}

/** The slots `tracked` counts that `game` does not. */
function addedSlots(game: Game, tracked: readonly [boolean[], boolean[]]): CountedSlot[] {
  const added: CountedSlot[] = []
  for (const side of [0, 1] as const) {
    game.sides[side].moves.forEach((_, slot) => {
      if (tracked[side][slot] && !game.sides[side].tracked[slot])
        added.push({ side, slot, maxPp: game.sides[side].maxPp[slot]! })
    })
  }
  return added
}

/** Per side and slot: P(the optimal play is still on when that uncounted slot could run out). */
function slotRisks(solved: SolvedGame): number[][] {
  return solved.game.sides.map((side) =>
    side.moves.map((_, slot) => {
      if (side.tracked[slot]) return 0
      const turns = side.maxPp[slot]!
      return solved.play.stillOn.get(turns) ?? 0
    }),
  )
}
