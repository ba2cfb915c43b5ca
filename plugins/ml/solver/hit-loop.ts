import type { Move } from '@pkmn/sim'
import { foeOf, get, type SolveContext, set } from './context.ts'
import { constantDist, type Dist, entries, sum } from './dist.ts'
import { boost, clearAllBoosts, confuse, seed, trap, tryStatus } from './effects.ts'
import { type HitEffect, hitEffect } from './hit.ts'
import { type Hitting, mergeEqualHits } from './hit-merge.ts'
import type { Side } from './kernel.ts'
import { childOf, type Leaf, split } from './leaf.ts'
import { BRN, F, FRZ, NONE, PAR, PSN, SLP, TOX } from './mode.ts'
import { hitCounts } from './multihit.ts'
import { UnsupportedMechanic } from './unsupported.ts'

/**
 * The hit loop of a damaging move that connected (`hitStepMoveHitLoop`): per hit, a Substitute
 * absorbs the damage, otherwise the target takes it (Counter, Mirror Coat and Bide record it, Rage
 * raises the target's Attack, Fire thaws it) and the secondary effects roll; then the move's own
 * effects, self effects, drain and recoil. Consecutive hits on HP are merged into one damage
 * distribution (a KO in the middle stops the move either way).
 */
export function hitLoop(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): Leaf[] {
  const out: Leaf[] = []
  const counts = move.multihit ? hitCounts(move) : ONE_HIT
  const foe = foeOf(side)
  // hits the foe records split per amount: equal states are merged after each hit (see `mergeEqualHits`)
  const recorded = Boolean(move.multihit) && recordsDamage(ctx, leaf.m, foe, move)
  for (let k = 0; k < counts.length; k++) {
    const [hits, p] = counts[k]!
    if (p <= 0) continue
    // the last count takes the leaf itself (the caller drops it)
    const child = childOf(leaf, p, k === counts.length - 1)
    let states: Hitting[] = [{ leaf: child, pending: null }]
    for (let i = 0; i < hits; i++) {
      const next: Hitting[] = []
      for (const state of states) oneHit(ctx, state, side, move, next)
      states = recorded ? mergeEqualHits(next) : next
    }
    for (const state of states) out.push(finish(ctx, flush(state, foe), side, move))
  }
  return out
}

/** The hit counts of a move that hits once (most moves): no table to build. */
const ONE_HIT: readonly (readonly [number, number])[] = [[1, 1]]

function flush(state: Hitting, foe: Side): Leaf {
  if (state.pending) state.leaf.ops.push({ kind: 'damage', side: foe, dist: state.pending })
  state.pending = null
  return state.leaf
}

/** One hit on every state: the states after it, in order, appended to `out`. */
function oneHit(ctx: SolveContext, state: Hitting, side: Side, move: Move, out: Hitting[]): void {
  const foe = foeOf(side)
  const m = state.leaf.m
  const effect = hitEffect(ctx, m, side, move)
  if (get(m, foe, F.sub) > 0 && !move.flags.bypasssub) {
    hitSubstitute(ctx, state, side, move, effect, out)
    return
  }
  const tracked = recordsDamage(ctx, m, foe, move)
  if (effect.kind === 'dist' && !tracked) {
    state.pending = state.pending ? sumCached(state.pending, effect.dist) : effect.dist
    afterDamage(ctx, state, side, move, out)
    return
  }
  if (effect.kind !== 'dist') {
    const leaf = flush(state, foe)
    leaf.ops.push(effect.kind === 'halve' ? { kind: 'halve', side: foe } : { kind: 'faint', side: foe })
    if (tracked) throw new UnsupportedMechanic(`${move.name} into Counter or Bide`)
    afterDamage(ctx, { leaf, pending: null }, side, move, out)
    return
  }
  const states: Hitting[] = []
  const values = entries(effect.dist)
  for (let k = 0; k < values.length; k++) {
    const [value, q] = values[k]!
    // the last amount takes the leaf itself (dropped once split)
    const child = childOf(state.leaf, q, k === values.length - 1)
    record(ctx, child, foe, move, value)
    // added to the pending damage, not written as an op: the states after the next hits are then
    // equal but for it, and merge (see `mergeEqualHits`)
    const hit = constantDist(value)
    states.push({ leaf: child, pending: state.pending ? sumCached(state.pending, hit) : hit })
  }
  for (const child of states) afterDamage(ctx, child, side, move, out)
}

