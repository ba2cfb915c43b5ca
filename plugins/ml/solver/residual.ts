import { actionSpeed, get, type SolveContext, set } from './context.ts'
import { constantDist } from './dist.ts'
import { confuse, setStatus } from './effects.ts'
import type { HpOp, Side } from './kernel.ts'
import { type Leaf, startLeaf } from './leaf.ts'
import { BRN, F, type Mode, NONE, PSN, SLP, TOX } from './mode.ts'

/** An end-of-turn handler that changes HP, with its `onResidualOrder`. */
interface HpHandler {
  readonly order: number
  readonly side: Side
  readonly op: HpOp
}

/**
 * End of turn (`fieldEvent('Residual')`): the HP handlers in the engine's order — Leech Seed (8),
 * poison and Toxic (9), burn (10), Wrap and co. (13); the same handler on both sides goes faster
 * first, a speed tie is a fair coin — then every duration ticks (Taunt, Disable, Yawn then sleep,
 * screens, Mist, Thrash's lock, charge, recharge, Bide, Protect's counter) and the one-turn effects
 * end (flinch, Protect, Counter, Roost). The battle ends at the first faint, so durations can be
 * updated after the HP ops. Returns leaves whose ops must run with `stopAtFirstFaint`.
 */
export function residual(ctx: SolveContext, mode: Mode): Leaf[] {
  const leaf = startLeaf(mode)
  const handlers: HpHandler[] = []
  for (const side of [0, 1] as const) handlers.push(...hpHandlers(ctx, leaf, side))
  const speeds = [actionSpeed(ctx, mode, 0), actionSpeed(ctx, mode, 1)]
  let orders: HpOp[][] = [[]]
  let weights = [1]
  // no HP handler (no status, seed or trap on either side: most states): nothing to order
  const byOrder = new Map<number, HpHandler[]>()
  for (const handler of handlers) byOrder.set(handler.order, [...(byOrder.get(handler.order) ?? []), handler])
  for (const order of handlers.length === 0 ? [] : [...byOrder.keys()].sort((x, y) => x - y)) {
    const group = byOrder.get(order)!
    if (group.length === 1 || speeds[0] !== speeds[1]) {
      group.sort((x, y) => speeds[y.side]! - speeds[x.side]!)
      orders = orders.map((ops) => [...ops, ...group.map((h) => h.op)])
      continue
    }
    // the same handler on both sides at equal speed: the engine shuffles them
    orders = orders.flatMap((ops) => [
      [...ops, group[0]!.op, group[1]!.op],
      [...ops, group[1]!.op, group[0]!.op],
    ])
    weights = weights.flatMap((w) => [w / 2, w / 2])
  }
  tickTox(leaf)
  const ticked = tickDurations(ctx, leaf)
  const out: Leaf[] = []
  for (let i = 0; i < orders.length; i++) {
    for (const child of ticked) {
      out.push({ p: child.p * weights[i]!, m: child.m, ops: orders[i]!, done: true })
    }
  }
  return out
}

function hpHandlers(ctx: SolveContext, leaf: Leaf, side: Side): HpHandler[] {
  const m = leaf.m
  const maxhp = ctx.battlers[side].maxhp
  const out: HpHandler[] = []
  if (get(m, side, F.seeded) > 0) {
    out.push({ order: 8, side, op: { kind: 'leech', side, amount: Math.max(1, Math.floor(maxhp / 8)) } })
  }
  const status = get(m, side, F.status)
  if (status === PSN) out.push({ order: 9, side, op: fixed(side, Math.max(1, Math.floor(maxhp / 8))) })
  if (status === TOX) {
    const stage = Math.min(15, get(m, side, F.statusTime) + 1)
    out.push({ order: 9, side, op: fixed(side, Math.max(1, Math.floor(maxhp / 16)) * stage) })
  }
  if (status === BRN) out.push({ order: 10, side, op: fixed(side, Math.max(1, Math.floor(maxhp / 16))) })
  if (get(m, side, F.trapped) > 1) {
    out.push({ order: 13, side, op: fixed(side, Math.max(1, Math.floor(maxhp / 8))) })
  }
  return out
}

