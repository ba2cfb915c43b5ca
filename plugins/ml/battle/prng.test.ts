import { describe, expect, test } from 'bun:test'
import { BattleError } from './errors.ts'
import { assertBattleSeed, createPrng, deriveSeed } from './prng.ts'

describe('createPrng', () => {
  test('is reproducible, in [0, 1), and separates streams of one seed', () => {
    const draw = (stream: number) => {
      const random = createPrng([1, 2, 3, 4], stream)
      return Array.from({ length: 1000 }, () => random())
    }
    const a = draw(1)
    expect(draw(1)).toEqual(a)
    expect(draw(2)).not.toEqual(a)
    expect(a.every((x) => x >= 0 && x < 1)).toBe(true)
    const mean = a.reduce((sum, x) => sum + x, 0) / a.length
    expect(mean).toBeGreaterThan(0.45)
    expect(mean).toBeLessThan(0.55)
  })

  test('differs for seeds that differ in any word', () => {
    const first = (seed: [number, number, number, number]) => createPrng(seed)()
    const values = new Set([
      first([0, 0, 0, 0]),
      first([1, 0, 0, 0]),
      first([0, 0, 0, 1]),
      first([0, 1, 0, 0]),
    ])
    expect(values.size).toBe(4)
  })
})

describe('deriveSeed', () => {
  test('gives valid, reproducible and (practically) distinct seeds', () => {
    const seeds = Array.from({ length: 5000 }, (_, i) => deriveSeed([1, 2, 3, 4], i))
    for (const seed of seeds) expect(() => assertBattleSeed([...seed])).not.toThrow()
    expect(deriveSeed([1, 2, 3, 4], 17)).toEqual(seeds[17] ?? [0, 0, 0, 0])
    expect(new Set(seeds.map((seed) => seed.join(','))).size).toBe(5000)
    expect(deriveSeed([1, 2, 3, 5], 0)).not.toEqual(seeds[0] ?? [0, 0, 0, 0])
  })
})

describe('assertBattleSeed', () => {
  test('accepts four 16-bit words only', () => {
    expect(() => assertBattleSeed([0, 65535, 1, 2])).not.toThrow()
    for (const bad of [
      [1, 2, 3],
      [1, 2, 3, 65536],
      [1, 2, 3, -1],
      [1, 2, 3, 0.5],
    ]) {
      expect(() => assertBattleSeed(bad)).toThrow(BattleError)
    }
  })
})
