import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { exploreGame, type GameGraph } from './graph.ts'
import { quotientGraph } from './graph-quotient.ts'
import { countedCells, refusedCounting } from './pp-bound.ts'
import { type CountedSlot, numberSplits, type Pairs, pairPaths } from './pp-pairs.ts'
import { reachOf } from './reach.ts'
import { createGame, type GameSideInput } from './setup.ts'
import { initialState } from './state.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const LIMITS = { maxStates: 30_000 }
const ALL = Number.POSITIVE_INFINITY

/**
 * The game without counts, the one counting `slot`, and the counting game's size: both as
 * explored, or both merged (as `solveGame` keeps the first and `prepareGame` sizes the second).
 */
function counting(a: GameSideInput, b: GameSideInput, side: 0 | 1, slot: number, merged: boolean) {
  const shape = (graph: GameGraph) => (merged ? quotientGraph(graph) : graph)
  const uncountedGame = createGame(engine.dex, factory, a, b)
  const uncounted = shape(exploreGame(uncountedGame, initialState(uncountedGame), LIMITS))
  const tracked: [boolean[], boolean[]] = [[], []]
  tracked[side][slot] = true
  const countedGame = createGame(engine.dex, factory, a, b, { tracked })
  const explored = exploreGame(countedGame, initialState(countedGame), LIMITS)
  const counted = shape(explored)
  const [maxA, maxB] = counted.maxHp
  const reach = reachOf(counted, maxA, maxB, maxA, maxB)
  let cells = 0
  for (let id = 0; id < counted.nodes.length; id++) cells += reach.hiA[id]! * reach.hiB[id]!
  const slots: CountedSlot[] = [{ side, slot, maxPp: countedGame.sides[side].maxPp[slot]! }]
  // the state budget counts the states explored, merged or not
  const states = explored.nodes.filter((node) => node.state !== null).length
  return { uncounted, slots, states, cells, full: [maxA, maxB] as const }
}

/** Pairs whose count ran out and that the walk still followed (a step out of them). */
function followedSpent(graph: GameGraph, pairs: Pairs, maxPp: number): number {
  let followed = 0
  for (let pair = 0; pair + 1 < pairs.stepAt.length; pair++) {
    const counts = Math.floor(pairs.keys[pair]! / graph.nodes.length)
    if (counts >= maxPp && pairs.stepAt[pair + 1]! > pairs.stepAt[pair]!) followed++
  }
  return followed
}

// Thunder (16 PP) counted or not; Drowzee's Disable reads whether the slot it hits has PP left
const PIKACHU: GameSideInput = { species: 'pikachu', moves: ['thunder', 'quickattack'] }
const DROWZEE: GameSideInput = { species: 'drowzee', moves: ['disable', 'pound'] }

