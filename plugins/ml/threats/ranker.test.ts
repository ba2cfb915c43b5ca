import { describe, expect, test } from 'bun:test'
import { bestMoveAt, MOVE_TIE } from './ranker.ts'
import type { OpponentTable } from './tables.ts'

const table = (move: string, p: number, share: number): OpponentTable => ({
  move,
  opponents: ['onix'],
  winProbability: Float32Array.of(p),
  reply: ['earthquake'],
  damageShare: Float32Array.of(share),
})

describe('the move shown against an opponent', () => {
  test('the highest P(win) wins when the gap is real, whatever the damage', () => {
    expect(bestMoveAt([table('thunderbolt', 0.2, 0), table('quick-attack', 0.1, 0.3)], 0)).toBe(0)
  })

  test('within the tie margin the move that hurts more is shown (nothing wins: not a move that cannot touch it)', () => {
    const tables = [table('thunderbolt', 2e-5, 0), table('quick-attack', 1e-5, 0.08)]
    expect(bestMoveAt(tables, 0)).toBe(1)
    expect(
      bestMoveAt([table('a', 0.5, 0.1), table('b', 0.5 - MOVE_TIE / 2, 0.2), table('c', 0.49, 0.9)], 0),
    ).toBe(1)
  })
})
