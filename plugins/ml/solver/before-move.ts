import type { Move } from '@pkmn/sim'
import { foeOf, get, type SolveContext, set } from './context.ts'
import { confusionRolls } from './damage.ts'
import { constantDist, uniformOf } from './dist.ts'
import type { Side } from './kernel.ts'
import { damage, fork, type Leaf, split, stage } from './leaf.ts'
import { F, FRZ, NONE, SLP } from './mode.ts'

/** What a side is doing when its action comes: recharging, or using a move. */
export type Action = 'recharge' | Move

/**
 * The side's action in the current state: recharging, its locked move, its chosen move or Struggle.
 */
export function actionOf(ctx: SolveContext, leaf: Leaf, side: Side): Action {
  const m = leaf.m
  if (get(m, side, F.recharge) > 0) return 'recharge'
  if (get(m, side, F.lockDuration) > 0 || get(m, side, F.charging) > 0 || get(m, side, F.bide) > 0) {
    return ctx.battlers[side].move
  }
  return get(m, side, F.choice) === 1 ? ctx.struggle : ctx.battlers[side].move
}

/**
 * `runMove` up to `useMove`: the action counter, the `BeforeMove` handlers in the engine's priority
 * order (rage 100, recharge 11, sleep / freeze 10, flinch 8, Disable 7, Taunt 5, confusion 3,
 * paralysis 1, Bide 0), `MoveAborted`, Bide's storing turns, PP and the last move used. Leaves whose
 * action ended are marked `done`.
 */
export function beforeMove(ctx: SolveContext, leaf: Leaf, side: Side, action: Action): Leaf[] {
  const m = leaf.m
  set(m, side, F.actions, Math.min(2, get(m, side, F.actions) + 1))
  set(m, side, F.moved, 1)
  if (action === 'recharge') {
    set(m, side, F.recharge, 0)
    leaf.done = true
    return [leaf]
  }
  set(m, side, F.rage, 0)
  let leaves = [leaf]
  leaves = stage(leaves, (l) => sleepOrFreeze(l, side, action))
  leaves = stage(leaves, (l) => blocked(l, side, action))
  leaves = stage(leaves, (l) => confusion(ctx, l, side))
  leaves = stage(leaves, (l) =>
    get(l.m, side, F.status) === 1 ? split(l, [[0.25, (c) => abort(c, side)], [0.75]]) : undefined,
  )
  leaves = stage(leaves, (l) => bideRelease(ctx, l, side))
  leaves = stage(leaves, (l) => {
    if (get(l.m, side, F.bide) > 0)
      l.done = true // Bide's storing turn
    else payPp(ctx, l, side, action)
    return undefined
  })
  return leaves
}

function sleepOrFreeze(leaf: Leaf, side: Side, move: Move): Leaf[] | undefined {
  const m = leaf.m
  const status = get(m, side, F.status)
  if (status === SLP) {
    const time = get(m, side, F.statusTime) - 1
    set(m, side, F.statusTime, time)
    if (time <= 0) {
      set(m, side, F.status, NONE)
      set(m, side, F.statusTime, 0)
    } else abort(leaf, side)
    return undefined
  }
  if (status !== FRZ || move.flags.defrost) return undefined
  const thaw = (child: Leaf) => set(child.m, side, F.status, NONE)
  return split(leaf, [
    [0.2, thaw],
    [0.8, (child) => abort(child, side)],
  ])
}

/** Flinch, Disable on its move, Taunt on a status move. */
function blocked(leaf: Leaf, side: Side, move: Move): undefined {
  const m = leaf.m
  const disabled = get(m, side, F.disable) > 0 && move.id !== 'struggle'
  const taunted = get(m, side, F.taunt) > 0 && move.category === 'Status'
  if (get(m, side, F.flinch) > 0 || disabled || taunted) abort(leaf, side)
  return undefined
}

function confusion(ctx: SolveContext, leaf: Leaf, side: Side): Leaf[] | undefined {
  const m = leaf.m
  const time = get(m, side, F.confusion)
  if (time === 0) return undefined
  set(m, side, F.confusion, time - 1)
  if (time - 1 === 0) return undefined
  const self = ctx.battlers[side]
  const rolls = confusionRolls(
    self.level,
    self.stats.atk,
    get(m, side, F.atk),
    self.stats.def,
    get(m, side, F.def),
  )
  const storing = get(m, side, F.bide) > 0
  const [hurt, fine] = split(leaf, [[0.33], [0.67]])
  const out: Leaf[] = fine ? [fine] : []
  if (!hurt) return out
  if (!storing) {
    damage(hurt, side, uniformOf(rolls))
    abort(hurt, side)
    return [hurt, ...out]
  }
  // Bide counts the self-hit (a "move" with a source) and remembers itself as the last source:
  // one branch per damage value, each storing it.
  const counts = new Map<number, number>()
  for (const roll of rolls) counts.set(roll, (counts.get(roll) ?? 0) + 1)
  for (const [value, count] of counts) {
    for (const child of fork(hurt, [[count / rolls.length]])) {
      damage(child, side, constantDist(value))
      set(child.m, side, F.bideDamage, get(child.m, side, F.bideDamage) + value)
      set(child.m, side, F.bideFromSelf, 1)
      child.done = true
      out.push(child)
    }
  }
  return out
}

/**
 * Bide's third action: `tryMoveHit` with twice the damage stored, on the last source of damage.
 * That path has no accuracy check and no Protect check; type immunity applies (Normal vs Ghost).
 */
function bideRelease(ctx: SolveContext, leaf: Leaf, side: Side): Leaf[] | undefined {
  const m = leaf.m
  if (get(m, side, F.bide) !== 1) return undefined
  const stored = get(m, side, F.bideDamage)
  const victim: Side = get(m, side, F.bideFromSelf) === 1 ? side : foeOf(side)
  const immune = ctx.types.immune('Normal', ctx.battlers[victim].types)
  if (stored > 0 && !immune) damage(leaf, victim, constantDist(stored * 2))
  abort(leaf, side)
  return undefined
}

function payPp(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): void {
  const m = leaf.m
  const locked = get(m, side, F.lockDuration) > 0 || get(m, side, F.charging) > 0
  const own = move.id === ctx.battlers[side].move.id
  if (!locked && own && ctx.trackPp[side]) set(m, side, F.ppSpent, 1)
  set(m, side, F.lastMove, own ? 1 : 2)
}

/** The action stops before the move: `MoveAborted` ends a pending charge and Bide. */
export function abort(leaf: Leaf, side: Side): void {
  const m = leaf.m
  set(m, side, F.charging, 0)
  set(m, side, F.invulnerable, 0)
  set(m, side, F.bide, 0)
  set(m, side, F.bideDamage, 0)
  set(m, side, F.bideFromSelf, 0)
  leaf.done = true
}
