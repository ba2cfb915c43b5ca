import { describe, expect, test } from 'bun:test'
import { sameOps } from '../optimal/graph-keys.ts'
import { constantDist, uniformOf } from './dist.ts'
import { foldFixedHits } from './fold-hits.ts'
import type { HpOp } from './kernel.ts'

const hit = (side: 0 | 1, value: number): HpOp => ({ kind: 'damage', side, dist: constantDist(value) })
const fixedValues = (ops: readonly HpOp[]) =>
  ops.map((op) =>
    op.kind === 'damage' ? `${op.kind}${op.side}:${op.dist.min}-${op.dist.max}` : `${op.kind}${op.side}`,
  )

describe('foldFixedHits', () => {
  test('hits in a row on one side become their sum, so hit lists with one sum merge', () => {
    const folded = foldFixedHits([hit(1, 2), hit(1, 3), hit(1, 4)])
    expect(fixedValues(folded)).toEqual(['damage1:9-9'])
    expect(sameOps(folded, foldFixedHits([hit(1, 4), hit(1, 2), hit(1, 3)]))).toBe(true)
  })

  test('hits on different sides, distributions and lists with nothing to fold stay as they are', () => {
    const mixed = [hit(1, 2), hit(0, 3), hit(1, 4)]
    expect(foldFixedHits(mixed)).toBe(mixed)
    const rolled: HpOp[] = [{ kind: 'damage', side: 1, dist: uniformOf([3, 4]) }, hit(1, 2)]
    expect(foldFixedHits(rolled)).toBe(rolled)
  })

  test('a hit followed by a recoil or a drain stays apart: they read what that hit alone dealt', () => {
    const drained: HpOp[] = [hit(1, 2), hit(1, 3), { kind: 'drain', side: 0, num: 1, den: 2 }]
    expect(foldFixedHits(drained)).toBe(drained)
    const recoil: HpOp[] = [hit(1, 2), hit(1, 3), hit(1, 4), { kind: 'recoil', side: 0, num: 1, den: 4 }]
    expect(fixedValues(foldFixedHits(recoil))).toEqual(['damage1:5-5', 'damage1:4-4', 'recoil0'])
  })
})
