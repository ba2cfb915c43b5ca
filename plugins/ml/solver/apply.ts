import type { Dist } from './dist.ts'
import type { Grid } from './grid.ts'
import { addMass, growBox } from './grid.ts'
import type { HpOp, HpTest, Side } from './kernel.ts'

/** Where mass goes when a branch ends the battle: `wins[s]` = P(side s wins) gathered this phase. */
export interface PhaseOutcomes {
  readonly wins: [number, number]
}

/**
 * Applies one branch (its HP ops, scaled by `p`) to every cell of `source`, adding survivors to
 * `target` and battle endings to `outcomes`. The common shapes (nothing happens to HP; one damage
 * distribution on one side) take a contiguous fast path; everything else goes through a general
 * per-cell interpreter with the same semantics (`apply.test.ts` checks that they agree).
 *
 * @example
 * applyBranch(source, target, [{ kind: 'damage', side: 1, dist }], 0.9, false, outcomes)
 */
export function applyBranch(
  source: Grid,
  target: Grid,
  ops: readonly HpOp[],
  p: number,
  stopAtFirstFaint: boolean,
  outcomes: PhaseOutcomes,
): void {
  if (p === 0 || source.aMin > source.aMax) return
  const only = ops[0]
  if (!only) copyScaled(source, target, p)
  else if (ops.length === 1 && only.kind === 'damage' && only.side === 1)
    damageB(source, target, only.dist, p, outcomes)
  else if (ops.length === 1 && only.kind === 'damage') damageA(source, target, only.dist, p, outcomes)
  else interpretAll(source, target, ops, p, stopAtFirstFaint, outcomes)
}

function copyScaled(source: Grid, target: Grid, p: number): void {
  growBox(target, source.aMin, source.aMax, source.bMin, source.bMax)
  const { data, width } = source
  const out = target.data
  for (let a = source.aMin; a <= source.aMax; a++) {
    const row = a * width
    for (let b = source.bMin; b <= source.bMax; b++) out[row + b]! += data[row + b]! * p
  }
}

/** Cumulative tails: tails[k] = P(value ≥ dist.min + k). */
function tailsOf(dist: Dist): Float64Array {
  const tails = new Float64Array(dist.probs.length + 1)
  for (let k = dist.probs.length - 1; k >= 0; k--) tails[k] = tails[k + 1]! + dist.probs[k]!
  return tails
}

function damageB(source: Grid, target: Grid, dist: Dist, p: number, outcomes: PhaseOutcomes): void {
  const { data, width } = source
  const out = target.data
  const probs = dist.probs
  const tails = tailsOf(dist)
  const length = probs.length
  let ko = 0
  growBox(target, source.aMin, source.aMax, Math.max(1, source.bMin - dist.max), source.bMax - dist.min)
  for (let a = source.aMin; a <= source.aMax; a++) {
    const row = a * width
    for (let b = source.bMin; b <= source.bMax; b++) {
      const mass = data[row + b]!
      if (mass === 0) continue
      const m = mass * p
      // value v KOs when v ≥ b, i.e. index k ≥ b − min
      const firstKo = b - dist.min
      if (firstKo <= 0) {
        ko += m
        continue
      }
      const last = Math.min(firstKo, length)
      if (firstKo < length) ko += m * tails[firstKo]!
      const base = row + b - dist.min
      for (let k = 0; k < last; k++) out[base - k]! += m * probs[k]!
    }
  }
  outcomes.wins[0] += ko
}

function damageA(source: Grid, target: Grid, dist: Dist, p: number, outcomes: PhaseOutcomes): void {
  const { data, width } = source
  const out = target.data
  const probs = dist.probs
  const tails = tailsOf(dist)
  const length = probs.length
  let ko = 0
  growBox(target, Math.max(1, source.aMin - dist.max), source.aMax - dist.min, source.bMin, source.bMax)
  for (let a = source.aMin; a <= source.aMax; a++) {
    const row = a * width
    const firstKo = a - dist.min
    const last = firstKo <= 0 ? 0 : Math.min(firstKo, length)
    const tail = firstKo <= 0 ? 1 : firstKo < length ? tails[firstKo]! : 0
    for (let b = source.bMin; b <= source.bMax; b++) {
      const mass = data[row + b]!
      if (mass === 0) continue
      const m = mass * p
      ko += m * tail
      for (let k = 0; k < last; k++) out[(a - dist.min - k) * width + b]! += m * probs[k]!
    }
  }
  outcomes.wins[1] += ko
}

