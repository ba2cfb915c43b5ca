import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from './engine.ts'
import { BattleError } from './errors.ts'
import { evaluateMatchup } from './evaluate.ts'
import { bestPolicy } from './policies.ts'
import { buildBattleSet } from './sets.ts'

const engine = createLgpeEngine()
const combatant = (species: string, moves: string[]) => ({
  set: buildBattleSet(engine, { species, moves }),
  policy: bestPolicy(),
})

describe('evaluateMatchup', () => {
  test('a mirror match is a coin flip: 0.5 lies inside the Wilson interval over K = 200', () => {
    const pikachu = combatant('Pikachu', ['thunderbolt', 'quickattack', 'irontail'])
    const result = evaluateMatchup(engine, pikachu, pikachu, 200, [11, 22, 33, 44])
    expect(result.wins + result.losses + result.draws + result.caps).toBe(200)
    expect(result.winRate).toBe(result.wins / 200)
    expect(result.wilson95[0]).toBeLessThan(0.5)
    expect(result.wilson95[1]).toBeGreaterThan(0.5)
    expect(result.meanTurns).toBeGreaterThan(1)
  })

  test('a side immune to the other’s only move wins all K battles', () => {
    const result = evaluateMatchup(
      engine,
      combatant('Gengar', ['sludgebomb']),
      combatant('Rattata', ['tackle']),
      200,
      [1, 2, 3, 4],
    )
    expect([result.wins, result.losses, result.draws, result.caps]).toEqual([200, 0, 0, 0])
    expect(result.winRate).toBe(1)
    expect(result.wilson95[1]).toBe(1)
    expect(result.wilson95[0]).toBeGreaterThan(0.98)
  })

  test('capped battles are counted, kept in the denominator and are not wins', () => {
    const result = evaluateMatchup(
      engine,
      combatant('Pikachu', ['growl']),
      combatant('Squirtle', ['tailwhip']),
      5,
      [1, 2, 3, 4],
      { turnCap: 10 },
    )
    expect(result).toMatchObject({ battles: 5, wins: 0, caps: 5, winRate: 0, meanTurns: 10 })
    expect(result.wilson95[0]).toBe(0)
  })

  test('is reproducible from its base seed, and another base seed plays other battles', () => {
    const a = combatant('Pikachu', ['thunderbolt', 'quickattack', 'irontail'])
    const b = combatant('Eevee', ['tackle', 'bite', 'quickattack'])
    const first = evaluateMatchup(engine, a, b, 30, [5, 6, 7, 8])
    expect(evaluateMatchup(engine, a, b, 30, [5, 6, 7, 8])).toEqual(first)
    const others = [1, 2, 3].map((s) => evaluateMatchup(engine, a, b, 30, [s, 6, 7, 8]))
    expect(others.some((other) => other.wins !== first.wins || other.meanTurns !== first.meanTurns)).toBe(
      true,
    )
  })

  test('rejects a non-positive number of battles', () => {
    const a = combatant('Pikachu', ['thunderbolt'])
    expect(() => evaluateMatchup(engine, a, a, 0, [1, 2, 3, 4])).toThrow(BattleError)
  })
})
