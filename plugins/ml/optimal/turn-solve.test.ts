import { describe, expect, test } from 'bun:test'
import { createMatrixGameSolver } from './matrix-game.ts'
import { createStrategies, recordStrategy } from './strategies.ts'
import type { TurnRule } from './sweep.ts'
import { createTurnSolver, fixedChoice } from './turn-solve.ts'

// one turn state (id 0) with a 4 × 4 matrix at a 1 × 1 table: entry k = r · 4 + c is worth k / 100
const bounds = { hiA: new Int32Array([1]), hiB: new Int32Array([1]) }
const matrix = (k: number) => k / 100

/** The turn solver's `respond` under `rule`, with the entries it read. */
function respond(rule: TurnRule) {
  const replies = createStrategies([0], bounds, 1)
  const solver = createTurnSolver(rule, createMatrixGameSolver(), replies, new Float64Array(25), 1)
  const read: number[] = []
  const value = solver.respond(0, 0, 4, 4, (_id, k) => {
    read.push(k)
    return matrix(k)
  })
  return { value, read, replies }
}

describe('a best response reads only the pairs the fixed side plays', () => {
  // the fixed side, its move, the entries it plays, the answer's value and reply
  const pure = [
    {
      side: 0,
      move: 2,
      read: [8, 9, 10, 11],
      value: 0.08,
      reply: 0,
      what: 'A repeating its third move: one row, B answers with the smallest entry',
    },
    {
      side: 1,
      move: 1,
      read: [1, 5, 9, 13],
      value: 0.13,
      reply: 3,
      what: 'B fixed on its second move: one column, A answers with the largest entry',
    },
  ] as const
  for (const { side, move, read: expected, value: best, reply, what } of pure) {
    test(what, () => {
      const always = new Int32Array([move])
      const { value, read, replies } = respond({ kind: 'respond', fixedSide: side, always })
      expect(read).toEqual([...expected])
      expect(value).toBe(best)
      expect((side === 0 ? replies.col : replies.row)[0]![0]).toBe(reply)
    })
  }

  test('a mixed strategy of A: the rows it plays, weighed; the others never read', () => {
    const strategies = createStrategies([0], bounds, 1)
    recordStrategy(strategies, 0, 0, new Float64Array([0.5, 0, 0.5, 0]), 4, new Float64Array([1, 0, 0, 0]), 4)
    const rule = { kind: 'respond', fixedSide: 0, strategies } as const
    expect(fixedChoice(rule, 0, 0)).toBe(-1)
    const { value, read } = respond(rule)
    expect(read.every((k) => Math.floor(k / 4) === 0 || Math.floor(k / 4) === 2)).toBe(true)
    expect(read).toHaveLength(8)
    // B's best column against rows 0 and 2 half each: column 0, (0 + 8) / 200
    expect(value).toBeCloseTo(0.04, 15)
  })

  test('the game rule does not answer: it solves the matrix', () => {
    const solver = createTurnSolver(
      { kind: 'game' },
      createMatrixGameSolver(),
      createStrategies([0], bounds, 1),
      new Float64Array(25),
      1,
    )
    expect(() => solver.respond(0, 0, 4, 4, matrix)).toThrow()
  })
})
