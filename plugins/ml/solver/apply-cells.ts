import type { PhaseOutcomes } from './apply.ts'
import { addMass, type Grid } from './grid.ts'
import type { HpOp, HpTest, Side } from './kernel.ts'

/*
 * The grid passes whose cells go each their own way (a joint damage-then-recoil step, guards,
 * halving, healing, Leech Seed): plain loops over the cells, wins gathered in locals that start
 * from the running totals (the same additions in the same order as adding to them in place), no
 * callback per cell — a callback shared by every kind of pass kept the engine from inlining
 * anything, and long battles of recoil or drain moves spent most of their forward play there.
 */

/** Damage to one side, then recoil on (or drain to) the other, per damage value. */
export function applyJoint(
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
  const recoil = after.kind === 'recoil'
  const { min, probs } = hit.dist
  const amounts = new Int32Array(probs.length)
  for (let k = 0; k < probs.length; k++)
    amounts[k] = Math.max(1, Math.round(((min + k) * after.num) / after.den))
  let userWins = outcomes.wins[user]
  let victimWins = outcomes.wins[victim]
  const data = source.data
  for (let a = source.aMin; a <= source.aMax; a++) {
    const row = (a - source.a0) * source.cols - source.b0
    for (let b = source.bMin; b <= source.bMax; b++) {
      const mass = data[row + b]!
      if (mass === 0) continue
      const m = mass * p
      const victimHp = victim === 0 ? a : b
      const userHp = user === 0 ? a : b
      for (let k = 0; k < probs.length; k++) {
        const q = probs[k]!
        if (q === 0) continue
        const dealt = min + k
        if (dealt >= victimHp) {
          userWins += m * q
          continue
        }
        const newUser = recoil ? userHp - amounts[k]! : Math.min(maxUser, userHp + amounts[k]!)
        if (newUser <= 0) {
          victimWins += m * q
          continue
        }
        put(target, user, newUser, victimHp - dealt, m * q)
      }
    }
  }
  outcomes.wins[user] = userWins
  outcomes.wins[victim] = victimWins
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
export function mapCells(source: Grid, target: Grid, op: HpOp, p: number, outcomes: PhaseOutcomes): void {
  const side = op.side
  const other: Side = side === 0 ? 1 : 0
  const maxOwn = side === 0 ? target.maxA : target.maxB
  const maxOther = side === 0 ? target.maxB : target.maxA
  let otherWins = outcomes.wins[other]
  const data = source.data
  for (let a = source.aMin; a <= source.aMax; a++) {
    const row = (a - source.a0) * source.cols - source.b0
    for (let b = source.bMin; b <= source.bMax; b++) {
      const mass = data[row + b]!
      if (mass === 0) continue
      const m = mass * p
      const own = side === 0 ? a : b
      const theirs = side === 0 ? b : a
      switch (op.kind) {
        case 'guard':
          if (passes(op.test, own, maxOwn)) put(target, side, own, theirs, m)
          break
        case 'halve': {
          const left = own - Math.max(1, Math.floor(own / 2))
          if (left <= 0) otherWins += m
          else put(target, side, left, theirs, m)
          break
        }
        case 'heal':
          put(target, side, Math.min(maxOwn, own + op.amount), theirs, m)
          break
        case 'leech': {
          const taken = Math.min(own, op.amount)
          if (own - taken <= 0) otherWins += m
          else put(target, side, own - taken, Math.min(maxOther, theirs + taken), m)
          break
        }
        default:
          throw new Error(`op ${op.kind} cannot run on its own`)
      }
    }
  }
  outcomes.wins[other] = otherWins
}

/** Total mass of a grid's non-zero cells, in scan order (what a faint hands to the other side). */
export function massOf(grid: Grid): number {
  let mass = 0
  const data = grid.data
  for (let a = grid.aMin; a <= grid.aMax; a++) {
    const row = (a - grid.a0) * grid.cols - grid.b0
    for (let b = grid.bMin; b <= grid.bMax; b++) {
      const m = data[row + b]!
      if (m !== 0) mass += m
    }
  }
  return mass
}
