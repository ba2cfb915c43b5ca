import { describe, expect, test } from 'bun:test'
import { percentile, type RunFigures, scenarioFigures, summariseLatencies } from './stats.ts'

const run = (requestsPerSecond: number, p99: number, failures = 0): RunFigures => ({
  requestsPerSecond,
  p99,
  failures,
  p50: 1,
  p90: 2,
  max: p99 * 2,
  requests: 100,
  clientCores: 0.5,
  serverCores: 1,
})

describe('percentile (nearest rank)', () => {
  const hundred = Float64Array.from({ length: 100 }, (_, i) => i + 1)

  test('is a value some request really had', () => {
    expect(percentile(hundred, 50)).toBe(50)
    expect(percentile(hundred, 90)).toBe(90)
    expect(percentile(hundred, 99)).toBe(99)
    expect(percentile(hundred, 100)).toBe(100)
    expect(percentile(Float64Array.of(1, 2, 3, 4), 50)).toBe(2)
    expect(percentile(Float64Array.of(1, 2, 3, 4), 51)).toBe(3)
  })

  test('stays inside the array at the edges, NaN when empty', () => {
    expect(percentile(Float64Array.of(7), 0)).toBe(7)
    expect(percentile(Float64Array.of(7), 99.9)).toBe(7)
    expect(percentile(new Float64Array(0), 50)).toBeNaN()
  })
})

describe('summariseLatencies', () => {
  test('sorts numerically and ignores the unused end of the buffer', () => {
    const buffer = new Float64Array(10)
    buffer.set([10, 2, 30, 4]) // 6 unused zeros after them
    expect(summariseLatencies(buffer, 4)).toEqual({ p50: 4, p90: 30, p99: 30, max: 30 })
  })
})

describe('scenarioFigures', () => {
  test('takes the median req/s and the median p99 independently, and sums failures', () => {
    const figures = scenarioFigures([run(1000, 9, 1), run(3000, 5), run(2000, 30, 2)])
    expect(figures.requestsPerSecond).toBe(2000)
    expect(figures.p99).toBe(9)
    expect(figures.failures).toBe(3)
    expect(figures.runs).toHaveLength(3)
  })
})
