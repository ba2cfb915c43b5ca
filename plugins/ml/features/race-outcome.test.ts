import { describe, expect, test } from 'bun:test'
import { mergeActionSlots, raceOutcome } from './race-outcome.ts'

/** KO masses by time key 3t + slot over `turns` turns, from { key: mass }. */
function koSeries(turns: number, masses: Record<number, number>): Float64Array {
  const ko = new Float64Array(3 * (turns + 1))
  for (const [key, mass] of Object.entries(masses)) ko[Number(key)] = mass
  return ko
}

describe('the KO-slot merge', () => {
  test('the first KO wins: B fainting to the first action of turn 1 beats A fainting later that turn', () => {
    const r = raceOutcome(koSeries(2, { 3: 1 }), koSeries(2, { 4: 1 }), false, 2)
    expect(r).toEqual({ winA: 1, winB: 0, neither: 0, expectedTurns: 1, koTurn1A: 1, koTurn1B: 1 })
  })

  test('independent sides: P(A wins) = Σ P(B faints at k) · P(A still standing, a same-slot KO halved)', () => {
    const koA = koSeries(3, { 3: 0.5, 6: 0.5 }) // B faints: turn 1 or turn 2, first action
    const koB = koSeries(3, { 6: 0.4 }) // A faints in turn 2 at the same slot, with chance 0.4
    const r = raceOutcome(koA, koB, false, 3)
    expect(r.winA).toBeCloseTo(0.5 + 0.5 * (1 - 0.5 * 0.4), 12)
    expect(r.winB).toBeCloseTo(0.4 * (1 - 0.5 - 0.25), 12)
    expect(r.expectedTurns).toBeCloseTo(1 * 0.5 + 2 * 0.5, 12)
    expect(r.neither).toBeCloseTo(1 - r.winA - r.winB, 12)
  })

  test('joint series (one side returns damage) add up; mass still in play counts as the turn cap', () => {
    const r = raceOutcome(koSeries(4, { 4: 0.25 }), koSeries(4, { 7: 0.25 }), true, 4)
    expect(r.winA).toBe(0.25)
    expect(r.winB).toBe(0.25)
    expect(r.neither).toBe(0.5)
    expect(r.expectedTurns).toBeCloseTo(0.25 * 1 + 0.25 * 2 + 0.5 * 4, 12)
  })

  test('a speed tie folds the second mover’s slot into the first, turn by turn, and keeps end-of-turn KOs', () => {
    const merged = mergeActionSlots(koSeries(2, { 3: 0.1, 4: 0.2, 5: 0.3, 7: 0.4 }))
    expect([...merged]).toEqual([0, 0, 0, 0.1 + 0.2, 0, 0.3, 0.4, 0, 0])
  })
})
