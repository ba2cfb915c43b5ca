import { describe, expect, test } from 'bun:test'
import { constantDist, entries } from './dist.ts'
import { mergeEqualHits } from './hit-merge.ts'
import type { HpOp } from './kernel.ts'
import type { Leaf } from './leaf.ts'
import { initialMode } from './mode.ts'

const leafWith = (p: number, counter: number, ops: HpOp[]): Leaf => {
  const m = initialMode()
  m[0] = counter
  return { p, m, ops: [...ops], done: false }
}

describe('mergeEqualHits', () => {
  const earlier: HpOp = { kind: 'damage', side: 1, dist: constantDist(5) }

  test('equal states merge: probabilities add, pending damage is their mixture', () => {
    const merged = mergeEqualHits([
      { leaf: leafWith(0.25, 7, [earlier]), pending: constantDist(10) },
      { leaf: leafWith(0.5, 8, [earlier]), pending: constantDist(12) },
      { leaf: leafWith(0.75, 7, [earlier]), pending: constantDist(14) },
    ])
    expect(merged.map((s) => [s.leaf.m[0], s.leaf.p])).toEqual([
      [7, 1],
      [8, 0.5],
    ])
    expect(entries(merged[0]!.pending!)).toEqual([
      [10, 0.25],
      [14, 0.75],
    ])
    expect(entries(merged[1]!.pending!)).toEqual([[12, 1]])
  })

  test('states whose ops, `done` or pending differ stay apart', () => {
    const other: HpOp = { kind: 'damage', side: 1, dist: constantDist(5) }
    const done = leafWith(0.1, 7, [earlier])
    done.done = true
    const states = [
      { leaf: leafWith(0.1, 7, [earlier]), pending: constantDist(1) },
      { leaf: leafWith(0.1, 7, [other]), pending: constantDist(1) },
      { leaf: leafWith(0.1, 7, [earlier, earlier]), pending: constantDist(1) },
      { leaf: done, pending: constantDist(1) },
      { leaf: leafWith(0.1, 7, [earlier]), pending: null },
    ]
    expect(mergeEqualHits(states)).toBe(states)
  })
})
