import { afterAll, describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { createSolver } from '../solver/index.ts'
import { bestSingleMove, singleMoveValue } from './best-response.ts'
import { OptimalLimitError } from './errors.ts'
import { drawScenarios } from './scenarios.ts'
import { DEFAULT_LIMITS, solveGame } from './solve.ts'
import { createSweepTeam } from './sweep-team.ts'
import { SweepStopped } from './team-protocol.ts'
import { bestSlot, claimSlots, leadSlots, slotTables } from './team-slots.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const store = createBufferStore()
// every game shared, however small, so that the helper takes part
const team = createSweepTeam({ minCells: 0, minShare: 0, restSolves: 0, warmUp: 0, lowInARow: 1 })
afterAll(() => team.close())

const NONE = Number.POSITIVE_INFINITY

/** A job of `count` slots without bounds whose first `claimed` the other thread has claimed, none done. */
function job(count: number, claimed: number) {
  const tables = slotTables(Array.from({ length: count }, () => NONE))
  tables.next[0] = claimed
  return tables
}

/** The slots `claimSlots` sweeps under `bounds` when slot s is worth `worth[s]`, and the values. */
function claimed(bounds: number[], worth: number[]) {
  const tables = slotTables(bounds)
  const swept: number[] = []
  claimSlots(tables, (slot) => {
    swept.push(slot)
    return worth[slot]!
  })
  return { swept, values: [...tables.values] }
}

describe('slots claimed by two threads', () => {
  test('each thread claims the next slot until none is left', () => {
    const shared = job(4, 0)
    const swept: number[] = []
    claimSlots(shared, (slot) => {
      swept.push(slot)
      return slot * 10
    })
    expect(swept).toEqual([0, 1, 2, 3])
    expect([...shared.values]).toEqual([0, 10, 20, 30])
    expect([...shared.done]).toEqual([1, 1, 1, 1])
  })

  test('highest bound first; a slot whose bound a value already reaches is not swept', () => {
    const { swept, values } = claimed([0.3, 0.9, 0.5, 0.2], [0.1, 0.6, 0.4, 0.05])
    expect(swept).toEqual([1])
    expect(values).toEqual([Number.NaN, 0.6, Number.NaN, Number.NaN])
    // a bound above the best so far: swept, and it wins
    expect(claimed([0.3, 0.9, 0.8, 0.2], [0.1, 0.6, 0.7, 0.05]).swept).toEqual([1, 2])
  })

  test('ties go to the first slot, as in a plain loop over the slots', () => {
    // slot 0 is reached first (equal bounds): slot 1 can at most tie with it, it is not swept
    expect(claimed([0.6, 0.6], [0.6, 0.6]).swept).toEqual([0])
    // slot 1 first (higher bound): slot 0 could tie and would win the tie, so it is swept
    const { swept, values } = claimed([0.6, 0.7], [0.6, 0.6])
    expect(swept).toEqual([1, 0])
    expect(bestSlot(values)).toEqual({ slot: 0, value: 0.6 })
  })

  test('a slot the helper claimed and did not finish (it failed or lost its core): the leader sweeps it too', () => {
    const shared = job(4, 1)
    const values = leadSlots(shared, (slot) => slot + 0.5)
    expect(values).toEqual([0.5, 1.5, 2.5, 3.5])
  })

  test('the helper finishing its slot first: the leader stops its copy and keeps the helper’s value', () => {
    const shared = job(2, 1)
    let stoppedAt = -1
    const values = leadSlots(shared, (slot, check) => {
      if (slot === 1 || !check) return 7
      // the leader's copy of slot 0, halfway: the helper's value comes in
      shared.values[0] = 3
      Atomics.store(shared.done, 0, 1)
      try {
        check()
      } catch (error) {
        expect(error).toBeInstanceOf(SweepStopped)
        stoppedAt = slot
        throw error
      }
      return 99
    })
    expect(stoppedAt).toBe(0)
    expect(values).toEqual([3, 7])
  })
})

describe('the best single move on the team', () => {
  const scenarios = drawScenarios(engine, factory.legal, 4, 3)
  const solvedGames = scenarios.map(({ a, b }) => solveGame(engine, factory, store, { a, b }, DEFAULT_LIMITS))
  const plain = solvedGames.map((solved) =>
    solved.game.sides[0].moves.map((_, slot) => singleMoveValue(solved, slot)),
  )

  test('random 4-vs-4 games: every value the same to the bit as one thread, the helper sweeping some slots', () => {
    solvedGames.forEach((solved, i) => {
      // twice: the first may find the helper still loading its code
      for (let round = 0; round < 2; round++) {
        const best = bestSingleMove(solved, 60_000, { store, team })
        expect(best.values).toEqual(plain[i]!)
        expect(best.value).toBe(Math.max(...plain[i]!))
        expect(best.slot).toBe(plain[i]!.indexOf(best.value))
      }
    })
    const stats = team.stats()
    expect(stats.slotJobs).toBe(8)
    expect(stats.helperSlots).toBeGreaterThan(0)
  })

  test('bounded by B repeating its best reply: the same best move, fewer sweeps', () => {
    const fixed = createSolver(engine, factory)
    let skipped = 0
    solvedGames.forEach((solved, i) => {
      const { a, b } = scenarios[i]!
      const winA = (moveA: string, moveB: string) =>
        fixed.solve({ species: a.species, move: moveA }, { species: b.species, move: moveB }).winA
      const bounds = a.moves.map((moveA) => Math.min(...b.moves.map((moveB) => winA(moveA, moveB))))
      // the bound holds: an adaptive B does at least as well as any reply repeated
      plain[i]!.forEach((value, slot) => {
        expect(value).toBeLessThanOrEqual(bounds[slot]! + 1e-12)
      })
      for (const options of [{ bounds }, { bounds, team, store }]) {
        const best = bestSingleMove(solved, 60_000, options)
        expect(best.value).toBe(Math.max(...plain[i]!))
        expect(best.slot).toBe(plain[i]!.indexOf(best.value))
        best.values.forEach((value, slot) => {
          expect(Number.isNaN(value) || value === plain[i]![slot]).toBe(true)
        })
        if (!('team' in options)) skipped += best.values.filter(Number.isNaN).length
      }
    })
    expect(skipped).toBeGreaterThan(0)
  })

  test('a time limit stops both threads; the team then answers the next request', () => {
    const solved = solvedGames[0]!
    expect(() => bestSingleMove(solved, 0, { store, team })).toThrow(OptimalLimitError)
    expect(bestSingleMove(solved, 60_000, { store, team }).values).toEqual(plain[0]!)
  })
})
