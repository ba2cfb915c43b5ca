import { createLgpeEngine } from '../../plugins/ml/battle/engine.ts'
import { createPrng } from '../../plugins/ml/battle/prng.ts'
import { exploreGame } from '../../plugins/ml/optimal/graph.ts'
import { layoutOf } from '../../plugins/ml/optimal/layout.ts'
import { reachOf } from '../../plugins/ml/optimal/reach.ts'
import { createGame } from '../../plugins/ml/optimal/setup.ts'
import { initialState } from '../../plugins/ml/optimal/state.ts'
import { createBattlerFactory } from '../../plugins/ml/solver/battler.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)

/** A side of a test game: a form and its moves. */
export interface TestSide {
  readonly species: string
  readonly moves: string[]
}

/**
 * A game explored from full HP with its bounds and layout, and value tables filled with arbitrary
 * numbers (seeded): the sweep's sums are linear in the tables, so checking them on any tables
 * checks more than a solve's own (where most cells are 0 or 1).
 *
 * @example const { graph, reach, layout, grid } = exploredGame(a, b, [1, 2, 3, 4])
 */
export function exploredGame(a: TestSide, b: TestSide, seed: [number, number, number, number]) {
  const game = createGame(engine.dex, factory, a, b)
  const maxA = game.sides[0].battlers[0]!.maxhp
  const maxB = game.sides[1].battlers[0]!.maxhp
  const graph = exploreGame(game, initialState(game), { maxStates: 30_000 })
  const reach = reachOf(graph, maxA, maxB, maxA, maxB)
  const layout = layoutOf(graph, reach)
  const random = createPrng(seed)
  const grid = Float64Array.from({ length: layout.gridSize }, () => random())
  return { graph, reach, layout, grid, random }
}
