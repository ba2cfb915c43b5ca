import type { Dist } from './dist.ts'
import type { Grid, GridPool } from './grid.ts'
import { addMass, growBox } from './grid.ts'
import type { HpOp, HpTest, Side } from './kernel.ts'

/** Where mass goes when a branch ends the battle: `wins[s]` = P(side s wins) gathered this phase. */
export interface PhaseOutcomes {
  readonly wins: [number, number]
}

/**
 * Applies one branch (its HP ops in order, scaled by `p`) to every cell of `source`, adding the
 * survivors to `target` and battle endings to `outcomes`.
 *
 * Why ops can run one after the other on whole grids: in this engine the side that faints first
 * always loses. A faint in a residual handler ends the battle at once; within a move, if both
 * sides faint the one that fainted last wins — so again the first to faint loses (Explosion's user,
 * or the target of a recoil move that then knocks its user out). Each op therefore moves the mass
 * of a cell that reaches 0 HP straight to the other side's wins, and the rest flows on. A damage op
 * followed by recoil or drain runs as one joint step (the amount depends on the damage dealt).
 *
 * @example
 * applyBranch(source, target, [{ kind: 'damage', side: 1, dist }], 0.9, outcomes, pool)
 */
export function applyBranch(
  source: Grid,
  target: Grid,
  ops: readonly HpOp[],
  p: number,
  outcomes: PhaseOutcomes,
  pool: GridPool,
): void {
  if (p === 0 || source.aMin > source.aMax) return
  if (ops.length === 0) {
    copyScaled(source, target, p)
    return
  }
  let current = source
  let scale = p
  let index = 0
  while (index < ops.length) {
    const op = ops[index]!
    const follow = ops[index + 1]
    const joint =
      op.kind === 'damage' &&
      follow &&
      (follow.kind === 'recoil' || follow.kind === 'drain') &&
      follow.side !== op.side
    const width = joint ? 2 : 1
    const last = index + width >= ops.length
    const out = last ? target : pool.acquire()
    if (joint) applyJoint(current, out, op, follow, scale, outcomes)
    else applyOne(current, out, op, scale, outcomes)
    if (current !== source) pool.release(current)
    current = out
    scale = 1
    index += width
  }
}

function applyOne(source: Grid, target: Grid, op: HpOp, p: number, outcomes: PhaseOutcomes): void {
  switch (op.kind) {
    case 'damage':
      if (op.side === 1) damageB(source, target, op.dist, p, outcomes)
      else damageA(source, target, op.dist, p, outcomes)
      return
    case 'faint': {
      let mass = 0
      forEachCell(source, (_a, _b, m) => {
        mass += m
      })
      outcomes.wins[op.side === 0 ? 1 : 0] += mass * p
      return
    }
    default:
      mapCells(source, target, op, p, outcomes)
  }
}

/** Adds `p` × source into target. */
export function copyScaled(source: Grid, target: Grid, p: number): void {
  if (source.aMin > source.aMax) return
  growBox(target, source.aMin, source.aMax, source.bMin, source.bMax)
  const data = source.data
  const out = target.data
  for (let a = source.aMin; a <= source.aMax; a++) {
    const from = (a - source.a0) * source.cols - source.b0
    const to = (a - target.a0) * target.cols - target.b0
    for (let b = source.bMin; b <= source.bMax; b++) out[to + b]! += data[from + b]! * p
  }
}

function forEachCell(grid: Grid, visit: (a: number, b: number, mass: number) => void): void {
  const data = grid.data
  for (let a = grid.aMin; a <= grid.aMax; a++) {
    const row = (a - grid.a0) * grid.cols - grid.b0
    for (let b = grid.bMin; b <= grid.bMax; b++) {
      const mass = data[row + b]!
      if (mass !== 0) visit(a, b, mass)
    }
  }
}

const tailCache = new WeakMap<Dist, Float64Array>()

/** Cumulative tails: tails[k] = P(value ≥ dist.min + k) (cached per distribution). */
function tailsOf(dist: Dist): Float64Array {
  const cached = tailCache.get(dist)
  if (cached) return cached
  const tails = new Float64Array(dist.probs.length + 1)
  for (let k = dist.probs.length - 1; k >= 0; k--) tails[k] = tails[k + 1]! + dist.probs[k]!
  tailCache.set(dist, tails)
  return tails
}

