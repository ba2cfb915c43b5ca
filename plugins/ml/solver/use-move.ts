import type { Move } from '@pkmn/sim'
import { foeOf, get, type SolveContext, set, typesOf } from './context.ts'
import { hitChance } from './damage.ts'
import { constantDist } from './dist.ts'
import { boost, confuse, foeWillMove } from './effects.ts'
import { reachesHidden } from './hit.ts'
import { hitLoop } from './hit-loop.ts'
import type { Side } from './kernel.ts'
import { type Leaf, split } from './leaf.ts'
import { F, FRZ, NONE, SLP } from './mode.ts'
import { moveOnFoe, moveOnSelfOrField } from './status-move.ts'
import { UnsupportedMechanic } from './unsupported.ts'

/** Moves the solver does not model; a pair using one is answered by the engine instead. */
export const UNMODELLED_MOVES = new Set(['metronome', 'mimic', 'mirrormove', 'transform'])

const SELF_OR_FIELD = new Set(['self', 'allySide', 'all', 'foeSide', 'adjacentAlly'])

/**
 * `useMove` after `runMove`'s checks: charge turns, Explosion's faint, `Try` conditions, then the
 * hit steps for a move aimed at the foe (semi-invulnerability, Protect, type and move immunities,
 * accuracy) and the move's effects; finally `AfterMove` (Thrash's lock ending in confusion).
 */
export function useMove(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): Leaf[] {
  if (UNMODELLED_MOVES.has(move.id)) throw new UnsupportedMechanic(`${move.name} is not modelled`)
  const m = leaf.m
  if (get(m, side, F.status) === FRZ && move.flags.defrost) set(m, side, F.status, NONE)
  if (move.flags.charge && !charged(leaf, side, move)) return afterMove([leaf], side)
  if (move.selfdestruct === 'always') leaf.ops.push({ kind: 'faint', side })
  if (!tryCondition(ctx, leaf, side, move)) return afterMove([failed(ctx, leaf, side, move)], side)
  const leaves = SELF_OR_FIELD.has(move.target)
    ? moveOnSelfOrField(ctx, leaf, side, move)
    : aimAtFoe(ctx, leaf, side, move)
  return afterMove(leaves, side)
}

/** Charge turn (returns false: the action ends) or the attack turn (clears the charge). */
function charged(leaf: Leaf, side: Side, move: Move): boolean {
  const m = leaf.m
  if (get(m, side, F.charging) > 0) {
    set(m, side, F.charging, 0)
    set(m, side, F.invulnerable, 0)
    return true
  }
  set(m, side, F.charging, 2)
  if (move.id === 'dig' || move.id === 'fly') set(m, side, F.invulnerable, 1)
  if (move.id === 'skullbash') boost(leaf, side, { def: 1 }, false)
  leaf.done = true
  return false
}

/** The move's `onTry`. */
function tryCondition(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): boolean {
  const m = leaf.m
  const foe = foeOf(side)
  switch (move.id) {
    case 'fakeout':
      return get(m, side, F.actions) <= 1
    case 'suckerpunch': {
      if (!foeWillMove(leaf, side) || get(m, foe, F.recharge) > 0) return false
      const foeMove = get(m, foe, F.choice) === 1 ? ctx.struggle : ctx.battlers[foe].move
      return foeMove.category !== 'Status'
    }
    case 'counter':
    case 'mirrorcoat':
      return get(m, side, F.counter) > 1
    case 'rest':
      return get(m, side, F.status) !== SLP
    case 'teleport':
    case 'helpinghand':
      return false
  }
  return true
}

/** The move did nothing (`MoveFail`): High Jump Kick and Jump Kick crash for half the user's HP. */
function failed(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): Leaf {
  if (move.hasCrashDamage) {
    leaf.ops.push({ kind: 'damage', side, dist: constantDist(Math.floor(ctx.battlers[side].maxhp / 2)) })
  }
  leaf.done = true
  return leaf
}

