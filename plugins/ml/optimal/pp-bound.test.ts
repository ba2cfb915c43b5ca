import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { exploreGame } from './graph.ts'
import { countedCells, countedPairs, refusedCounting } from './pp-bound.ts'
import { reachOf } from './reach.ts'
import { createGame, type GameSideInput } from './setup.ts'
import { initialState } from './state.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const LIMITS = { maxStates: 30_000 }

// Thunder (16 PP) counted or not; Drowzee's Disable reads whether the slot it hits has PP left
const PIKACHU: GameSideInput = { species: 'pikachu', moves: ['thunder', 'quickattack'] }
const DROWZEE: GameSideInput = { species: 'drowzee', moves: ['disable', 'pound'] }

describe('refusedCounting: the size of a game counting one more PP, from the game without it', () => {
  const uncountedGame = createGame(engine.dex, factory, PIKACHU, DROWZEE)
  const uncounted = exploreGame(uncountedGame, initialState(uncountedGame), LIMITS)
  const countedGame = createGame(engine.dex, factory, PIKACHU, DROWZEE, { tracked: [[true, false], []] })
  const counted = exploreGame(countedGame, initialState(countedGame), LIMITS)
  const [maxA, maxB] = counted.maxHp
  const states = counted.nodes.filter((node) => node.state !== null).length
  const reach = reachOf(counted, maxA, maxB, maxA, maxB)
  let cells = 0
  for (let id = 0; id < counted.nodes.length; id++) cells += reach.hiA[id]! * reach.hiB[id]!
  const thunder = [{ side: 0 as const, slot: 0, maxPp: countedGame.sides[0].maxPp[0]! }]
  const full = [maxA, maxB] as const

  test('never more states nor cells than the counting game has (lower bounds), and most of them', () => {
    const pairs = countedPairs(uncounted, thunder, Number.POSITIVE_INFINITY)!
    expect(pairs.keys.length).toBeLessThanOrEqual(states)
    expect(pairs.keys.length).toBeGreaterThan(0.9 * states)
    expect(pairs.keys.length).toBeGreaterThan(5 * uncounted.nodes.length)
    const bound = countedCells(uncounted, full, pairs, Number.POSITIVE_INFINITY)
    expect(bound).toBeLessThanOrEqual(cells)
    expect(bound).toBeGreaterThan(0.85 * cells) // mix states (no state of their own) hold cells too
    // no slot added: the graph's own states and their cells (a mix state only passes bounds on)
    const same = countedPairs(uncounted, [], Number.POSITIVE_INFINITY)!
    expect(same.keys.length).toBe(uncounted.nodes.filter((node) => node.state !== null).length)
    const own = reachOf(uncounted, maxA, maxB, maxA, maxB)
    let ownCells = 0
    for (let id = 0; id < uncounted.nodes.length; id++)
      if (uncounted.nodes[id]!.state !== null) ownCells += own.hiA[id]! * own.hiB[id]!
    expect(countedCells(uncounted, full, same, Number.POSITIVE_INFINITY)).toBe(ownCells)
  })

  test('refuses only past a budget that the counting game passes', () => {
    const half = (x: number) => Math.floor(x / 2)
    expect(refusedCounting(uncounted, full, thunder, { maxStates: states, maxCells: cells })).toBe(false)
    expect(refusedCounting(uncounted, full, thunder, { maxStates: half(states), maxCells: cells })).toBe(true)
    expect(refusedCounting(uncounted, full, thunder, { maxStates: states, maxCells: half(cells) })).toBe(true)
    expect(() => exploreGame(countedGame, initialState(countedGame), { maxStates: half(states) })).toThrow(
      'discrete states',
    )
  })
})
