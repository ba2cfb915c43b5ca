import { describe, expect, test } from 'bun:test'
import {
  choiceClass,
  choiceShares,
  hasUnreachable,
  LOST_CHOICE,
  policyBlocks,
  UNREACHABLE_CHOICE,
} from './policy-chart.tsx'

describe('policy chart', () => {
  test('rows with the same runs merge into one block per run', () => {
    const grid = {
      hiA: 4,
      hiB: 10,
      runs: [
        [1, 0],
        [1, 0, 6, 2],
        [1, 0, 6, 2],
        [1, -1],
      ],
    }
    expect(policyBlocks(grid)).toEqual([
      { b0: 1, b1: 10, a0: 1, a1: 1, choice: 0 },
      { b0: 1, b1: 5, a0: 2, a1: 3, choice: 0 },
      { b0: 6, b1: 10, a0: 2, a1: 3, choice: 2 },
      { b0: 1, b1: 10, a0: 4, a1: 4, choice: -1 },
    ])
  })

  test('shares of the grid per choice add up to 1', () => {
    const shares = choiceShares({
      hiA: 2,
      hiB: 4,
      runs: [
        [1, 1, 4, 3],
        [1, 1],
      ],
    })
    expect(shares.get(1)).toBeCloseTo(7 / 8, 12)
    expect(shares.get(3)).toBeCloseTo(1 / 8, 12)
  })

  test('cells no battle reaches are greyed and left out of the shares', () => {
    const grid = {
      hiA: 2,
      hiB: 4,
      runs: [
        [1, 1, 4, 3],
        [1, UNREACHABLE_CHOICE],
      ],
    }
    const shares = choiceShares(grid)
    expect(shares.get(1)).toBeCloseTo(3 / 4, 12)
    expect(shares.get(3)).toBeCloseTo(1 / 4, 12)
    expect(shares.has(UNREACHABLE_CHOICE)).toBe(false)
    expect(hasUnreachable(grid)).toBe(true)
    // an HP of 2 is not the choice −2: only choices are looked at
    expect(hasUnreachable({ hiA: 1, hiB: 4, runs: [[1, 0, 2, -1]] })).toBe(false)
    expect([0, 4, -1, UNREACHABLE_CHOICE, LOST_CHOICE].map(choiceClass)).toEqual([
      'choice-0',
      'choice-4',
      'choice-mixed',
      'choice-unreachable',
      'choice-lost',
    ])
  })
})
