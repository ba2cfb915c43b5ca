import { describe, expect, test } from 'bun:test'
import { type ListedMove, pickMoves } from './scenarios.ts'

const listed: ListedMove[] = [
  { slug: 'thunderbolt', category: 'special', power: 90 },
  { slug: 'thunder-wave', category: 'status', power: null },
  { slug: 'quick-attack', category: 'physical', power: 40 },
  { slug: 'thunder', category: 'special', power: 110 },
  { slug: 'slam', category: 'physical', power: 80 },
]

describe('pickMoves', () => {
  test('keeps the preferred moves when all are learnable', () => {
    expect(pickMoves(['thunderbolt', 'quick-attack'], listed, 2)).toEqual({
      moves: ['thunderbolt', 'quick-attack'],
      replaced: [],
    })
  })

  test('replaces an unlearnable move with the strongest learnable damaging one, never a status move', () => {
    const picked = pickMoves(['thunderbolt', 'surf', 'quick-attack'], listed, 3)
    expect(picked.replaced).toEqual(['surf'])
    expect(picked.moves).toEqual(['thunderbolt', 'quick-attack', 'thunder'])
  })

  test('fails with a code when too few usable moves exist', () => {
    expect(() => pickMoves([], listed, 5)).toThrow(expect.objectContaining({ code: 'BENCH_NO_MOVES' }))
  })
})