describe('refusedCounting: the size of a game counting one more PP, from the game without it', () => {
  const { uncounted, slots: thunder, states, cells, full } = counting(PIKACHU, DROWZEE, 0, 0, false)

  test('never more states nor cells than the counting game has (lower bounds), and most of them', () => {
    const pairs = pairPaths(uncounted, thunder, ALL)!
    expect(pairs.keys.length).toBeLessThanOrEqual(states)
    expect(pairs.keys.length).toBeGreaterThan(0.9 * states)
    expect(pairs.keys.length).toBeGreaterThan(5 * uncounted.nodes.length)
    const bound = countedCells(uncounted, full, pairs, ALL)
    expect(bound).toBeLessThanOrEqual(cells)
    expect(bound).toBeGreaterThan(0.85 * cells)
  })

  test('no slot added: the graph own states, their cells and its splits (at most its mix states)', () => {
    const same = pairPaths(uncounted, [], ALL)!
    expect(same.keys.length).toBe(uncounted.nodes.filter((node) => node.state !== null).length)
    const own = reachOf(uncounted, full[0], full[1], full[0], full[1])
    let stateCells = 0
    let allCells = 0
    for (let id = 0; id < uncounted.nodes.length; id++) {
      allCells += own.hiA[id]! * own.hiB[id]!
      if (uncounted.nodes[id]!.state !== null) stateCells += own.hiA[id]! * own.hiB[id]!
    }
    const bound = countedCells(uncounted, full, same, ALL)
    expect(bound).toBeGreaterThan(stateCells)
    expect(bound).toBeLessThanOrEqual(allCells)
  })

  test('the pairs alone (no steps) are the same pairs, in the same order', () => {
    const alone = pairPaths(uncounted, thunder, ALL, false)!
    expect(alone.keys).toEqual(pairPaths(uncounted, thunder, ALL)!.keys)
    expect(alone.stepAt.length + alone.stepTarget.length + alone.splitPair.length).toBe(0)
    const cut = Math.floor(alone.keys.length / 3)
    expect(pairPaths(uncounted, thunder, cut, false)!.keys.length).toBe(
      pairPaths(uncounted, thunder, cut)!.keys.length,
    )
  })

  test('with Disable in play, a pair whose count ran out is not followed (Disable reads the PP)', () => {
    const pairs = pairPaths(uncounted, thunder, ALL)!
    expect(followedSpent(uncounted, pairs, thunder[0]!.maxPp)).toBe(0)
  })

  test('refuses only past a budget that the counting game passes', () => {
    const half = (x: number) => Math.floor(x / 2)
    expect(refusedCounting(uncounted, full, thunder, { maxStates: states, maxCells: cells })).toBe(false)
    expect(refusedCounting(uncounted, full, thunder, { maxStates: half(states), maxCells: cells })).toBe(true)
    expect(refusedCounting(uncounted, full, thunder, { maxStates: states, maxCells: half(cells) })).toBe(true)
    const countedGame = createGame(engine.dex, factory, PIKACHU, DROWZEE, { tracked: [[true, false], []] })
    expect(() => exploreGame(countedGame, initialState(countedGame), { maxStates: half(states) })).toThrow(
      'discrete states',
    )
  })
})

// Thunder (16 PP) counted; no Disable: once Thunder is out of PP, Jolteon goes on with Pin Missile
const JOLTEON: GameSideInput = { species: 'jolteon', moves: ['thunder', 'pinmissile'] }
const GENGAR: GameSideInput = { species: 'gengar', moves: ['shadowball', 'sludgebomb'] }

describe('refusedCounting: past a count that runs out, and the splits it makes', () => {
  const { uncounted, slots: thunder, states, cells, full } = counting(JOLTEON, GENGAR, 0, 0, true)
  const pairs = pairPaths(uncounted, thunder, ALL)!

  test('the walk goes on once Thunder is out of PP: the states after it are counted', () => {
    expect(followedSpent(uncounted, pairs, thunder[0]!.maxPp)).toBeGreaterThan(0)
    expect(pairs.keys.length).toBeLessThanOrEqual(states)
    expect(pairs.keys.length).toBeGreaterThan(0.99 * states)
  })

  test('outcomes that paid Thunder or not split apart: mix states of the counting game, counted', () => {
    expect(numberSplits(uncounted, pairs).count).toBeGreaterThan(0)
    const bound = countedCells(uncounted, full, pairs, ALL)
    expect(bound).toBeLessThanOrEqual(cells)
    // without the states after Thunder runs out nor the splits, the bound was 0.89 of the cells
    expect(bound).toBeGreaterThan(0.99 * cells)
  })

  test('a game just over the cell budget is refused without exploring it, one within it is not', () => {
    const budget = (maxCells: number) => ({ maxStates: LIMITS.maxStates, maxCells })
    expect(refusedCounting(uncounted, full, thunder, budget(Math.floor(0.99 * cells)))).toBe(true)
    expect(refusedCounting(uncounted, full, thunder, budget(cells))).toBe(false)
  })
})
