import type { Side } from '../solver/kernel.ts'
import { F, MODE_SIZE, type Mode, SIDE_SIZE, T_ORDER } from '../solver/mode.ts'
import { type Game, type GameSide, STRUGGLE } from './setup.ts'

/**
 * The state of the optimal-play game: the fixed-move solver's discrete state (`Mode`, whose rules
 * the game reuses) followed by the facts that only exist when a side has several moves, per side:
 *
 * - `last`: the last move it used (slot 1–4, 5 = Struggle, 0 = none), kept only when the foe can
 *   Disable it or the side is locked into it (charge turn, rampage, Bide);
 * - `cur`: the move it uses this turn (set at the turn's start, cleared once it has acted, unless
 *   the foe still needs it: a Dig / Fly user hiding, a pending Counter);
 * - `dis`, `disTurns`: which slot is disabled and for how many more turns (the solver's own
 *   `F.disable` holds the count only while the side uses that very move);
 * - `pp`: PP used per slot, for the slots whose PP is counted (see `GameSide.tracked`).
 *
 * The solver's rules copy these fields along untouched (they slice the whole array), so one
 * Int32Array is the whole state and interning works unchanged.
 */
export const X = { last: 0, cur: 1, dis: 2, disTurns: 3, pp: 4 } as const
export const EXT_SIDE = 8
export const STATE_SIZE = MODE_SIZE + 2 * EXT_SIDE

/** Reads an extension field. */
export function xget(state: Mode, side: Side, field: number): number {
  return state[MODE_SIZE + side * EXT_SIDE + field]!
}

/** Writes an extension field (the state must be owned by the caller). */
export function xset(state: Mode, side: Side, field: number, value: number): void {
  state[MODE_SIZE + side * EXT_SIDE + field] = value
}

function field(state: Mode, side: Side, f: number): number {
  return state[side * SIDE_SIZE + f]!
}

function setField(state: Mode, side: Side, f: number, value: number): void {
  state[side * SIDE_SIZE + f] = value
}

/** PP left in a slot (0-based); untracked slots never run out. */
export function ppLeftOf(game: Game, state: Mode, side: Side, slot: number): number {
  const gameSide = game.sides[side]
  if (!gameSide.tracked[slot]) return Number.POSITIVE_INFINITY
  return gameSide.maxPp[slot]! - xget(state, side, X.pp + slot)
}

/** The side cannot choose: recharging, or locked into a charge move, a rampage or Bide. */
export function isLocked(state: Mode, side: Side): boolean {
  return (
    field(state, side, F.recharge) > 0 ||
    field(state, side, F.lockDuration) > 0 ||
    field(state, side, F.charging) > 0 ||
    field(state, side, F.bide) > 0
  )
}

/**
 * What a side may do at the start of a turn, as `cur` codes: a locked side has one (its last move,
 * or 0 when recharging); otherwise every slot with PP left that is neither disabled nor a status
 * move under Taunt (the engine's `disableMove` at request time); with none, Struggle.
 */
export function choicesOf(game: Game, state: Mode, side: Side): number[] {
  if (field(state, side, F.recharge) > 0) return [0]
  if (isLocked(state, side)) return [xget(state, side, X.last)]
  const gameSide = game.sides[side]
  const taunted = field(state, side, F.taunt) > 0
  const disabled = xget(state, side, X.disTurns) > 0 ? xget(state, side, X.dis) : 0
  const out: number[] = []
  for (let slot = 0; slot < gameSide.moves.length; slot++) {
    if (ppLeftOf(game, state, side, slot) <= 0) continue
    if (disabled === slot + 1) continue
    if (taunted && gameSide.moves[slot]!.category === 'Status') continue
    out.push(slot + 1)
  }
  return out.length > 0 ? out : [STRUGGLE]
}

/**
 * The turn-start state seen by the solver's rules once both sides chose: `cur` set, the solver's
 * `lastMove` (1 = a move, 2 = Struggle) from `last`, and `F.disable` only for a side locked into
 * its disabled move (a side that chose freely never chose the disabled one).
 *
 * @param out where to write it (a caller's scratch buffer: a turn state has up to 16 pairs of
 *   choices, most leading to states met before, so a new array per pair was mostly garbage)
 */
export function project(
  state: Mode,
  curA: number,
  curB: number,
  out: Mode = new Int32Array(state.length),
): Mode {
  out.set(state)
  for (let s = 0; s < 2; s++) {
    const side = s as Side
    const cur = side === 0 ? curA : curB
    xset(out, side, X.cur, cur)
    const last = xget(state, side, X.last)
    setField(out, side, F.lastMove, last === 0 ? 0 : last === STRUGGLE ? 2 : 1)
    const disTurns = xget(state, side, X.disTurns)
    setField(
      out,
      side,
      F.disable,
      disTurns > 0 && xget(state, side, X.dis) === cur && cur !== 0 ? disTurns : 0,
    )
  }
  return out
}

/**
 * After a side acted: forget what no later rule reads, so that states reached through different
 * moves coincide (the choice, `cur` unless the foe's moves still read it, `last` unless kept).
 * A Disable count held by `F.disable` moves to `disTurns` (the lift counts it down instead).
 */
export function settleActor(gameSide: GameSide, state: Mode, side: Side): void {
  setField(state, side, F.choice, 0)
  const cur = xget(state, side, X.cur)
  const needed = field(state, side, F.invulnerable) > 0 || field(state, side, F.counter) > 0
  if (!needed && cur !== 0) {
    if (xget(state, side, X.dis) === cur && field(state, side, F.disable) > 0) {
      xset(state, side, X.disTurns, field(state, side, F.disable))
      setField(state, side, F.disable, 0)
    }
    xset(state, side, X.cur, 0)
  }
  if (!gameSide.keepLast && !isLocked(state, side)) {
    xset(state, side, X.last, 0)
    setField(state, side, F.lastMove, 0)
  }
}

/**
 * End of turn, after the residual: count Disable down where the solver's rules did not, clear the
 * turn's fields (order, choices, `cur`, `lastMove`), and normalise what does not matter (the action
 * counter of a side without Fake Out), giving the next turn-start state.
 */
export function lift(game: Game, state: Mode): Mode {
  for (let s = 0; s < 2; s++) {
    const side = s as Side
    const gameSide = game.sides[side]
    const cur = xget(state, side, X.cur)
    const dis = xget(state, side, X.dis)
    if (dis !== 0) {
      const turns =
        dis === cur && cur !== 0
          ? field(state, side, F.disable)
          : Math.max(0, xget(state, side, X.disTurns) - 1)
      xset(state, side, X.disTurns, turns)
      if (turns === 0) xset(state, side, X.dis, 0)
    }
    setField(state, side, F.disable, 0)
    xset(state, side, X.cur, 0)
    setField(state, side, F.lastMove, 0)
    setField(state, side, F.choice, 0)
    if (!gameSide.keepLast && !isLocked(state, side)) xset(state, side, X.last, 0)
    if (!gameSide.fakeOut) setField(state, side, F.actions, 2)
  }
  state[T_ORDER] = 0
  return state
}

/** A fresh state (nothing happened yet), normalised like every later one. */
export function initialState(game: Game): Mode {
  const state = new Int32Array(STATE_SIZE)
  for (const side of [0, 1] as const) if (!game.sides[side].fakeOut) setField(state, side, F.actions, 2)
  return state
}
