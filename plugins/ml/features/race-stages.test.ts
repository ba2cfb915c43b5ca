import { describe, expect, test } from 'bun:test'
import { constantDist, uniformOf } from '../solver/dist.ts'
import { dollHazards, SUB_STATES } from './race-doll.ts'
import { blend, stageParts } from './race-stages.ts'

describe('stage distributions', () => {
  test('a secondary drop counts its successes binomially over the hits', () => {
    const parts = new Map(stageParts(0, 0, -0.3, 2, 1))
    expect(parts.get(0)).toBeCloseTo(0.49, 10)
    expect(parts.get(-1)).toBeCloseTo(0.42, 10)
    expect(parts.get(-2)).toBeCloseTo(0.09, 10)
  })

  test("accuracy scales the chance, and the user's own changes add for certain", () => {
    const parts = new Map(stageParts(1, 2, -0.5, 1, 0.8))
    expect(parts.get(2)).toBeCloseTo(0.6, 10)
    expect(parts.get(1)).toBeCloseTo(0.4, 10)
  })

  test('stages stop at −6', () => {
    const parts = stageParts(-1, 6, -0.5, 3, 1)
    expect(parts).toEqual([[-6, 1]])
  })

  test('a certain change keeps the expected-stage rule', () => {
    expect(stageParts(0, 0, -1, 2, 1)).toEqual([[-2, 1]])
  })

  test('a blend mixes damage distributions by weight', () => {
    const use = blend([
      [{ kind: 'dist', dist: constantDist(10) }, 0.25],
      [{ kind: 'dist', dist: constantDist(20) }, 0.75],
    ])
    if (use.kind !== 'dist') throw new Error('expected a distribution')
    expect(use.dist.probs[0]).toBeCloseTo(0.25, 12)
    expect(use.dist.probs[10]).toBeCloseTo(0.75, 12)
  })
})

describe('Substitute doll', () => {
  test('a doll that takes two hits of 20 to break holds the first for certain', () => {
    const hazards = dollHazards({ kind: 'dist', dist: constantDist(20) }, 33)
    expect(hazards.length).toBe(SUB_STATES)
    expect(hazards[0]).toBe(0)
    expect(hazards[1]).toBe(1)
  })

  test('with rolls, the hazard grows with the hits absorbed', () => {
    const hazards = dollHazards({ kind: 'dist', dist: uniformOf([10, 12, 14, 16]) }, 30)
    expect(hazards[0]).toBe(0)
    expect(hazards[1]).toBeCloseTo(3 / 16, 12) // 14 + 16, 16 + 14, 16 + 16: the sums ≥ 30
    expect(hazards[2]).toBe(1)
  })

  test('a one-hit KO or a halving always breaks it', () => {
    expect(dollHazards({ kind: 'ohko' }, 40)[0]).toBe(1)
  })
})
