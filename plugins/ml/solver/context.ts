import type { ModdedDex, Move } from '@pkmn/sim'
import type { Battler } from './battler.ts'
import type { Dist } from './dist.ts'
import type { Side } from './kernel.ts'
import type { Mode } from './mode.ts'
import { at, F } from './mode.ts'
import { createTypeOracle, type TypeOracle } from './type-oracle.ts'

/**
 * Everything the turn rules of one solve read: the dex, both battlers, the Struggle move and
 * caches of per-state computations (damage distributions depend on a few stages and flags only).
 */
export interface SolveContext {
  readonly dex: ModdedDex
  readonly battlers: readonly [Battler, Battler]
  readonly struggle: Move
  /** Memoised type-chart lookups (shared by the solver's solves). */
  readonly types: TypeOracle
  /**
   * Damage distributions by key (side, move, stages, flags); see `hit.ts`. They depend on the two
   * forms, not on the moves they repeat, so the solves of one pair of forms may share them.
   */
  readonly dists: Map<string, Dist>
  /** The turn being played (1-based), set by the solver loop; PP left depends on it. */
  turn: number
  /**
   * Whether each side's PP is tracked. An untracked side is treated as never running out, which is
   * exact up to the turn its PP could first run out (its max PP): the solver checks that the
   * battle was settled by then, and solves again with tracking otherwise (see `solveForward`).
   * Not tracking spares a state per PP count when a side often cannot move (freeze, paralysis).
   */
  trackPp: [boolean, boolean]
  /**
   * Turns without PP payment to add to each side's `F.ppSkips` when counting PP left. Set only
   * while a kernel is built once for every state that differs in PP count alone (see `phases.ts`):
   * the rules then see the PP left of the real state in a state whose count is zero.
   */
  ppSkipsBias?: [number, number]
}

/** @example const ctx = createContext(engine.dex, [pikachu, squirtle]) */
export function createContext(
  dex: ModdedDex,
  battlers: readonly [Battler, Battler],
  types: TypeOracle = createTypeOracle(dex),
  dists: Map<string, Dist> = new Map(),
): SolveContext {
  return {
    dex,
    battlers,
    struggle: dex.moves.get('struggle'),
    types,
    dists,
    turn: 1,
    trackPp: [true, true],
    ppSkipsBias: [0, 0],
  }
}

/**
 * PP a side has left now: its move's max PP minus the turns before this one in which it paid PP,
 * minus this turn's payment if made (see `F.ppSkips`).
 */
export function ppLeft(ctx: SolveContext, mode: Mode, side: Side): number {
  if (!ctx.trackPp[side]) return Number.POSITIVE_INFINITY
  if (get(mode, side, F.ppOut) > 0) return 0
  const paidBefore = ctx.turn - 1 - get(mode, side, F.ppSkips) - (ctx.ppSkipsBias?.[side] ?? 0)
  return ctx.battlers[side].maxPp - paidBefore - get(mode, side, F.ppSpent)
}

/** The other side. */
export function foeOf(side: Side): Side {
  return side === 0 ? 1 : 0
}

/** Reads a side field of a mode. */
export function get(mode: Mode, side: Side, field: number): number {
  return mode[at(side, field)]!
}

/** Writes a side field of a mode (the mode must be owned by the caller). */
export function set(mode: Mode, side: Side, field: number, value: number): void {
  mode[at(side, field)] = value
}

/** The move a side uses this turn: its own, or Struggle when it chose to. */
export function chosenMove(ctx: SolveContext, mode: Mode, side: Side): Move {
  return get(mode, side, F.choice) === 1 ? ctx.struggle : ctx.battlers[side].move
}

/** Types a side has now: Conversion may have changed them, Roost removes Flying for a turn. */
export function typesOf(ctx: SolveContext, mode: Mode, side: Side): readonly string[] {
  const changed = get(mode, side, F.typeChange)
  let types = changed === 0 ? ctx.battlers[side].types : [ctx.dex.types.all()[changed - 1]!.name]
  if (get(mode, side, F.roost) === 1) {
    types = types.filter((type) => type !== 'Flying')
    if (types.length === 0) types = ['Normal']
  }
  return types
}

/** Stat stage multipliers 0 … +6 (a drop divides by the same). */
const STAGE_MULTIPLIERS = [1, 1.5, 2, 2.5, 3, 3.5, 4] as const

/**
 * Speed that orders the turn (`getActionSpeed`): stat stage, then paralysis halves it, truncated
 * to 13 bits as the engine does.
 */
export function actionSpeed(ctx: SolveContext, mode: Mode, side: Side): number {
  const stored = ctx.battlers[side].stats.spe
  const stage = get(mode, side, F.spe)
  let speed =
    stage >= 0
      ? Math.floor(stored * STAGE_MULTIPLIERS[stage]!)
      : Math.floor(stored / STAGE_MULTIPLIERS[-stage]!)
  if (get(mode, side, F.status) === 1) speed = Math.floor((speed * 50) / 100)
  return speed % 8192
}
