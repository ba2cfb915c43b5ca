import { foeOf, get, type SolveContext, set, typesOf } from './context.ts'
import type { Side } from './kernel.ts'
import { type Leaf, split } from './leaf.ts'
import { BOOST_FIELDS, BOOST_NAMES, type BoostName, F, NONE, SLP, STATUS_IDS, TOX } from './mode.ts'

/**
 * Primitive effects shared by moves, each as the engine applies it (`setStatus`, `addVolatile`,
 * `boost`), on a leaf's state. Random durations split the leaf (every caller replaces it by the
 * leaves returned: the last one takes its state, see `split`); the functions return the leaves.
 */

/** `trySetStatus`: fails on a side that already has a status or is immune by type. */
export function canGetStatus(ctx: SolveContext, leaf: Leaf, side: Side, status: number): boolean {
  if (get(leaf.m, side, F.status) !== NONE) return false
  const id = status === TOX ? 'psn' : STATUS_IDS[status]!
  return !ctx.types.immune(id, typesOf(ctx, leaf.m, side))
}

/**
 * Sets a major status (caller checked `canGetStatus`). Sleep lasts 1–3 turns (`time` 2–4, a third
 * each); Toxic starts at stage 0. Returns the forked leaves.
 */
export function setStatus(leaf: Leaf, side: Side, status: number): Leaf[] {
  set(leaf.m, side, F.status, status)
  set(leaf.m, side, F.statusTime, 0)
  if (status !== SLP) return [leaf]
  return split(
    leaf,
    [2, 3, 4].map((time) => [1 / 3, (c: Leaf) => set(c.m, side, F.statusTime, time)] as const),
  )
}

/** Status with its immunity check: unchanged leaf when it cannot apply. */
export function tryStatus(ctx: SolveContext, leaf: Leaf, side: Side, status: number): Leaf[] {
  return canGetStatus(ctx, leaf, side, status) ? setStatus(leaf, side, status) : [leaf]
}

/** Confusion for 1–4 turns (`time` 2–5, a quarter each); nothing if already confused. */
export function confuse(leaf: Leaf, side: Side): Leaf[] {
  if (get(leaf.m, side, F.confusion) > 0) return [leaf]
  return split(
    leaf,
    [2, 3, 4, 5].map((time) => [1 / 4, (c: Leaf) => set(c.m, side, F.confusion, time)] as const),
  )
}

/**
 * `battle.boost`: stages capped at ±6; Mist on the target's side blocks drops caused by the foe.
 * Returns true when at least one stage changed (a status move that changes nothing fails).
 */
export function boost(
  leaf: Leaf,
  side: Side,
  changes: Partial<Record<BoostName, number>>,
  byFoe: boolean,
): boolean {
  let changed = false
  for (let i = 0; i < BOOST_NAMES.length; i++) {
    const delta = changes[BOOST_NAMES[i]!]
    if (!delta) continue
    if (delta < 0 && byFoe && get(leaf.m, side, F.mist) > 0) continue
    const field = BOOST_FIELDS[i]!
    const current = get(leaf.m, side, field)
    const next = Math.max(-6, Math.min(6, current + delta))
    if (next !== current) changed = true
    set(leaf.m, side, field, next)
  }
  return changed
}

/** Haze / Freezy Frost: every stage of both sides back to 0. */
export function clearAllBoosts(leaf: Leaf): void {
  for (const side of [0, 1] as const) for (const field of BOOST_FIELDS) set(leaf.m, side, field, 0)
}

/** Wrap, Bind, Clamp, Fire Spin: trapped for 5 or 6 residuals (4–5 turns of damage). */
export function trap(leaf: Leaf, side: Side): Leaf[] {
  if (get(leaf.m, side, F.trapped) > 0) return [leaf]
  return split(
    leaf,
    [5, 6].map((turns) => [1 / 2, (c: Leaf) => set(c.m, side, F.trapped, turns)] as const),
  )
}

/** Leech Seed (or Sappy Seed): fails on Grass types and on a side already seeded. */
export function seed(ctx: SolveContext, leaf: Leaf, side: Side): boolean {
  if (get(leaf.m, side, F.seeded) > 0 || typesOf(ctx, leaf.m, side).includes('Grass')) return false
  set(leaf.m, side, F.seeded, 1)
  return true
}

/** The foe of `side` has not acted yet this turn (`queue.willMove`). */
export function foeWillMove(leaf: Leaf, side: Side): boolean {
  return get(leaf.m, foeOf(side), F.moved) === 0
}
