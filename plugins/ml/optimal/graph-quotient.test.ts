import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { OptimalLimitError } from './errors.ts'
import { exploreGame, type GameGraph } from './graph.ts'
import { quotientGraph } from './graph-quotient.ts'
import { layoutOf } from './layout.ts'
import { reachOf, rowTopOf } from './reach.ts'
import { drawScenarios } from './scenarios.ts'
import { createGame, type GameSideInput } from './setup.ts'
import { initialState } from './state.ts'
import { gameSweepOptions, sweep } from './sweep.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)

/** The game's graph and its values at every reachable cell of every turn state (a fresh sweep). */
function solved(graph: GameGraph) {
  const [maxA, maxB] = graph.maxHp
  const reach = reachOf(graph, maxA, maxB, maxA, maxB)
  const layout = layoutOf(graph, reach)
  const grid = new Float64Array(layout.gridSize)
  const result = sweep(graph, reach, layout, grid, gameSweepOptions(Number.POSITIVE_INFINITY, 60_000))
  /** Value of turn state `id` at (a, b), or undefined where no battle goes. */
  const valueAt = (id: number, a: number, b: number) =>
    a <= reach.hiA[id]! && b <= rowTopOf(reach, id, a)
      ? grid[layout.gridAt[id]! + (a - 1) * reach.hiB[id]! + b - 1]
      : undefined
  return { reach, valueAt, strategies: result.strategies }
}

/** The game's graph, or null past 3,000 states (kept small: this test sweeps each game twice). */
function explore(a: GameSideInput, b: GameSideInput): GameGraph | null {
  const game = createGame(engine.dex, factory, a, b, { tracked: [[], []] })
  try {
    return exploreGame(game, initialState(game), { maxStates: 3_000 })
  } catch (error) {
    if (error instanceof OptimalLimitError) return null
    throw error
  }
}

describe('interchangeable states merged (the coarsest bisimulation)', () => {
  // seeded bench scenarios whose graphs have copies (confusion counters, Rage, …) and one without
  const scenarios = drawScenarios(engine, factory.legal, 20, 20_261_202)
  const graphs = scenarios.flatMap((s) => explore(s.a, s.b) ?? [])
  const merged = graphs.filter((graph) => quotientGraph(graph) !== graph)

  test('some games have copies, and a game without any comes back as it is', () => {
    expect(merged.length).toBeGreaterThanOrEqual(5)
    const plain = graphs.find((graph) => quotientGraph(graph) === graph)
    expect(plain).toBeDefined()
  })

  test('every turn state has, in its class, the same value at every cell to the bit, and the same moves', () => {
    let compared = 0
    let differing = 0
    for (const graph of merged.slice(0, 3)) {
      const quotient = quotientGraph(graph)
      expect(quotient.nodes.length).toBeLessThan(graph.nodes.length)
      expect(quotient.turns.length + quotient.chances.length).toBe(quotient.nodes.length)
      const before = solved(graph)
      const after = solved(quotient)
      for (const turn of graph.turns) {
        const node = quotient.findTurn(turn.state)!
        expect(node.rows).toEqual(turn.rows)
        expect(node.cols).toEqual(turn.cols)
        // the class's tables span every cell any of its states reaches
        for (let a = 1; a <= before.reach.hiA[turn.id]!; a++) {
          for (let b = 1; b <= rowTopOf(before.reach, turn.id, a); b++) {
            if (after.valueAt(node.id, a, b) !== before.valueAt(turn.id, a, b)) differing++
            compared++
          }
        }
      }
      expect(quotient.findTurn((quotient.nodes[quotient.root] as { state: Int32Array }).state)!.id).toBe(
        quotient.root,
      )
    }
    expect(differing).toBe(0)
    expect(compared).toBeGreaterThan(10_000)
  })

  test('states that differ in what they do are never merged', () => {
    for (const graph of merged) {
      const quotient = quotientGraph(graph)
      // every original chance state's branches match its class's, probability for probability
      const classOf = new Map<number, number>()
      for (const turn of graph.turns) classOf.set(turn.id, quotient.findTurn(turn.state)!.id)
      for (const turn of graph.turns) {
        const node = quotient.nodes[classOf.get(turn.id)!]!
        expect(node.kind).toBe('turn')
        if (node.kind !== 'turn') continue
        expect(node.entries.map((entry) => entry.map((e) => e.p))).toEqual(
          turn.entries.map((entry) => entry.map((e) => e.p)),
        )
      }
    }
  })
})
