import type { LgpeEngine } from '../battle/engine.ts'
import type { BattlerFactory } from '../solver/battler.ts'
import type { BufferStore } from '../solver/grid.ts'
import { OptimalLimitError } from './errors.ts'
import { exploreGame, type GameGraph } from './graph.ts'
import { quotientGraph } from './graph-quotient.ts'
import { type Layout, layoutOf } from './layout.ts'
import { createOutcomeCache, type OutcomeCache } from './outcome-cache.ts'
import { type Reach, reachOf } from './reach.ts'
import { createGame, type Game } from './setup.ts'
import type { OptimalLimits, OptimalRequest } from './solve.ts'
import { startStateOf } from './start-state.ts'
import { initialState } from './state.ts'

/** A game explored and laid out, ready to sweep (see `prepareGame`). */
export interface PreparedGame {
  readonly game: Game
  /** Where the battle starts (HP of A, HP of B). */
  readonly hp: readonly [number, number]
  readonly graph: GameGraph
  readonly reach: Reach
  readonly layout: Layout
}

/**
 * What the explorations of one request share (see `solveGame`'s PP rounds): the rules of the first
 * game, and the outcomes of the chance states met so far.
 */
export interface Reuse {
  /** The first game prepared for the request (set by `prepareGame`). */
  rules: Game | undefined
  readonly outcomes: OutcomeCache
}

/** Nothing shared yet: for the explorations of one request only. */
export function createReuse(): Reuse {
  return { rules: undefined, outcomes: createOutcomeCache() }
}

/**
 * Everything before the sweep: the rules of both sides, the discrete states explored from the
 * start, their HP bounds and the tables' layout (a sweep helper receives them as plain data, see
 * `sweep-helper.ts`).
 *
 * @param reuse what an earlier preparation of the same request computed (the same answer)
 * @param deadline `performance.now()` past which exploring stops (`OPTIMAL_TIME_LIMIT`)
 * @param scratch a store of buffers for the preparation's own work tables (see `reachRows`)
 * @throws OptimalLimitError past the state or cell budget (before any table is allocated).
 */
export function prepareGame(
  engine: LgpeEngine,
  factory: BattlerFactory,
  request: OptimalRequest,
  limits: OptimalLimits,
  tracked: readonly [boolean[], boolean[]],
  reuse: Reuse = createReuse(),
  deadline = Number.POSITIVE_INFINITY,
  scratch?: BufferStore,
): PreparedGame {
  const game = createGame(engine.dex, factory, request.a, request.b, { tracked, sameRulesAs: reuse.rules })
  reuse.rules ??= game
  const maxA = game.sides[0].battlers[0]!.maxhp
  const maxB = game.sides[1].battlers[0]!.maxhp
  const { state, hp } = request.state
    ? startStateOf(game, request.state)
    : { state: initialState(game), hp: [maxA, maxB] as [number, number] }
  // without a PP count every chance state is met once: caching its outcomes would not pay
  const counting = tracked.some((slots) => slots.some(Boolean))
  // interchangeable states merged: fewer tables to sweep, the same values (see `quotientGraph`)
  const graphLimits = { maxStates: limits.maxStates, time: { deadline, timeLimitMs: limits.timeLimitMs } }
  const graph = quotientGraph(exploreGame(game, state, graphLimits, counting ? reuse.outcomes : undefined))
  const reach = reachOf(graph, hp[0], hp[1], maxA, maxB, scratch)
  let cells = 0
  for (let id = 0; id < graph.nodes.length; id++) cells += reach.hiA[id]! * reach.hiB[id]!
  if (cells > limits.maxCells) {
    throw new OptimalLimitError(
      'OPTIMAL_CELL_LIMIT',
      `the value tables would hold ${cells} cells (states × HP pairs), more than ${limits.maxCells}`,
      { limit: limits.maxCells },
    )
  }
  const layout = layoutOf(graph, reach)
  return { game, hp, graph, reach, layout }
}
