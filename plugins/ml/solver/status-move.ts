import type { Move } from '@pkmn/sim'
import { foeOf, get, ppLeft, type SolveContext, set, typesOf } from './context.ts'
import { boost, canGetStatus, clearAllBoosts, confuse, foeWillMove, seed, setStatus } from './effects.ts'
import type { Side } from './kernel.ts'
import { fork, type Leaf } from './leaf.ts'
import { BRN, F, PAR, PSN, SLP, TOX } from './mode.ts'
import { UnsupportedMechanic } from './unsupported.ts'

const STATUS_CODES: Record<string, number> = { par: PAR, brn: BRN, psn: PSN, tox: TOX, slp: SLP }

/**
 * A status move that passed accuracy against the foe: a Substitute blocks it unless it is a sound
 * move (`bypasssub`); then its status, volatile or stat drops, each failing the engine's way.
 */
export function moveOnFoe(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): Leaf[] {
  const foe = foeOf(side)
  const m = leaf.m
  leaf.done = true
  if (get(m, foe, F.sub) > 0 && !move.flags.bypasssub) return [leaf]
  if (move.status) {
    const status = STATUS_CODES[move.status]!
    return canGetStatus(ctx, leaf, foe, status) ? setStatus(leaf, foe, status) : [leaf]
  }
  if (move.boosts) {
    boost(leaf, foe, move.boosts, true)
    return [leaf]
  }
  switch (move.volatileStatus) {
    case 'confusion':
      return confuse(leaf, foe)
    case 'leechseed':
      seed(ctx, leaf, foe)
      return [leaf]
    case 'disable':
      return disable(ctx, leaf, foe)
    case 'taunt':
      if (get(m, foe, F.taunt) === 0) set(m, foe, F.taunt, foeWillMove(leaf, side) ? 3 : 4)
      return [leaf]
    case 'yawn':
      if (get(m, foe, F.yawn) === 0 && get(m, foe, F.status) === 0) set(m, foe, F.yawn, 2)
      return [leaf]
    case 'encore':
      return [leaf] // one move each: Encore cannot change what the foe uses
  }
  if (move.forceSwitch) return [leaf] // nobody to switch to
  throw new UnsupportedMechanic(`${move.name} is not modelled`)
}

/** Disable on the foe's last move (its only move): fails without one, on Struggle or without PP. */
function disable(ctx: SolveContext, leaf: Leaf, foe: Side): Leaf[] {
  const m = leaf.m
  if (get(m, foe, F.disable) > 0 || get(m, foe, F.lastMove) !== 1 || ppLeft(ctx, m, foe) <= 0) return [leaf]
  set(m, foe, F.disable, get(m, foe, F.moved) === 0 ? 4 : 5)
  return [leaf]
}

/**
 * Moves aimed at the user, its side or the field (no accuracy, no Protect): stat boosts, healing,
 * Rest, Protect, Substitute, Focus Energy, Minimize, Bide's start, screens, Mist, Haze.
 */
export function moveOnSelfOrField(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): Leaf[] {
  const m = leaf.m
  leaf.done = true
  switch (move.id) {
    case 'protect':
      return protect(leaf, side)
    case 'substitute':
      return substitute(ctx, leaf, side)
    case 'rest':
      return rest(ctx, leaf, side)
    case 'recover':
    case 'softboiled':
    case 'roost':
      return heal(ctx, leaf, side, move.id === 'roost')
    case 'bide':
      if (get(m, side, F.bide) === 0) set(m, side, F.bide, 3)
      return [leaf]
    case 'haze':
      clearAllBoosts(leaf)
      return [leaf]
    case 'reflect':
    case 'lightscreen':
    case 'mist': {
      const field = move.id === 'reflect' ? F.reflect : move.id === 'lightscreen' ? F.lightScreen : F.mist
      if (get(m, side, field) === 0) set(m, side, field, 5)
      return [leaf]
    }
    case 'focusenergy':
      set(m, side, F.focusEnergy, 1)
      return [leaf]
    case 'conversion':
      return conversion(ctx, leaf, side)
    case 'splash':
    case 'celebrate':
    case 'stealthrock': // hurts switch-ins only; nobody switches in a 1v1
      return [leaf]
  }
  if (move.id === 'minimize') set(m, side, F.minimize, 1)
  if (move.boosts) {
    boost(leaf, side, move.boosts, false)
    return [leaf]
  }
  throw new UnsupportedMechanic(`${move.name} is not modelled`)
}