function passes(test: HpTest, hp: number, maxHp: number): boolean {
  switch (test) {
    case 'full':
      return hp >= maxHp
    case 'notFull':
      return hp < maxHp
    case 'aboveQuarter':
      return hp > maxHp / 4
    case 'atMostQuarter':
      return hp <= maxHp / 4
  }
}

/** Per-cell interpreter state: HP of both sides, who fainted and in what order. */
interface Walk {
  readonly ops: readonly HpOp[]
  readonly stop: boolean
  readonly target: Grid
  readonly outcomes: PhaseOutcomes
}

function interpretAll(
  source: Grid,
  target: Grid,
  ops: readonly HpOp[],
  p: number,
  stop: boolean,
  outcomes: PhaseOutcomes,
): void {
  const walk: Walk = { ops, stop, target, outcomes }
  const { data, width } = source
  for (let a = source.aMin; a <= source.aMax; a++) {
    for (let b = source.bMin; b <= source.bMax; b++) {
      const mass = data[a * width + b]!
      if (mass !== 0) step(walk, 0, a, b, 0, -1, 0, mass * p)
    }
  }
}

/**
 * `fainted` is a bit set (1 = A, 2 = B); `last` the side that fainted last; `dealt` the HP the
 * previous damage op took (for recoil and drain).
 */
function step(
  walk: Walk,
  index: number,
  a: number,
  b: number,
  fainted: number,
  last: number,
  dealt: number,
  mass: number,
): void {
  if (fainted !== 0 && (walk.stop || fainted === 3 || index === walk.ops.length)) {
    finish(walk, fainted, last, mass)
    return
  }
  if (index === walk.ops.length) {
    addMass(walk.target, a, b, mass)
    return
  }
  const op = walk.ops[index]!
  const side = op.side
  const bit = side === 0 ? 1 : 2
  const hp = side === 0 ? a : b
  const other = side === 0 ? b : a
  const maxHp = side === 0 ? walk.target.maxA : walk.target.maxB
  // continue with `side`'s HP set to `ownHp` (and the other side's to `otherHp`)
  const go = (ownHp: number, otherHp: number, newDealt: number, q: number) => {
    const [na, nb] = side === 0 ? [ownHp, otherHp] : [otherHp, ownHp]
    const down = ownHp <= 0
    step(walk, index + 1, na, nb, down ? fainted | bit : fainted, down ? side : last, newDealt, mass * q)
  }
  if ((fainted & bit) !== 0) {
    if (op.kind === 'guard') go(hp, other, dealt, 1)
    else step(walk, index + 1, a, b, fainted, last, 0, mass)
    return
  }
  switch (op.kind) {
    case 'guard':
      if (passes(op.test, hp, maxHp)) go(hp, other, dealt, 1)
      break
    case 'damage': {
      const { min, probs } = op.dist
      for (let k = 0; k < probs.length; k++) {
        const q = probs[k]!
        if (q === 0) continue
        const taken = Math.min(hp, min + k)
        go(hp - taken, other, taken, q)
      }
      break
    }
    case 'halve': {
      const taken = Math.min(hp, Math.max(1, Math.floor(hp / 2)))
      go(hp - taken, other, taken, 1)
      break
    }
    case 'faint':
      go(0, other, hp, 1)
      break
    case 'heal':
      go(Math.min(maxHp, hp + op.amount), other, dealt, 1)
      break
    case 'recoil':
      if (dealt === 0) go(hp, other, dealt, 1)
      else go(hp - Math.min(hp, Math.max(1, Math.round((dealt * op.num) / op.den))), other, dealt, 1)
      break
    case 'drain':
      if (dealt === 0) go(hp, other, dealt, 1)
      else go(Math.min(maxHp, hp + Math.max(1, Math.round((dealt * op.num) / op.den))), other, dealt, 1)
      break
    case 'leech': {
      const taken = Math.min(hp, op.amount)
      const otherMax = side === 0 ? walk.target.maxB : walk.target.maxA
      const otherDown = (fainted & (3 - bit)) !== 0
      go(hp - taken, otherDown ? other : Math.min(otherMax, other + taken), taken, 1)
      break
    }
  }
}

function finish(walk: Walk, fainted: number, last: number, mass: number): void {
  if (fainted === 3) walk.outcomes.wins[last as Side] += mass
  else walk.outcomes.wins[fainted === 1 ? 1 : 0] += mass
}
