import { describe, expect, test } from 'bun:test'
import { describeTarget, formatRun, meetsTarget, summaryTable } from './report.ts'
import { type RunFigures, scenarioFigures } from './stats.ts'

const run = (requestsPerSecond: number, p99: number, failures = 0): RunFigures => ({
  requestsPerSecond,
  p99,
  failures,
  p50: 1.234,
  p90: 5.5,
  max: 40,
  requests: 1000,
  clientCores: 0.61,
  serverCores: 1.2,
})

describe('meetsTarget', () => {
  const target = { minRequestsPerSecond: 2000, maxP99Ms: 20 }

  test('needs the throughput and the tail', () => {
    expect(meetsTarget(scenarioFigures([run(2500, 19)]), target)).toBe(true)
    expect(meetsTarget(scenarioFigures([run(1999, 10)]), target)).toBe(false)
    expect(meetsTarget(scenarioFigures([run(2500, 21)]), target)).toBe(false)
    expect(meetsTarget(scenarioFigures([run(6000, 50)]), { minRequestsPerSecond: 5000 })).toBe(true)
  })

  test('failed requests fail the target whatever the speed', () => {
    expect(meetsTarget(scenarioFigures([run(9000, 1, 1)]), target)).toBe(false)
  })
})

describe('formatting', () => {
  test('a run line shows every figure and both sides of the CPU', () => {
    const line = formatRun(2, run(5210.4, 12.34))
    expect(line).toContain('run 2:')
    expect(line).toContain('5,210 req/s')
    expect(line).toContain('p50 1.23')
    expect(line).toContain('p99 12.3')
    expect(line).toContain('generator 0.61, server 1.20')
  })

  test('the summary is a Markdown table with the verdicts', () => {
    const table = summaryTable([
      { name: 'ceiling', figures: scenarioFigures([run(30000, 2)]), target: undefined },
      { name: 'predict', figures: scenarioFigures([run(1500, 30)]), target: { minRequestsPerSecond: 2000 } },
    ])
    const lines = table.split('\n')
    expect(lines).toHaveLength(4)
    expect(lines[2]).toContain('| ceiling | 30,000 |')
    expect(lines[3]).toContain('| predict | 1,500 |')
    expect(lines[3]).toEndWith('| **no** |')
    expect(describeTarget({ minRequestsPerSecond: 2000, maxP99Ms: 20 })).toBe('≥ 2,000 req/s, p99 ≤ 20 ms')
  })
})
