import { describe, expect, test } from 'bun:test'
import { createModeTable, F, initialMode, type Mode, SIDE_SIZE } from './mode.ts'

/** A state told apart from the others by a few fields (HP-free, as the solver's). */
function stateOf(n: number): Mode {
  const mode = initialMode()
  mode[F.atk] = (n % 13) - 6
  mode[SIDE_SIZE + F.confusion] = Math.floor(n / 13) % 5
  mode[F.bideDamage] = Math.floor(n / 65)
  return mode
}

describe('ModeTable: states interned by content', () => {
  test('equal states give one instance and one index, in order of first appearance', () => {
    const table = createModeTable()
    const first = stateOf(7)
    expect(table.intern(first)).toBe(first)
    expect(table.intern(stateOf(7))).toBe(first)
    expect(table.indexOf(stateOf(8), false)).toBe(1)
    expect(table.indexOf(stateOf(7), false)).toBe(0)
    expect(table.at(0)).toBe(first)
    expect(table.size).toBe(2)
  })

  test('a copy is stored for a caller that keeps its buffer; a lookup adds nothing', () => {
    const table = createModeTable()
    const scratch = stateOf(3)
    const stored = table.internCopy(scratch)
    expect(stored).not.toBe(scratch)
    scratch[F.atk] = 5
    expect(table.at(0)).toEqual(stateOf(3))
    expect(table.find(stateOf(3))).toBe(0)
    expect(table.find(scratch)).toBe(-1)
    expect(table.size).toBe(1)
  })

  test('thousands of states keep their indices as the table grows', () => {
    const table = createModeTable()
    for (let n = 0; n < 5000; n++) expect(table.indexOf(stateOf(n), false)).toBe(n)
    for (let n = 4999; n >= 0; n--) expect(table.find(stateOf(n))).toBe(n)
    expect(table.size).toBe(5000)
  })
})