function fixed(side: Side, amount: number): HpOp {
  return { kind: 'damage', side, dist: constantDist(amount) }
}

function tickTox(leaf: Leaf): void {
  for (const side of [0, 1] as const) {
    if (get(leaf.m, side, F.status) === TOX)
      set(leaf.m, side, F.statusTime, Math.min(15, get(leaf.m, side, F.statusTime) + 1))
  }
}

/** Duration fields that simply count down and vanish. */
const COUNTDOWNS = [
  F.trapped,
  F.taunt,
  F.disable,
  F.reflect,
  F.lightScreen,
  F.mist,
  F.recharge,
  F.stallDuration,
] as const
/** One-turn effects. */
const ONE_TURN = [F.flinch, F.protect, F.counter, F.roost, F.moved] as const

function tickDurations(ctx: SolveContext, leaf: Leaf): Leaf[] {
  let leaves = [leaf]
  for (let s = 0; s < 2; s++) {
    const side = s as Side
    // side 0's Yawn or Thrash lock may have forked the leaf: tick side 1 on every copy
    for (const l of leaves) tickSide(ctx, l.m, side)
    const yawned: Leaf[] = []
    for (const l of leaves) for (const y of yawn(l, side)) yawned.push(y)
    const locked: Leaf[] = []
    for (const l of yawned) for (const k of lock(l, side)) locked.push(k)
    leaves = locked
  }
  return leaves
}

function tickSide(ctx: SolveContext, m: Mode, side: Side): void {
  if (ctx.trackPp[side] && get(m, side, F.ppSpent) === 0 && get(m, side, F.ppOut) === 0)
    set(m, side, F.ppSkips, get(m, side, F.ppSkips) + 1)
  set(m, side, F.ppSpent, 0)
  for (const field of COUNTDOWNS) if (get(m, side, field) > 0) set(m, side, field, get(m, side, field) - 1)
  if (get(m, side, F.stallDuration) === 0) set(m, side, F.stall, 0)
  for (const field of ONE_TURN) set(m, side, field, 0)
  countdown(m, side, F.charging, () => set(m, side, F.invulnerable, 0))
  countdown(m, side, F.bide, () => {
    set(m, side, F.bideDamage, 0)
    set(m, side, F.bideFromSelf, 0)
  })
}

function countdown(m: Mode, side: Side, field: number, onEnd: () => void): void {
  const left = get(m, side, field)
  if (left === 0) return
  set(m, side, field, left - 1)
  if (left - 1 === 0) onEnd()
}

/** Yawn (order 23): when it runs out, the side falls asleep unless it has a status by then. */
function yawn(leaf: Leaf, side: Side): Leaf[] {
  const left = get(leaf.m, side, F.yawn)
  if (left === 0) return [leaf]
  set(leaf.m, side, F.yawn, left - 1)
  if (left - 1 > 0 || get(leaf.m, side, F.status) !== NONE) return [leaf]
  return setStatus(leaf, side, SLP)
}

/** Thrash's lock: the duration ticks (ending in confusion after a full rampage); sleep ends it quietly. */
function lock(leaf: Leaf, side: Side): Leaf[] {
  const m = leaf.m
  const left = get(m, side, F.lockDuration)
  if (left === 0) return [leaf]
  if (left - 1 === 0) {
    const confusedAfter = get(m, side, F.lockTrue) <= 1
    set(m, side, F.lockDuration, 0)
    set(m, side, F.lockTrue, 0)
    return confusedAfter ? confuse(leaf, side) : [leaf]
  }
  set(m, side, F.lockDuration, left - 1)
  if (get(m, side, F.status) === SLP) {
    set(m, side, F.lockDuration, 0)
    set(m, side, F.lockTrue, 0)
  } else set(m, side, F.lockTrue, get(m, side, F.lockTrue) - 1)
  return [leaf]
}
