import { afterAll, describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { OptimalLimitError } from './errors.ts'
import { drawScenarios } from './scenarios.ts'
import { DEFAULT_LIMITS, type OptimalRequest, type SolvedGame, solveGame } from './solve.ts'
import { createSweepTeam, keepLast, threadShares } from './sweep-team.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const store = createBufferStore()
// every game with two threads, however small, so that the tests exercise the shared sweep
const team = createSweepTeam({ minCells: 0, minShare: 0, restSolves: 0, warmUp: 0, lowInARow: 1 })
afterAll(() => team.close())

/** Everything the sweep decides, to the bit: the value, every pure choice and every mixed cell. */
function fingerprint(solved: SolvedGame): string {
  const parts: string[] = [String(solved.value), String(solved.residual)]
  solved.strategies.row.forEach((table, id) => {
    if (!table) return
    parts.push(`${id}:${table.join('')}/${solved.strategies.col[id]!.join('')}`)
    const mixed = [...solved.strategies.mixed[id]!].sort(([x], [y]) => x - y)
    for (const [cell, probs] of mixed) parts.push(`${cell}=${probs.join(',')}`)
  })
  return parts.join('|')
}

/** No healing or drain: swept by two threads. */
const PLAIN = {
  a: { species: 'pikachu', moves: ['thunderbolt', 'quickattack', 'irontail', 'thunder'] },
  b: { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
}

const alone = (request: OptimalRequest) => solveGame(engine, factory, store, request, DEFAULT_LIMITS)
const together = (request: OptimalRequest) => solveGame(engine, factory, store, request, DEFAULT_LIMITS, team)

describe('optimal play swept by two threads', () => {
  test('random 4-vs-4 games: the same values and strategies to the bit as one thread', () => {
    // Seed 3: four games of 130–670 states, every one swept by both threads (≈ 2,200 chunks for
    // the helper over the eight shared sweeps); seed 7's four cost 2.3× the CPU for fewer (one has
    // drain and is swept alone), which the drain test below covers already.
    const scenarios = drawScenarios(engine, factory.legal, 4, 3)
    let compared = 0
    for (const { a, b } of scenarios) {
      let one: SolvedGame
      try {
        one = alone({ a, b })
      } catch (error) {
        if (error instanceof OptimalLimitError) continue
        throw error
      }
      // twice: the first may start before the helper is ready, the second has it warm
      for (let round = 0; round < 2; round++) expect(fingerprint(together({ a, b }))).toBe(fingerprint(one))
      compared++
    }
    expect(compared).toBeGreaterThan(1)
    const stats = team.stats()
    expect(stats.together).toBeGreaterThan(0)
    expect(stats.helperChunks).toBeGreaterThan(0)
  }, 120_000)

  test('a game whose branches the helper runs HP ops for (fainting, halving): the same answer', () => {
    // big enough (≈ 190 states) for the helper to sweep some chunks before the leader is done
    const request = {
      a: { species: 'golem', moves: ['selfdestruct', 'rockslide', 'earthquake'] },
      b: { species: 'raticate', moves: ['superfang', 'hyperfang', 'bite'] },
    }
    const before = team.stats()
    expect(fingerprint(together(request))).toBe(fingerprint(alone(request)))
    const after = team.stats()
    // shared (counting PP makes it two solves), and the helper swept part of it
    expect(after.together).toBeGreaterThan(before.together)
    expect(after.helperChunks).toBeGreaterThan(before.helperChunks)
  })

  test("each shared sweep's hand-over is timed: the helper had the job, then its sweeper, then a chunk", () => {
    const before = team.stats()
    for (let i = 0; i < 2; i++) together(PLAIN)
    const { handOver, sweepMs, together: shared } = team.stats()
    expect(handOver.length).toBe(shared)
    expect(sweepMs.length).toBe(shared)
    const timed = handOver.slice(before.handOver.length)
    expect(timed.length).toBe(2)
    for (const { receivedMs, readyMs, firstChunkMs } of timed) {
      // on a busy machine the leader may finish before the helper gets as far: NaN from there on
      const reached = [receivedMs, readyMs, firstChunkMs].filter(Number.isFinite)
      expect([receivedMs, readyMs, firstChunkMs].slice(0, reached.length)).toEqual(reached)
      // one clock (the helper's) for the three: in that order
      expect(reached).toEqual([...reached].sort((x, y) => x - y))
    }
  })

  test('drain on one side (reads above the row, or past the chunk below): shared, the same to the bit', () => {
    const drains = { species: 'butterfree', moves: ['megadrain', 'confusion'] }
    const hits = { species: 'blastoise', moves: ['surf', 'bite'] }
    // A's drain: blocks of B's HP; B's: rows, each chunk one chunk behind the row below
    for (const request of [
      { a: drains, b: hits },
      { a: hits, b: drains },
    ]) {
      const before = team.stats()
      expect(fingerprint(together(request))).toBe(fingerprint(alone(request)))
      const after = team.stats()
      expect(after.together).toBe(before.together + 1)
      expect(after.helperChunks).toBeGreaterThan(before.helperChunks)
    }
  })

  test('a game that may stall (valued by value iteration and saddle guesses): shared, the same to the bit', () => {
    // Gengar: Normal moves do not touch it, its Dream Eater fails on an awake foe: those pairs
    // never change HP, so every cell takes the least fixed point (see `cell-rounds.ts`)
    const request = {
      a: { species: 'kangaskhanmega', moves: ['solarbeam', 'megapunch', 'facade', 'headbutt'] },
      b: { species: 'gengar', moves: ['seismictoss', 'facade', 'dreameater', 'headbutt'] },
    }
    const before = team.stats()
    expect(fingerprint(together(request))).toBe(fingerprint(alone(request)))
    expect(team.stats().helperChunks).toBeGreaterThan(before.helperChunks)
  })

  test('a game that heals (swept again and again) is swept by one thread, same answer', () => {
    const request = {
      a: { species: 'snorlax', moves: ['rest', 'bodyslam'] },
      b: { species: 'machamp', moves: ['submission', 'karatechop'] },
    }
    const before = team.stats().alone
    expect(fingerprint(together(request))).toBe(fingerprint(alone(request)))
    expect(team.stats().alone).toBe(before + 1)
  })

  test('a shared sweep that found the other core busy sends the next solves alone', () => {
    // no thread can have had a core more than all of its time: after the first shared one, two solves rest
    const wary = createSweepTeam({
      minCells: 0,
      minShare: Number.POSITIVE_INFINITY,
      restSolves: 2,
      warmUp: 0,
      lowInARow: 1,
    })
    try {
      const expected = fingerprint(alone(PLAIN))
      for (let i = 0; i < 4; i++) {
        expect(fingerprint(solveGame(engine, factory, store, PLAIN, DEFAULT_LIMITS, wary))).toBe(expected)
      }
      expect(wary.stats()).toMatchObject({ together: 2, resting: 2 })
    } finally {
      wary.close()
    }
  })

  test('the judge waits for the warm-up and for low shares in a row', () => {
    // sweeps 1 (warm-up) and 2 (one low share) are not enough; the third sends one solve alone
    const patient = createSweepTeam({
      minCells: 0,
      minShare: Number.POSITIVE_INFINITY,
      restSolves: 1,
      warmUp: 1,
      lowInARow: 2,
    })
    try {
      // the first solve may start before the helper thread is up (then not judged): warm it first
      solveGame(engine, factory, store, PLAIN, DEFAULT_LIMITS, patient)
      const judged = patient.stats().together
      for (let i = 0; i < 3; i++) solveGame(engine, factory, store, PLAIN, DEFAULT_LIMITS, patient)
      const { together, resting } = patient.stats()
      expect(resting).toBe(1)
      expect(together).toBe(judged + 2)
    } finally {
      patient.close()
    }
  })

  test('a solve stopped by its time limit leaves the team ready for the next one', () => {
    const hurried = { ...DEFAULT_LIMITS, timeLimitMs: 0 }
    const before = team.stats().together
    expect(() => solveGame(engine, factory, store, PLAIN, hurried, team)).toThrow(OptimalLimitError)
    expect(fingerprint(together(PLAIN))).toBe(fingerprint(alone(PLAIN)))
    expect(team.stats().together).toBe(before + 1)
  })
})

describe('whether the other core was free during a shared sweep', () => {
  test("each thread's CPU over its working time: sleeps waiting for the other thread do not count", () => {
    // a quiet machine: the helper worked 30 ms of a 100 ms sweep, on a core all that time
    expect(threadShares(100_000, 100_000, 29_000, 30_000)).toBeCloseTo(29 / 30, 12)
    // another process on the other core: both threads had half a core
    expect(threadShares(50_000, 100_000, 48_000, 96_000)).toBe(0.5)
    // the helper never got to its job in a long sweep: no core for it
    expect(threadShares(100_000, 100_000, 0, 0)).toBe(0)
    // a short sweep may end before a healthy helper starts: nothing to judge
    expect(threadShares(5_000, 5_000, 0, 0)).toBe(1)
  })
})

describe("a team's figures per shared sweep", () => {
  test('only the last ones are kept: a served team does not grow without bound', () => {
    const list: number[] = []
    for (let i = 1; i <= 5; i++) keepLast(list, i, 3)
    expect(list).toEqual([3, 4, 5])
  })
})
