import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { answerOf } from './answer.ts'
import { DEFAULT_LIMITS, type OptimalRequest, solveGame } from './solve.ts'
import { createStrategies, lendStrategies } from './strategies.ts'

const reach = { hiA: Int32Array.of(0, 3, 0, 5), hiB: Int32Array.of(0, 4, 0, 7) }

describe('strategy tables lent by a buffer store', () => {
  test('zeroed views of the same sizes as new tables; given back zeroed, once', () => {
    const store = createBufferStore()
    const lent = lendStrategies([1, 3], reach, 4, store)
    const fresh = createStrategies([1, 3], reach, 4)
    for (const id of [1, 3]) {
      expect(lent.strategies.row[id]!.length).toBe(fresh.row[id]!.length)
      expect(lent.strategies.col[id]!.length).toBe(fresh.col[id]!.length)
      expect(lent.strategies.row[id]!.every((x) => x === 0)).toBe(true)
    }
    expect(lent.strategies.row[0]).toBeNull()
    // the tables do not overlap: writing one leaves the others alone
    lent.strategies.row[1]!.fill(2)
    lent.strategies.col[3]!.fill(-1)
    expect(lent.strategies.col[1]!.every((x) => x === 0)).toBe(true)
    expect(lent.strategies.row[3]!.every((x) => x === 0)).toBe(true)
    const buffer = lent.strategies.row[1]!.buffer
    lent.giveBack()
    lent.giveBack()
    // dropped: a read after the give-back fails instead of finding the next lend's choices
    expect(lent.strategies.row[1]).toBeNull()
    expect(lent.strategies.col[3]).toBeNull()
    expect(lent.strategies.mixed[1]).toBeNull()
    // the next lend gets the same buffer, all zeros again (a second give-back would have put it twice)
    const again = lendStrategies([1, 3], reach, 4, store)
    const other = lendStrategies([1, 3], reach, 4, store)
    expect(again.strategies.row[1]!.buffer).toBe(buffer)
    expect(other.strategies.row[1]!.buffer).not.toBe(buffer)
    expect(again.strategies.row[1]!.every((x) => x === 0)).toBe(true)
    expect(again.strategies.col[3]!.every((x) => x === 0)).toBe(true)
  })

  test('a released solve lends its tables to the next: answers are those of a store of its own', () => {
    const engine = createLgpeEngine()
    const factory = createBattlerFactory(engine)
    const PIKACHU = { species: 'pikachu', moves: ['thunderbolt', 'quickattack', 'irontail', 'thunder'] }
    const SQUIRTLE = { species: 'squirtle', moves: ['watergun', 'tackle', 'bite', 'withdraw'] }
    const requests: OptimalRequest[] = [
      { a: PIKACHU, b: SQUIRTLE },
      { a: SQUIRTLE, b: PIKACHU },
    ]
    const answers = (store = createBufferStore()) =>
      [...requests, ...requests].map((request) => {
        const solved = solveGame(engine, factory, store, request, DEFAULT_LIMITS)
        const answer = answerOf(solved)
        solved.release()
        return JSON.stringify({ ...answer, timings: null })
      })
    const shared = answers()
    // each solve on a store of its own (new tables every time)
    const alone = requests.map((request) => {
      const answer = answerOf(solveGame(engine, factory, createBufferStore(), request, DEFAULT_LIMITS))
      return JSON.stringify({ ...answer, timings: null })
    })
    expect(shared).toEqual([...alone, ...alone])
  })
})
