import { describe, expect, test } from 'bun:test'
import { BattleError } from './errors.ts'
import { wilsonInterval } from './wilson.ts'

describe('wilsonInterval', () => {
  test('matches reference values', () => {
    // Reference values computed separately from the closed form (Wilson 1927), z = 1.95996.
    const [lo, hi] = wilsonInterval(50, 100)
    expect(lo).toBeCloseTo(0.4038, 4)
    expect(hi).toBeCloseTo(0.5962, 4)
    const [lo2, hi2] = wilsonInterval(81, 263)
    expect(lo2).toBeCloseTo(0.2553, 4)
    expect(hi2).toBeCloseTo(0.3662, 4)
  })

  test('stays inside [0, 1] and is not degenerate at 0 or K successes', () => {
    const [lo0, hi0] = wilsonInterval(0, 20)
    expect(lo0).toBe(0)
    expect(hi0).toBeCloseTo(0.1611, 4)
    const [loAll, hiAll] = wilsonInterval(20, 20)
    expect(loAll).toBeCloseTo(0.8389, 4)
    expect(hiAll).toBe(1)
  })

  test('contains the observed rate and narrows as trials grow', () => {
    for (const [k, n] of [
      [3, 10],
      [30, 100],
      [300, 1000],
    ] as const) {
      const [lo, hi] = wilsonInterval(k, n)
      expect(lo).toBeLessThan(k / n)
      expect(hi).toBeGreaterThan(k / n)
    }
    const width = (n: number) => {
      const [lo, hi] = wilsonInterval(n / 2, n)
      return hi - lo
    }
    expect(width(1000)).toBeLessThan(width(100))
  })

  test('knows nothing without trials and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual([0, 1])
    expect(() => wilsonInterval(5, 4)).toThrow(BattleError)
    expect(() => wilsonInterval(-1, 4)).toThrow(BattleError)
    expect(() => wilsonInterval(1.5, 4)).toThrow(BattleError)
  })
})