/** The target will return or store this damage: Counter (physical), Mirror Coat (special), Bide. */
function recordsDamage(ctx: SolveContext, m: Int32Array, foe: Side, move: Move): boolean {
  return get(m, foe, F.bide) > 0 || countered(ctx, m, foe, move)
}

/** Counter records physical hits, Mirror Coat special ones (`onDamagingHit` of their volatile). */
function countered(ctx: SolveContext, m: Int32Array, foe: Side, move: Move): boolean {
  if (get(m, foe, F.counter) === 0) return false
  const wanted = ctx.battlers[foe].move.id === 'counter' ? 'Physical' : 'Special'
  return move.category === wanted
}

function record(ctx: SolveContext, leaf: Leaf, foe: Side, move: Move, value: number): void {
  const m = leaf.m
  if (get(m, foe, F.bide) > 0) {
    set(m, foe, F.bideDamage, get(m, foe, F.bideDamage) + value)
    set(m, foe, F.bideFromSelf, 0)
  }
  if (countered(ctx, m, foe, move)) set(m, foe, F.counter, 1 + 2 * value)
}

/** A Substitute takes the hit: its HP drops, it may break; recoil and drain use the damage it took. */
function hitSubstitute(
  ctx: SolveContext,
  state: Hitting,
  side: Side,
  move: Move,
  effect: HitEffect,
  into: Hitting[],
): void {
  const foe = foeOf(side)
  if (effect.kind === 'halve') throw new UnsupportedMechanic('Super Fang into a Substitute')
  const subHp = get(state.leaf.m, foe, F.sub)
  const values: [number, number][] =
    effect.kind === 'ohko' ? [[ctx.battlers[foe].maxhp, 1]] : entries(effect.dist)
  const out: Hitting[] = []
  for (let k = 0; k < values.length; k++) {
    const [value, q] = values[k]!
    if (q <= 0) continue
    // the last amount takes the leaf itself (dropped once split)
    const child = childOf(state.leaf, q, k === values.length - 1)
    const taken = Math.min(value, subHp)
    set(child.m, foe, F.sub, subHp - taken)
    if (move.recoil) {
      const recoil = Math.max(1, Math.round((taken * move.recoil[0]) / move.recoil[1]))
      child.ops.push({ kind: 'damage', side, dist: constantDist(recoil) })
    }
    if (move.drain) {
      const heal = Math.max(1, Math.ceil((taken * move.drain[0]) / move.drain[1]))
      child.ops.push({ kind: 'heal', side, amount: heal })
    }
    out.push({ leaf: child, pending: null })
  }
  for (const hit of out) selfEffects(hit, side, move, into)
}

/** After damage to the target itself: Rage, Fire thawing, the move's primary and secondary effects, Scald thawing. */
function afterDamage(ctx: SolveContext, state: Hitting, side: Side, move: Move, out: Hitting[]): void {
  const foe = foeOf(side)
  const m = state.leaf.m
  if (get(m, foe, F.rage) > 0) boost(state.leaf, foe, { atk: 1 }, false)
  if (get(m, foe, F.status) === FRZ && move.type === 'Fire') set(m, foe, F.status, NONE)
  const primaries = primary(ctx, state.leaf, side, move)
  let leaves = primaries
  if (move.secondaries?.length) {
    leaves = []
    for (const leaf of primaries) secondaries(ctx, leaf, side, move, leaves)
  }
  // freeze's AfterMoveSecondary: Scald (thawsTarget) thaws a frozen target once its effects ran
  if (move.thawsTarget)
    for (const leaf of leaves) if (get(leaf.m, foe, F.status) === FRZ) set(leaf.m, foe, F.status, NONE)
  for (const leaf of leaves) selfEffects({ leaf, pending: state.pending }, side, move, out)
}

function primary(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): Leaf[] {
  const foe = foeOf(side)
  if (move.volatileStatus === 'partiallytrapped') return trap(leaf, foe)
  if (move.id === 'sappyseed') seed(ctx, leaf, foe)
  if (move.id === 'freezyfrost') clearAllBoosts(leaf)
  if (move.id === 'clearsmog')
    for (const field of [F.atk, F.def, F.spa, F.spd, F.spe, F.accuracy, F.evasion]) set(leaf.m, foe, field, 0)
  return [leaf]
}

