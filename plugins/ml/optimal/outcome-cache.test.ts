import { describe, expect, test } from 'bun:test'
import { opText } from '../../../testing/ml/graph-text.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { exploreGame, type GameGraph } from './graph.ts'
import { createOutcomeCache, rulesOutcomes } from './outcome-cache.ts'
import { createGame, type GameSideInput } from './setup.ts'
import { initialState } from './state.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const LIMITS = { maxStates: 30_000 }

// Thunder's 16 PP counted; Drowzee's Disable can hit it once it is out of PP (the Disable fails then)
const PIKACHU: GameSideInput = { species: 'pikachu', moves: ['thunder', 'quickattack'] }
const DROWZEE: GameSideInput = { species: 'drowzee', moves: ['disable', 'pound'] }
const THUNDER_COUNTED: [boolean[], boolean[]] = [
  [true, false],
  [false, false],
]

/** Every node of a graph as text: states, choices, entries, branches (ops by content). */
function describeGraph(graph: GameGraph): string[] {
  return graph.nodes.map((node) => {
    if (node.kind === 'turn') {
      const entries = node.entries.map((entry) => entry.map((e) => `${e.p}>${e.node}`).join(' '))
      return `turn ${node.state.join(',')} ${node.rows}/${node.cols} ${entries.join('|')}`
    }
    const branches = node.branches.map((b) => `${b.p}>${b.node} ${b.ops.map(opText).join(';')}`)
    return `chance ${node.stage} ${node.state?.join(',') ?? '-'} ${branches.join('|')}`
  })
}

describe('OutcomeCache: outcomes shared by states that differ only in PP counts', () => {
  test('gives the same graph as the rules run for every state (counted PP, Disable on a slot out of PP)', () => {
    const game = createGame(engine.dex, factory, PIKACHU, DROWZEE, { tracked: THUNDER_COUNTED })
    const fresh = exploreGame(game, initialState(game), LIMITS, rulesOutcomes)
    const cached = exploreGame(game, initialState(game), LIMITS, createOutcomeCache())
    // the count makes the game much bigger than the states the rules had to run on
    expect(fresh.nodes.length).toBeGreaterThan(2000)
    expect(cached.upward).toBe(fresh.upward)
    expect(describeGraph(cached)).toEqual(describeGraph(fresh))
  })

  test('serves a later exploration that counts one more slot (a PP round) with the same graph', () => {
    const first = createGame(engine.dex, factory, PIKACHU, DROWZEE)
    const cache = createOutcomeCache()
    const uncounted = exploreGame(first, initialState(first), LIMITS, cache)
    const again = createGame(engine.dex, factory, PIKACHU, DROWZEE, {
      tracked: THUNDER_COUNTED,
      sameRulesAs: first,
    })
    expect(again.sides[0].tracked).toEqual([true, false])
    expect(again.context(1, 2)).toBe(first.context(1, 2))
    const counted = exploreGame(again, initialState(again), LIMITS, cache)
    const alone = createGame(engine.dex, factory, PIKACHU, DROWZEE, { tracked: THUNDER_COUNTED })
    const fresh = exploreGame(alone, initialState(alone), LIMITS, rulesOutcomes)
    expect(counted.nodes.length).toBeGreaterThan(uncounted.nodes.length)
    expect(describeGraph(counted)).toEqual(describeGraph(fresh))
  })
})

// moves whose rules read the foe's move (Counter, a foe hiding with Dig, a Disable landing, Sucker
// Punch against a status move or an attack) beside ones that do not
const MACHAMP: GameSideInput = { species: 'machamp', moves: ['counter', 'dig', 'karatechop'] }
const KADABRA: GameSideInput = { species: 'kadabra', moves: ['disable', 'psychic', 'taunt'] }
const RATTATA: GameSideInput = { species: 'rattata', moves: ['suckerpunch', 'quickattack'] }
const CALM_KADABRA: GameSideInput = { species: 'kadabra', moves: ['calmmind', 'psychic'] }

describe('OutcomeCache: actions shared by the foe choices that they do not read', () => {
  test('the action context tells when the rules read the foe move, not its own', () => {
    const game = createGame(engine.dex, factory, MACHAMP, KADABRA)
    const { ctx, watch } = game.actionContext(1, 2, 0)
    watch.read = false
    expect(ctx.battlers[0].move.name).toBe('Counter')
    expect(ctx.battlers[1].maxhp).toBe(game.sides[1].battlers[1]!.maxhp)
    expect(watch.read).toBe(false)
    expect(ctx.battlers[1].move.name).toBe('Psychic')
    expect(watch.read).toBe(true)
  })

  test.each([
    ['Counter, Dig, Disable; one exploration', MACHAMP, KADABRA, () => undefined],
    ['Counter, Dig, Disable; a cache kept for the solve', MACHAMP, KADABRA, () => createOutcomeCache()],
    ['Sucker Punch; one exploration', RATTATA, CALM_KADABRA, () => undefined],
  ])('gives the graph of the rules run for every state (%s)', (_, a, b, cacheOf) => {
    const game = createGame(engine.dex, factory, a, b)
    const fresh = exploreGame(game, initialState(game), LIMITS, rulesOutcomes)
    const shared = exploreGame(game, initialState(game), LIMITS, cacheOf())
    expect(fresh.nodes.length).toBeGreaterThan(100)
    expect(shared.upward).toBe(fresh.upward)
    expect([...shared.leafEdges].map((edges) => edges?.join(','))).toEqual(
      [...fresh.leafEdges].map((edges) => edges?.join(',')),
    )
    expect(describeGraph(shared)).toEqual(describeGraph(fresh))
  })
})
