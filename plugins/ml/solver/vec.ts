import type { Dist } from './dist.ts'
import type { HpTest } from './kernel.ts'

/**
 * Probability mass over one side's HP (index = HP − lo), immutable: every op returns a new vector.
 * One factor of a rank-one term u ⊗ v (see `mass.ts`).
 */
export interface Vec {
  readonly lo: number
  readonly data: Float64Array
  /** Total mass, cached. */
  readonly total: number
}

/** A point mass at `hp`. */
export function pointVec(hp: number): Vec {
  return { lo: hp, data: new Float64Array([1]), total: 1 }
}

function make(lo: number, data: Float64Array): Vec {
  let total = 0
  for (let i = 0; i < data.length; i++) total += data[i]!
  return { lo, data, total }
}

/** The vector after losing HP drawn from `dist`, and the mass that reached 0 (fainted). */
export function damageVec(v: Vec, dist: Dist): { vec: Vec; fainted: number } {
  const hi = v.lo + v.data.length - 1
  const newLo = Math.max(1, v.lo - dist.max)
  const newHi = hi - dist.min
  if (newHi < 1) return { vec: make(1, new Float64Array(0)), fainted: v.total }
  const out = new Float64Array(newHi - newLo + 1)
  let fainted = 0
  const probs = dist.probs
  for (let i = 0; i < v.data.length; i++) {
    const mass = v.data[i]!
    if (mass === 0) continue
    const hp = v.lo + i
    for (let k = 0; k < probs.length; k++) {
      const q = probs[k]!
      if (q === 0) continue
      const left = hp - dist.min - k
      if (left <= 0) fainted += mass * q
      else out[left - newLo]! += mass * q
    }
  }
  return { vec: make(newLo, out), fainted }
}

/** Super Fang on this side: HP → HP − max(1, ⌊HP/2⌋). */
export function halveVec(v: Vec): { vec: Vec; fainted: number } {
  return mapVec(v, (hp) => hp - Math.max(1, Math.floor(hp / 2)))
}

/** Heal `amount`, capped at `maxHp`. */
export function healVec(v: Vec, amount: number, maxHp: number): Vec {
  return mapVec(v, (hp) => Math.min(maxHp, hp + amount)).vec
}

/** Keeps the HP values that pass `test` (the rest belongs to a sibling branch). */
export function guardVec(v: Vec, test: HpTest, maxHp: number): Vec {
  const pass = (hp: number) =>
    test === 'full'
      ? hp >= maxHp
      : test === 'notFull'
        ? hp < maxHp
        : test === 'aboveQuarter'
          ? hp > maxHp / 4
          : hp <= maxHp / 4
  return mapVec(v, (hp) => (pass(hp) ? hp : -1)).vec
}

/** Maps every HP value (≤ 0: fainted; −1 from `guardVec`: dropped). */
function mapVec(v: Vec, to: (hp: number) => number): { vec: Vec; fainted: number } {
  let lo = Number.POSITIVE_INFINITY
  let hi = 0
  const targets = new Int32Array(v.data.length)
  for (let i = 0; i < v.data.length; i++) {
    const hp = to(v.lo + i)
    targets[i] = hp
    if (v.data[i] === 0 || hp <= 0) continue
    if (hp < lo) lo = hp
    if (hp > hi) hi = hp
  }
  let fainted = 0
  if (hi === 0) {
    for (let i = 0; i < v.data.length; i++) if (targets[i]! === 0) fainted += v.data[i]!
    return { vec: make(1, new Float64Array(0)), fainted }
  }
  const out = new Float64Array(hi - lo + 1)
  for (let i = 0; i < v.data.length; i++) {
    const mass = v.data[i]!
    if (mass === 0) continue
    const hp = targets[i]!
    if (hp > 0) out[hp - lo]! += mass
    else if (hp === 0) fainted += mass
  }
  return { vec: make(lo, out), fainted }
}

/** `a·x + b·y`, for merging two terms that share their other factor. */
export function combineVec(x: Vec, a: number, y: Vec, b: number): Vec {
  const lo = Math.min(x.lo, y.lo)
  const hi = Math.max(x.lo + x.data.length, y.lo + y.data.length) - 1
  const out = new Float64Array(Math.max(0, hi - lo + 1))
  for (let i = 0; i < x.data.length; i++) out[x.lo + i - lo]! += a * x.data[i]!
  for (let i = 0; i < y.data.length; i++) out[y.lo + i - lo]! += b * y.data[i]!
  return make(lo, out)
}

/** Drops entries holding at most `floor` (as absolute mass, given the term's weight); returns the mass dropped. */
export function pruneVec(v: Vec, scale: number, floor: number): { vec: Vec; dropped: number } {
  const data = v.data
  let dropped = 0
  for (let i = 0; i < data.length; i++)
    if (data[i] !== 0 && data[i]! * scale <= floor) dropped += data[i]! * scale
  // most vectors lose nothing: copy only when something is dropped
  if (dropped === 0) return { vec: v, dropped }
  let first = -1
  let last = -1
  const kept = new Float64Array(data.length)
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0 || data[i]! * scale <= floor) continue
    kept[i] = data[i]!
    if (first < 0) first = i
    last = i
  }
  if (first < 0) return { vec: make(1, new Float64Array(0)), dropped }
  return { vec: make(v.lo + first, kept.slice(first, last + 1)), dropped }
}
