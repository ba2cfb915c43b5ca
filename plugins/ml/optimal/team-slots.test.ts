import { afterAll, describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { singleMoveValue, singleMoveValues } from './best-response.ts'
import { OptimalLimitError } from './errors.ts'
import { drawScenarios } from './scenarios.ts'
import { DEFAULT_LIMITS, solveGame } from './solve.ts'
import { createSweepTeam } from './sweep-team.ts'
import { SweepStopped } from './team-protocol.ts'
import { claimSlots, leadSlots, slotTables } from './team-slots.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const store = createBufferStore()
// every game shared, however small, so that the helper takes part
const team = createSweepTeam({ minCells: 0, minShare: 0, restSolves: 0, warmUp: 0, lowInARow: 1 })
afterAll(() => team.close())

/** A slots job of `count` slots whose first `claimed` the other thread has claimed, none done. */
function job(count: number, claimed: number) {
  const tables = slotTables(count)
  tables.next[0] = claimed
  return { ...tables, count }
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

describe('best-single-move values on the team', () => {
  test('random 4-vs-4 games: the same values to the bit as one thread, the helper sweeping some slots', () => {
    let compared = 0
    for (const { a, b } of drawScenarios(engine, factory.legal, 4, 3)) {
      const solved = solveGame(engine, factory, store, { a, b }, DEFAULT_LIMITS)
      const one = a.moves.map((_, slot) => singleMoveValue(solved, slot))
      // twice: the first may find the helper still loading its code
      for (let round = 0; round < 2; round++)
        expect(singleMoveValues(solved, 60_000, store, team)).toEqual(one)
      compared++
    }
    expect(compared).toBe(4)
    const stats = team.stats()
    expect(stats.slotJobs).toBe(8)
    expect(stats.helperSlots).toBeGreaterThan(0)
  })

  test('a time limit stops both threads; the team then answers the next request', () => {
    const { a, b } = drawScenarios(engine, factory.legal, 1, 3)[0]!
    const solved = solveGame(engine, factory, store, { a, b }, DEFAULT_LIMITS)
    expect(() => singleMoveValues(solved, 0, store, team)).toThrow(OptimalLimitError)
    expect(singleMoveValues(solved, 60_000, store, team)).toEqual(
      a.moves.map((_, slot) => singleMoveValue(solved, slot)),
    )
  })
})
