import { describe, expect, test } from 'bun:test'
import { createCellRounds } from './cell-rounds.ts'
import { OptimalLimitError } from './errors.ts'

/** Cell rounds over no turn state: only `settle`'s loop and its deadline check run. */
function rounds(checkDeadline: () => void) {
  const none = new Int32Array(0)
  const unused = () => {
    throw new Error('not read: no turn state')
  }
  return createCellRounds({
    turns: none,
    rowsOf: none,
    colsOf: none,
    pairStart: none,
    hiB: none,
    val: new Float64Array(0),
    pairs: {} as never,
    payoffFromTemplates: unused,
    payoffFromValues: unused,
    entryFromTemplates: unused,
    entryFromValues: unused,
    turnSolver: {} as never,
    saddles: {} as never,
    rule: { kind: 'game' },
    tolerance: 1e-12,
    checkDeadline,
  })
}

describe('value iteration at a cell', () => {
  test('a cell that keeps moving is stopped by the deadline, checked every 1,024 rounds', () => {
    let checks = 0
    let played = 0
    const cell = rounds(() => {
      checks++
      if (checks === 3) throw new OptimalLimitError('OPTIMAL_TIME_LIMIT', 'past the deadline', { limit: 1 })
    })
    expect(() =>
      cell.settle(0, 1, 1, () => {
        played++
        return 1
      }),
    ).toThrow(OptimalLimitError)
    expect(checks).toBe(3)
    expect(played).toBe(3 * 1024 - 1)
  })

  test('a cell that settles in a few rounds is not checked', () => {
    let checks = 0
    let played = 0
    rounds(() => checks++).settle(0, 1, 1, () => (++played < 5 ? 1 : 0))
    expect(played).toBe(5)
    expect(checks).toBe(0)
    expect(rounds(() => {}).residual()).toBe(0)
  })
})
