import { describe, expect, test } from 'bun:test'
import { applyBranch, type PhaseOutcomes } from './apply.ts'
import { constantDist, uniformOf } from './dist.ts'
import { addMass, cellIndex, createBufferStore, createGridPool, type Grid, totalMass } from './grid.ts'
import type { HpOp } from './kernel.ts'

const store = createBufferStore()

function run(maxA: number, maxB: number, cells: [number, number, number][], ops: HpOp[], p = 1) {
  const pool = createGridPool(maxA, maxB, store)
  const source = pool.acquire()
  for (const [a, b, m] of cells) addMass(source, a, b, m)
  const target = pool.acquire()
  const outcomes: PhaseOutcomes = { wins: [0, 0] }
  applyBranch(source, target, ops, p, outcomes, pool)
  const out = new Map<string, number>()
  for (let a = target.aMin; a <= target.aMax; a++) {
    for (let b = target.bMin; b <= target.bMax; b++) {
      const mass = target.data[cellIndex(target, a, b)]!
      if (mass !== 0) out.set(`${a},${b}`, mass)
    }
  }
  const result = { cells: out, wins: outcomes.wins, total: totalMass(target as Grid) }
  pool.dispose()
  return result
}

describe('applyBranch: HP ops on whole grids', () => {
  test('damage to B: survivors shift, knocked-out mass goes to A, scaled by p', () => {
    const r = run(10, 10, [[10, 5, 1]], [{ kind: 'damage', side: 1, dist: uniformOf([3, 4, 5, 6]) }], 0.5)
    expect(r.cells).toEqual(
      new Map([
        ['10,2', 0.125],
        ['10,1', 0.125],
      ]),
    )
    expect(r.wins).toEqual([0.25, 0])
  })

  test('damage to A mirrors it and credits B', () => {
    const r = run(10, 10, [[3, 7, 1]], [{ kind: 'damage', side: 0, dist: uniformOf([2, 3]) }])
    expect(r.cells).toEqual(new Map([['1,7', 0.5]]))
    expect(r.wins).toEqual([0, 0.5])
  })

  test('recoil: a KO wins for the attacker even if the recoil would faint it; otherwise recoil can lose', () => {
    const recoil: HpOp[] = [
      { kind: 'damage', side: 1, dist: uniformOf([6, 9]) },
      { kind: 'recoil', side: 0, num: 1, den: 2 },
    ]
    // A has 4 HP: 6 damage → B (8 HP) survives at 2, recoil 3 → A at 1; 9 damage KOs B: A wins
    expect(run(10, 10, [[4, 8, 1]], recoil).cells).toEqual(new Map([['1,2', 0.5]]))
    expect(run(10, 10, [[4, 8, 1]], recoil).wins).toEqual([0.5, 0])
    // A has 3 HP: the 6-damage recoil (3) faints A after B survived: B wins that half
    expect(run(10, 10, [[3, 8, 1]], recoil).wins).toEqual([0.5, 0.5])
  })

  test('drain heals the attacker by half the damage dealt, capped at max HP', () => {
    const drain: HpOp[] = [
      { kind: 'damage', side: 1, dist: constantDist(5) },
      { kind: 'drain', side: 0, num: 1, den: 2 },
    ]
    expect(run(10, 10, [[4, 9, 1]], drain).cells).toEqual(new Map([['7,4', 1]]))
    expect(run(10, 10, [[9, 9, 1]], drain).cells).toEqual(new Map([['10,4', 1]]))
  })

  test('the first side to faint loses: Explosion faints its user before the damage', () => {
    const explosion: HpOp[] = [
      { kind: 'faint', side: 0 },
      { kind: 'damage', side: 1, dist: constantDist(99) },
    ]
    expect(run(10, 10, [[5, 5, 1]], explosion).wins).toEqual([0, 1])
  })

  test('Struggle: damage then the user’s fixed recoil; both fainting means the target fainted first', () => {
    const struggle: HpOp[] = [
      { kind: 'damage', side: 1, dist: constantDist(4) },
      { kind: 'damage', side: 0, dist: constantDist(3) },
    ]
    expect(run(10, 10, [[2, 4, 1]], struggle).wins).toEqual([1, 0])
    expect(run(10, 10, [[2, 6, 1]], struggle).wins).toEqual([0, 1])
    expect(run(10, 10, [[5, 6, 1]], struggle).cells).toEqual(new Map([['2,2', 1]]))
  })

  test('guards partition cells; halve, heal and leech map each cell', () => {
    const cells: [number, number, number][] = [
      [10, 1, 0.5],
      [2, 1, 0.5],
    ]
    expect(run(10, 10, cells, [{ kind: 'guard', side: 0, test: 'aboveQuarter' }]).cells).toEqual(
      new Map([['10,1', 0.5]]),
    )
    expect(run(10, 10, cells, [{ kind: 'guard', side: 0, test: 'atMostQuarter' }]).cells).toEqual(
      new Map([['2,1', 0.5]]),
    )
    expect(run(10, 10, [[7, 3, 1]], [{ kind: 'halve', side: 0 }]).cells).toEqual(new Map([['4,3', 1]]))
    expect(run(10, 10, [[7, 1, 1]], [{ kind: 'halve', side: 1 }]).wins).toEqual([1, 0])
    expect(run(10, 10, [[7, 3, 1]], [{ kind: 'heal', side: 0, amount: 5 }]).cells).toEqual(
      new Map([['10,3', 1]]),
    )
    expect(run(10, 10, [[7, 3, 1]], [{ kind: 'leech', side: 1, amount: 2 }]).cells).toEqual(
      new Map([['9,1', 1]]),
    )
    expect(run(10, 10, [[7, 2, 1]], [{ kind: 'leech', side: 1, amount: 2 }]).wins).toEqual([1, 0])
  })

  test('many cells, a roll spread with gaps: each cell gets what a plain per-value loop gives it, to the bit', () => {
    // 16 rolls over 31 HP values (about half can never happen), masses on a 9 × 12 patch
    const dist = uniformOf(Array.from({ length: 16 }, (_, i) => 20 + 2 * i - (i % 3 === 0 ? 1 : 0)))
    const cells: [number, number, number][] = []
    for (let a = 30; a <= 38; a++)
      for (let b = 25; b <= 36; b++)
        if ((a * 7 + b * 3) % 5 !== 0) cells.push([a, b, (1 + ((a * b) % 17)) / 997])
    const plainAfter = (ops: HpOp[], side: 0 | 1, recoil?: { num: number; den: number; drain: boolean }) => {
      const out = new Map<string, number>()
      const wins: [number, number] = [0, 0]
      for (const [a, b, mass] of cells) {
        const m = mass * 0.7
        dist.probs.forEach((q, k) => {
          if (q === 0) return
          const dealt = dist.min + k
          const [hit, user] = side === 1 ? [b, a] : [a, b]
          if (dealt >= hit) {
            if (recoil) wins[side === 1 ? 0 : 1] += m * q
            return
          }
          let own = user
          if (recoil) {
            const amount = Math.max(1, Math.round((dealt * recoil.num) / recoil.den))
            own = recoil.drain ? Math.min(60, user + amount) : user - amount
            if (own <= 0) {
              wins[side] += m * q
              return
            }
          }
          const key = side === 1 ? `${own},${hit - dealt}` : `${hit - dealt},${own}`
          out.set(key, (out.get(key) ?? 0) + m * q)
        })
      }
      return { cells: out, wins, ops }
    }
    for (const side of [0, 1] as const) {
      const damage: HpOp = { kind: 'damage', side, dist }
      const got = run(60, 60, cells, [damage], 0.7)
      const expected = plainAfter([damage], side)
      expect(got.cells).toEqual(expected.cells)
      for (const [num, den, drain] of [[1, 3, false] as const, [1, 2, true] as const]) {
        const after: HpOp = { kind: drain ? 'drain' : 'recoil', side: side === 1 ? 0 : 1, num, den }
        const joint = run(60, 60, cells, [damage, after], 0.7)
        const plain = plainAfter([damage, after], side, { num, den, drain })
        expect(joint.cells).toEqual(plain.cells)
        expect(joint.wins).toEqual(plain.wins)
      }
    }
  })
})