/** Protect: fails when moving last; consecutive uses succeed 1/3, 1/9, … (the `stall` counter). */
function protect(leaf: Leaf, side: Side): Leaf[] {
  const m = leaf.m
  if (!foeWillMove(leaf, side)) return [leaf]
  const counter = get(m, side, F.stall)
  const chance = counter > 0 ? 1 / counter : 1
  const succeed = (child: Leaf) => {
    set(child.m, side, F.protect, 1)
    set(child.m, side, F.stall, counter > 0 ? Math.min(729, counter * 3) : 3)
    set(child.m, side, F.stallDuration, 2)
  }
  const fail = (child: Leaf) => {
    set(child.m, side, F.stall, 0)
    set(child.m, side, F.stallDuration, 0)
  }
  return fork(leaf, [
    [chance, succeed],
    [1 - chance, fail],
  ])
}

/** Substitute: fails with one already up or at ≤ 1/4 HP; costs ⌊max/4⌋ HP; frees from Wrap. */
function substitute(ctx: SolveContext, leaf: Leaf, side: Side): Leaf[] {
  const m = leaf.m
  if (get(m, side, F.sub) > 0) return [leaf]
  const quarter = Math.floor(ctx.battlers[side].maxhp / 4)
  const [make, weak] = fork(leaf, [[1], [1]])
  make!.ops.push(
    { kind: 'guard', side, test: 'aboveQuarter' },
    { kind: 'damage', side, dist: { min: quarter, max: quarter, probs: new Float64Array([1]) } },
  )
  set(make!.m, side, F.sub, quarter)
  set(make!.m, side, F.trapped, 0)
  weak!.ops.push({ kind: 'guard', side, test: 'atMostQuarter' })
  return [make!, weak!]
}

/** Rest: fails at full HP; otherwise sleep for exactly two turns (replacing any status) and full HP. */
function rest(ctx: SolveContext, leaf: Leaf, side: Side): Leaf[] {
  const [sleep, full] = fork(leaf, [[1], [1]])
  full!.ops.push({ kind: 'guard', side, test: 'full' })
  sleep!.ops.push(
    { kind: 'guard', side, test: 'notFull' },
    { kind: 'heal', side, amount: ctx.battlers[side].maxhp },
  )
  set(sleep!.m, side, F.status, SLP)
  set(sleep!.m, side, F.statusTime, 3)
  return [sleep!, full!]
}

/** Recover, Soft-Boiled, Roost: half max HP (rounded); nothing at full HP (Roost then not grounded). */
function heal(ctx: SolveContext, leaf: Leaf, side: Side, roost: boolean): Leaf[] {
  const [healed, full] = fork(leaf, [[1], [1]])
  full!.ops.push({ kind: 'guard', side, test: 'full' })
  healed!.ops.push(
    { kind: 'guard', side, test: 'notFull' },
    { kind: 'heal', side, amount: Math.round(ctx.battlers[side].maxhp / 2) },
  )
  if (roost) set(healed!.m, side, F.roost, 1)
  return [healed!, full!]
}

/** Conversion: the user becomes the type of its first move (Conversion itself: Normal). */
function conversion(ctx: SolveContext, leaf: Leaf, side: Side): Leaf[] {
  const type = ctx.battlers[side].move.type
  if (typesOf(ctx, leaf.m, side).includes(type)) return [leaf]
  const index = ctx.dex.types.all().findIndex((t) => t.name === type)
  set(leaf.m, side, F.typeChange, index + 1)
  return [leaf]
}