function aimAtFoe(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): Leaf[] {
  const m = leaf.m
  const foe = foeOf(side)
  const poisonToxic = move.id === 'toxic' && typesOf(ctx, m, side).includes('Poison')
  if (get(m, foe, F.invulnerable) > 0 && !reachesHidden(ctx, foe, move) && !poisonToxic) {
    return [failed(ctx, leaf, side, move)]
  }
  if (get(m, foe, F.protect) > 0 && move.flags.protect && !move.breaksProtect) {
    if (get(m, side, F.lockDuration) === 2) {
      set(m, side, F.lockDuration, 0)
      set(m, side, F.lockTrue, 0)
    }
    return [failed(ctx, leaf, side, move)]
  }
  if (move.id === 'brickbreak') {
    set(m, foe, F.reflect, 0)
    set(m, foe, F.lightScreen, 0)
  }
  if (!immunityPasses(ctx, leaf, side, move)) return [failed(ctx, leaf, side, move)]
  const chance = accuracyOf(ctx, leaf, side, move, poisonToxic)
  if (chance === 0) return [failed(ctx, leaf, side, move)]
  // a sure hit (most moves) splits nothing: no lists to build
  const [hit, miss] = chance === 1 ? [leaf, undefined] : split(leaf, [[chance], [1 - chance]])
  if (!miss && hit) {
    if (move.breaksProtect) set(hit.m, foe, F.protect, 0)
    return move.category === 'Status' ? moveOnFoe(ctx, hit, side, move) : hitLoop(ctx, hit, side, move)
  }
  const out: Leaf[] = []
  if (miss) out.push(failed(ctx, miss, side, move))
  if (hit) {
    if (move.breaksProtect) set(hit.m, foe, F.protect, 0)
    out.push(
      ...(move.category === 'Status' ? moveOnFoe(ctx, hit, side, move) : hitLoop(ctx, hit, side, move)),
    )
  }
  return out
}

function immunityPasses(ctx: SolveContext, leaf: Leaf, side: Side, move: Move): boolean {
  const m = leaf.m
  const foe = foeOf(side)
  const foeTypes = typesOf(ctx, m, foe) as string[]
  const ignores = move.ignoreImmunity === undefined ? move.category === 'Status' : move.ignoreImmunity
  if (!ignores && move.id !== 'struggle' && ctx.types.immune(move.type, foeTypes)) return false
  if (move.flags.powder && ctx.types.immune('powder', foeTypes)) return false
  if (move.id === 'dreameater' && get(m, foe, F.status) !== SLP) return false
  if (move.id === 'leechseed' && foeTypes.includes('Grass')) return false
  if (move.ohko && ctx.battlers[side].level < ctx.battlers[foe].level) return false
  return true
}

function accuracyOf(ctx: SolveContext, leaf: Leaf, side: Side, move: Move, poisonToxic: boolean): number {
  const m = leaf.m
  const foe = foeOf(side)
  if (move.ohko) return Math.min(100, 30 + ctx.battlers[side].level - ctx.battlers[foe].level) / 100
  if (poisonToxic || (move.flags.minimize && get(m, foe, F.minimize) > 0)) return 1
  return hitChance(move.accuracy, get(m, side, F.accuracy) - get(m, foe, F.evasion))
}

/** `AfterMove`: Thrash's lock ends after its last turn; then confusion, unless it ended early. */
function afterMove(leaves: Leaf[], side: Side): Leaf[] {
  const out: Leaf[] = []
  for (const leaf of leaves) {
    leaf.done = true
    if (get(leaf.m, side, F.lockDuration) !== 1) {
      out.push(leaf)
      continue
    }
    const confusedAfter = get(leaf.m, side, F.lockTrue) <= 1
    set(leaf.m, side, F.lockDuration, 0)
    set(leaf.m, side, F.lockTrue, 0)
    out.push(...(confusedAfter ? confuse(leaf, side) : [leaf]))
  }
  return out
}
