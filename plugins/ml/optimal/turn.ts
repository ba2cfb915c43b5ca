import type { Side } from '../solver/kernel.ts'
import type { Leaf } from '../solver/leaf.ts'
import { cloneMode, F, type Mode, SIDE_SIZE, T_ORDER } from '../solver/mode.ts'
import { actionLeavesFrom } from '../solver/phases.ts'
import { residual } from '../solver/residual.ts'
import { turnStart } from '../solver/turn-start.ts'
import { type Game, STRUGGLE } from './setup.ts'
import { lift, ppLeftOf, project, settleActor, X, xget, xset } from './state.ts'

/**
 * One turn of the multi-move game, phase by phase, on top of the fixed-move solver's rules: each
 * phase runs the solver's own code with a context whose battlers hold the moves the sides use
 * this turn (`Game.context`), then fixes up the facts the one-move rules cannot know (which move
 * was used, PP per move, which move Disable hits).
 */

function field(state: Mode, side: Side, f: number): number {
  return state[side * SIDE_SIZE + f]!
}

function setField(state: Mode, side: Side, f: number, value: number): void {
  state[side * SIDE_SIZE + f] = value
}

/**
 * The turn's start once A chose `curA` and B `curB`: the solver's `turnStart` (Counter's volatile,
 * the order by priority then speed, a tie a coin) on the projected state. Returns the states in
 * which the first action is taken.
 *
 * @param scratch a buffer to work in (the first state returned is then `scratch` itself: the
 *   caller copies it if it keeps it); by default a new array
 */
export function startStates(
  game: Game,
  state: Mode,
  curA: number,
  curB: number,
  scratch?: Mode,
): { p: number; next: Mode }[] {
  const projected = project(state, curA, curB, scratch)
  const branches = turnStart(game.context(curA, curB), projected, true)
  for (const { next } of branches) {
    if (curA === STRUGGLE) setField(next, 0, F.choice, 1)
    if (curB === STRUGGLE) setField(next, 1, F.choice, 1)
  }
  return branches
}

/** Who acts in an action state: the first mover until it has moved, then the other. */
export function actorOf(state: Mode): Side {
  const first = state[T_ORDER]! as Side
  return field(state, first, F.moved) === 0 ? first : ((1 - first) as Side)
}

/**
 * Every outcome of the acting side's action (`runMove` then the move, the solver's rules), with the
 * multi-move facts updated: the move used becomes `last` and pays PP (the rules mark a use by
 * writing `F.lastMove`, which is cleared before the action to see it), and a Disable that landed
 * is pinned on the slot the foe used last (undone when that slot has no PP or the foe is already
 * disabled, as the engine's Disable fails then; kept out of `F.disable` when the foe is about to
 * use another move, so that the rules do not stop it).
 */
export function actionOutcomes(game: Game, state: Mode): Leaf[] {
  return actionCore(game, state, game.sides[actorOf(state)].tracked).leaves
}

/** A chance state's outcomes with, per leaf, the slot (0–3) whose PP the action paid, or −1. */
export interface Outcomes {
  readonly leaves: Leaf[]
  /** null: no leaf paid PP (the residual). */
  readonly paid: Int8Array | null
}

/** An action's outcomes, telling whether they depend on what the foe chose this turn. */
export interface ActionOutcomes extends Outcomes {
  /**
   * The rules never read the foe's move (nor pinned a Disable on the foe's slot): the same leaves,
   * with the foe's `cur` in their states, are the outcomes whatever the foe chose (see
   * `Game.actionContext`).
   */
  readonly foeFree: boolean
}

/**
 * `actionOutcomes` counting PP only for the slots in `counted` (per slot of the actor), and
 * telling which slot each leaf paid: what lets `OutcomeCache` compute an action once for every
 * state that differs only in its PP counts, and count them afterwards.
 */
export function actionCore(game: Game, state: Mode, counted: readonly boolean[]): ActionOutcomes {
  const actor = actorOf(state)
  const foe = (1 - actor) as Side
  const cur = xget(state, actor, X.cur)
  const work = cloneMode(state)
  const lastMoveBefore = field(state, actor, F.lastMove)
  const lockedBefore = field(state, actor, F.lockDuration) > 0 || field(state, actor, F.charging) > 0
  setField(work, actor, F.lastMove, 0)
  const { ctx, watch } = game.actionContext(xget(state, 0, X.cur), xget(state, 1, X.cur), actor)
  watch.read = false
  const foeDisabledBefore = field(state, foe, F.disable)
  const leaves = actionLeavesFrom(ctx, { p: 1, m: work, ops: [], done: false }, actor)
  let foeFree = !watch.read
  // every entry is set below
  const paid = new Int8Array(leaves.length)
  const pays = !lockedBefore && cur >= 1 && cur <= 4
  for (let i = 0; i < leaves.length; i++) {
    const m = leaves[i]!.m
    // leaves may share a state: settle it once (a few leaves each: a scan, not a map)
    const known = earlierWith(leaves, i, m)
    if (known >= 0) {
      paid[i] = paid[known]!
      continue
    }
    let slot = -1
    const used = field(m, actor, F.lastMove)
    if (used === 0) setField(m, actor, F.lastMove, lastMoveBefore)
    else if (used === 2) xset(m, actor, X.last, STRUGGLE)
    else {
      xset(m, actor, X.last, cur)
      if (pays) {
        slot = cur - 1
        if (counted[slot]) xset(m, actor, X.pp + slot, xget(m, actor, X.pp + slot) + 1)
      }
    }
    if (foeDisabledBefore === 0 && field(m, foe, F.disable) > 0) {
      // which slot the Disable hits, and whether it holds, read the foe's `cur`
      foeFree = false
      pinDisable(game, m, foe)
    }
    settleActor(game.sides[actor], m, actor)
    paid[i] = slot
  }
  return { leaves, paid, foeFree }
}

/** The first leaf before `end` whose state is `m` itself, or −1. */
function earlierWith(leaves: readonly Leaf[], end: number, m: Mode): number {
  for (let j = 0; j < end; j++) if (leaves[j]!.m === m) return j
  return -1
}

/** A Disable just landed on `foe` (the rules set `F.disable`): which slot, or undo it. */
function pinDisable(game: Game, m: Mode, foe: Side): void {
  const slot = xget(m, foe, X.last)
  const turns = field(m, foe, F.disable)
  const alreadyDisabled = xget(m, foe, X.disTurns) > 0
  if (alreadyDisabled || slot < 1 || slot > 4 || ppLeftOf(game, m, foe, slot - 1) <= 0) {
    setField(m, foe, F.disable, 0)
    return
  }
  xset(m, foe, X.dis, slot)
  xset(m, foe, X.disTurns, turns)
  if (xget(m, foe, X.cur) !== slot) setField(m, foe, F.disable, 0)
}

/** The residual (the solver's rules), then the end-of-turn bookkeeping that yields turn-start states. */
export function residualOutcomes(game: Game, state: Mode): Leaf[] {
  const ctx = game.context(xget(state, 0, X.cur), xget(state, 1, X.cur))
  const leaves = residual(ctx, state)
  // leaves of a residual share states between handler orders: lift each state once (a scan)
  for (let i = 0; i < leaves.length; i++)
    if (earlierWith(leaves, i, leaves[i]!.m) < 0) lift(game, leaves[i]!.m)
  return leaves
}
