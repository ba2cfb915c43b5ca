import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { exploreGame } from './graph.ts'
import { countedStatesAtLeast, exceedsStatesCounting } from './pp-bound.ts'
import { createGame, type GameSideInput } from './setup.ts'
import { initialState } from './state.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const LIMITS = { maxStates: 30_000 }

// Thunder (16 PP) counted or not; Drowzee's Disable reads whether the slot it hits has PP left
const PIKACHU: GameSideInput = { species: 'pikachu', moves: ['thunder', 'quickattack'] }
const DROWZEE: GameSideInput = { species: 'drowzee', moves: ['disable', 'pound'] }

describe('exceedsStatesCounting: the states of a game counting one more PP, from the game without it', () => {
  const uncountedGame = createGame(engine.dex, factory, PIKACHU, DROWZEE)
  const uncounted = exploreGame(uncountedGame, initialState(uncountedGame), LIMITS)
  const countedGame = createGame(engine.dex, factory, PIKACHU, DROWZEE, { tracked: [[true, false], []] })
  const counted = exploreGame(countedGame, initialState(countedGame), LIMITS)
  const actual = counted.nodes.filter((node) => node.state !== null).length
  const thunder = [{ side: 0 as const, slot: 0, maxPp: countedGame.sides[0].maxPp[0]! }]

  test('never more than the counting game has (a lower bound), and most of them', () => {
    const bound = countedStatesAtLeast(uncounted, thunder, Number.POSITIVE_INFINITY)
    expect(bound).toBeLessThanOrEqual(actual)
    expect(bound).toBeGreaterThan(0.9 * actual)
    expect(bound).toBeGreaterThan(5 * uncounted.nodes.length)
  })

  test('refuses only past the budget the exploration would hit', () => {
    expect(exceedsStatesCounting(uncounted, thunder, actual)).toBe(false)
    expect(exceedsStatesCounting(uncounted, thunder, Math.floor(0.5 * actual))).toBe(true)
    expect(() =>
      exploreGame(countedGame, initialState(countedGame), { maxStates: Math.floor(0.5 * actual) }),
    ).toThrow('discrete states')
    // no slot added: the graph itself
    expect(countedStatesAtLeast(uncounted, [], Number.POSITIVE_INFINITY)).toBe(
      uncounted.nodes.filter((node) => node.state !== null).length,
    )
  })
})
