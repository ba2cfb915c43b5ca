import type { Move } from '@pkmn/sim'
import { actionSpeed, get, ppLeft, type SolveContext, set } from './context.ts'
import type { Side } from './kernel.ts'
import { cloneMode, F, type Mode, T_ORDER } from './mode.ts'

/**
 * What a side will do this turn, decided when both choose (the engine's move request): locked
 * into recharging, a charge move's second turn, Thrash or Bide; otherwise its move, or Struggle
 * when it has no PP left or its move is disabled (Disable, or Taunt on a status move).
 */
export function plannedMove(ctx: SolveContext, mode: Mode, side: Side): Move | 'recharge' {
  if (get(mode, side, F.recharge) > 0) return 'recharge'
  const own = ctx.battlers[side].move
  if (get(mode, side, F.lockDuration) > 0 || get(mode, side, F.charging) > 0 || get(mode, side, F.bide) > 0) {
    return own
  }
  return choosesStruggle(ctx, mode, side, own) ? ctx.struggle : own
}

function choosesStruggle(ctx: SolveContext, mode: Mode, side: Side, own: Move): boolean {
  if (ppLeft(ctx, mode, side) <= 0) return true
  if (get(mode, side, F.disable) > 0 && get(mode, side, F.lastMove) === 1) return true
  return get(mode, side, F.taunt) > 0 && own.category === 'Status'
}

/**
 * Turn start: record the choices, add Counter / Mirror Coat's volatile (their `beforeTurnCallback`
 * runs before any move), clear the per-turn flags and sort the two actions by priority then speed
 * (a tie is a fair coin, the engine's shuffle). Returns one or two branches (state with `T_ORDER`
 * = the side that acts first).
 *
 * @param owned the caller gives `mode` up: the first branch's state is `mode` itself
 * @example
 * turnStart(ctx, mode) // [{ p: 1, next }] or two halves on a speed tie
 */
export function turnStart(ctx: SolveContext, mode: Mode, owned = false): { p: number; next: Mode }[] {
  // every read of `mode` comes first: a caller that gives `mode` up (`owned`) saves a copy
  const plannedA = plannedMove(ctx, mode, 0)
  const plannedB = plannedMove(ctx, mode, 1)
  const outOfPpA = ppLeft(ctx, mode, 0) <= 0
  const outOfPpB = ppLeft(ctx, mode, 1) <= 0
  const speedA = actionSpeed(ctx, mode, 0)
  const speedB = actionSpeed(ctx, mode, 1)
  const base = owned ? mode : cloneMode(mode)
  const priorityA = choose(base, 0, plannedA, outOfPpA)
  const priorityB = choose(base, 1, plannedB, outOfPpB)
  const aFirst = priorityA - priorityB || speedA - speedB
  if (aFirst !== 0) {
    base[T_ORDER] = aFirst > 0 ? 0 : 1
    return [{ p: 1, next: base }]
  }
  const other = cloneMode(base)
  base[T_ORDER] = 0
  other[T_ORDER] = 1
  return [
    { p: 0.5, next: base },
    { p: 0.5, next: other },
  ]
}

/** Records `side`'s choice in `base` (Struggle, out of PP, Counter's volatile); returns its priority. */
function choose(base: Mode, side: Side, move: Move | 'recharge', outOfPp: boolean): number {
  const struggling = move !== 'recharge' && move.id === 'struggle'
  set(base, side, F.choice, struggling ? 1 : 0)
  if (outOfPp) set(base, side, F.ppOut, 1)
  set(base, side, F.moved, 0)
  const beforeTurn = move !== 'recharge' && (move.id === 'counter' || move.id === 'mirrorcoat')
  set(base, side, F.counter, beforeTurn ? 1 : 0)
  return move === 'recharge' ? 0 : move.priority
}