function damageB(source: Grid, target: Grid, dist: Dist, p: number, outcomes: PhaseOutcomes): void {
  const data = source.data
  const probs = dist.probs
  const tails = tailsOf(dist)
  const length = probs.length
  let ko = 0
  if (source.bMax - dist.min >= 1) {
    growBox(target, source.aMin, source.aMax, Math.max(1, source.bMin - dist.max), source.bMax - dist.min)
  }
  const out = target.data
  for (let a = source.aMin; a <= source.aMax; a++) {
    const row = (a - source.a0) * source.cols - source.b0
    const to = (a - target.a0) * target.cols - target.b0
    for (let b = source.bMin; b <= source.bMax; b++) {
      const mass = data[row + b]!
      if (mass === 0) continue
      const m = mass * p
      // value v knocks out when v ≥ b, i.e. index k ≥ b − min
      const firstKo = b - dist.min
      if (firstKo <= 0) {
        ko += m
        continue
      }
      const last = Math.min(firstKo, length)
      if (firstKo < length) ko += m * tails[firstKo]!
      const base = to + b - dist.min
      for (let k = 0; k < last; k++) out[base - k]! += m * probs[k]!
    }
  }
  outcomes.wins[0] += ko
}

function damageA(source: Grid, target: Grid, dist: Dist, p: number, outcomes: PhaseOutcomes): void {
  const data = source.data
  const probs = dist.probs
  const tails = tailsOf(dist)
  const length = probs.length
  let ko = 0
  if (source.aMax - dist.min >= 1) {
    growBox(target, Math.max(1, source.aMin - dist.max), source.aMax - dist.min, source.bMin, source.bMax)
  }
  const out = target.data
  const cols = target.cols
  for (let a = source.aMin; a <= source.aMax; a++) {
    const row = (a - source.a0) * source.cols - source.b0
    const firstKo = a - dist.min
    const last = firstKo <= 0 ? 0 : Math.min(firstKo, length)
    const tail = firstKo <= 0 ? 1 : firstKo < length ? tails[firstKo]! : 0
    for (let b = source.bMin; b <= source.bMax; b++) {
      const mass = data[row + b]!
      if (mass === 0) continue
      const m = mass * p
      ko += m * tail
      const base = (a - dist.min - target.a0) * cols + b - target.b0
      for (let k = 0; k < last; k++) out[base - k * cols]! += m * probs[k]!
    }
  }
  outcomes.wins[1] += ko
}

/** Damage to one side, then recoil on (or drain to) the other, per damage value. */
function applyJoint(
  source: Grid,
  target: Grid,
  hit: HpOp,
  after: HpOp,
  p: number,
  outcomes: PhaseOutcomes,
): void {
  if (hit.kind !== 'damage' || (after.kind !== 'recoil' && after.kind !== 'drain')) return
  const victim: Side = hit.side
  const user: Side = after.side
  const maxUser = user === 0 ? target.maxA : target.maxB
  const { min, probs } = hit.dist
  forEachCell(source, (a, b, mass) => {
    const m = mass * p
    const victimHp = victim === 0 ? a : b
    const userHp = user === 0 ? a : b
    for (let k = 0; k < probs.length; k++) {
      const q = probs[k]!
      if (q === 0) continue
      const dealt = min + k
      if (dealt >= victimHp) {
        outcomes.wins[user] += m * q
        continue
      }
      const amount = Math.max(1, Math.round((dealt * after.num) / after.den))
      const newUser = after.kind === 'recoil' ? userHp - amount : Math.min(maxUser, userHp + amount)
      if (newUser <= 0) {
        outcomes.wins[victim] += m * q
        continue
      }
      put(target, user, newUser, victimHp - dealt, m * q)
    }
  })
}

/** Adds mass at the cell where `side` has `ownHp` and the other side `otherHp`. */
function put(target: Grid, side: Side, ownHp: number, otherHp: number, mass: number): void {
  addMass(target, side === 0 ? ownHp : otherHp, side === 0 ? otherHp : ownHp, mass)
}

/** Whether an HP test (`guard` op) holds at `hp` of `maxHp` (shared with optimal play's evaluators). */
export function passes(test: HpTest, hp: number, maxHp: number): boolean {
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

/** Ops that map each cell to one cell (or to a faint): guards, halving, healing, Leech Seed. */
function mapCells(source: Grid, target: Grid, op: HpOp, p: number, outcomes: PhaseOutcomes): void {
  const side = op.side
  const other: Side = side === 0 ? 1 : 0
  const maxOwn = side === 0 ? target.maxA : target.maxB
  const maxOther = side === 0 ? target.maxB : target.maxA
  forEachCell(source, (a, b, mass) => {
    const m = mass * p
    const own = side === 0 ? a : b
    const theirs = side === 0 ? b : a
    switch (op.kind) {
      case 'guard':
        if (passes(op.test, own, maxOwn)) put(target, side, own, theirs, m)
        return
      case 'halve': {
        const left = own - Math.max(1, Math.floor(own / 2))
        if (left <= 0) outcomes.wins[other] += m
        else put(target, side, left, theirs, m)
        return
      }
      case 'heal':
        put(target, side, Math.min(maxOwn, own + op.amount), theirs, m)
        return
      case 'leech': {
        const taken = Math.min(own, op.amount)
        if (own - taken <= 0) outcomes.wins[other] += m
        else put(target, side, own - taken, Math.min(maxOther, theirs + taken), m)
        return
      }
      default:
        throw new Error(`op ${op.kind} cannot run on its own`)
    }
  })
}