const STATUS_CODES: Record<string, number> = { par: PAR, brn: BRN, psn: PSN, tox: TOX, slp: SLP, frz: FRZ }

/** The secondary effects of `move` on `leaf`, rolled in order: the leaves after them appended to `out`. */
function secondaries(ctx: SolveContext, leaf: Leaf, side: Side, move: Move, out: Leaf[]): void {
  const foe = foeOf(side)
  let leaves = [leaf]
  for (const secondary of move.secondaries ?? []) {
    const chance = (secondary.chance ?? 100) / 100
    const next: Leaf[] = []
    for (const current of leaves) {
      const [yes, no] = split(current, [[chance], [1 - chance]])
      if (yes) {
        if (secondary.status) next.push(...tryStatus(ctx, yes, foe, STATUS_CODES[secondary.status]!))
        else {
          if (secondary.volatileStatus === 'flinch') set(yes.m, foe, F.flinch, 1)
          if (secondary.volatileStatus === 'confusion') next.push(...confuse(yes, foe))
          else {
            if (secondary.boosts) boost(yes, foe, secondary.boosts, true)
            if (move.id === 'triattack') {
              // the last status takes `yes` itself (dropped once split)
              for (const status of [BRN, PAR, FRZ])
                next.push(...tryStatus(ctx, childOf(yes, 1 / 3, status === FRZ), foe, status))
            } else next.push(yes)
          }
        }
      }
      if (no) next.push(no)
    }
    leaves = next
  }
  for (const l of leaves) out.push(l)
}

/** `self` effects, drain, recoil and Struggle's recoil, once the hit is done: the states appended to `out`. */
function selfEffects(state: Hitting, side: Side, move: Move, out: Hitting[]): void {
  const leaf = state.leaf
  const m = leaf.m
  const self = move.self as
    | { boosts?: Record<string, number>; volatileStatus?: string; sideCondition?: string }
    | undefined
  if (self?.boosts) boost(leaf, side, self.boosts, false)
  if (self?.volatileStatus === 'mustrecharge') set(m, side, F.recharge, 2)
  if (self?.volatileStatus === 'rage') set(m, side, F.rage, 1)
  if (self?.sideCondition === 'reflect' && get(m, side, F.reflect) === 0) set(m, side, F.reflect, 5)
  if (self?.sideCondition === 'lightscreen' && get(m, side, F.lightScreen) === 0)
    set(m, side, F.lightScreen, 5)
  if (move.id === 'sparklyswirl') {
    set(m, side, F.status, NONE)
    set(m, side, F.statusTime, 0)
  }
  if (self?.volatileStatus === 'lockedmove') {
    if (get(m, side, F.lockDuration) === 0) {
      const locked = split(
        leaf,
        [2, 3].map(
          (t) =>
            [
              1 / 2,
              (c: Leaf) => {
                set(c.m, side, F.lockDuration, 2)
                set(c.m, side, F.lockTrue, t)
              },
            ] as const,
        ),
      )
      for (const c of locked) out.push({ leaf: c, pending: state.pending })
      return
    }
    if (get(m, side, F.lockTrue) >= 2) set(m, side, F.lockDuration, 2)
  }
  out.push(state)
}

/** Drain, recoil and Struggle's recoil after the last hit (ops read the damage just dealt). */
function finish(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): Leaf {
  const last = leaf.ops[leaf.ops.length - 1]
  const hitHp = last?.kind === 'damage' && last.side !== side
  if (move.drain && hitHp) leaf.ops.push({ kind: 'drain', side, num: move.drain[0], den: move.drain[1] })
  if (move.recoil && hitHp) leaf.ops.push({ kind: 'recoil', side, num: move.recoil[0], den: move.recoil[1] })
  if (move.struggleRecoil) {
    const amount = Math.max(1, Math.round(ctx.battlers[side].maxhp / 4))
    leaf.ops.push({ kind: 'damage', side, dist: constantDist(amount) })
  }
  leaf.done = true
  return leaf
}

const sums = new WeakMap<Dist, WeakMap<Dist, Dist>>()

/** `sum` of two hit distributions, cached (a multi-hit move adds the same ones every turn). */
function sumCached(x: Dist, y: Dist): Dist {
  let byY = sums.get(x)
  if (!byY) {
    byY = new WeakMap()
    sums.set(x, byY)
  }
  let result = byY.get(y)
  if (!result) {
    result = sum(x, y)
    byY.set(y, result)
  }
  return result
}
