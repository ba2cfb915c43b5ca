import { describe, expect, test } from 'bun:test'
import { battlesInput, reportInput, seedInput } from './stage-inputs.ts'

describe('shared stage inputs', () => {
  test('a seed comes from the command line as text; outside 0 … 2³¹ − 1 or fractional it is refused', () => {
    const seed = seedInput(1)
    expect(seed.parse(undefined)).toBe(1)
    expect(seed.parse('7')).toBe(7)
    expect(seed.parse(String(2 ** 31 - 1))).toBe(2 ** 31 - 1)
    for (const bad of ['-1', String(2 ** 31), '1.5', 'abc']) expect(seed.safeParse(bad).success).toBe(false)
  })

  test('battles: 100 … 100,000 with the stage’s own default; a report path is optional but never empty', () => {
    expect(battlesInput(2000).parse(undefined)).toBe(2000)
    expect(battlesInput(1000).parse('100')).toBe(100)
    expect(battlesInput(1000).safeParse('99').success).toBe(false)
    expect(battlesInput(1000).safeParse('100001').success).toBe(false)
    expect(reportInput.parse(undefined)).toBeUndefined()
    expect(reportInput.safeParse('').success).toBe(false)
  })
})
