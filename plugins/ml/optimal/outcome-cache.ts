import { createModeTable, MODE_SIZE, type Mode } from '../solver/mode.ts'
import type { Game } from './setup.ts'
import { EXT_SIDE, STATE_SIZE, X } from './state.ts'
import { type ActionOutcomes, actionCore, actorOf, type Outcomes, residualOutcomes } from './turn.ts'

/**
 * The outcomes of chance states (an action, the residual), computed once for every state that
 * differs only in its PP counts or, for an action, in what the foe chose this turn; shared by
 * every exploration of one solve (`solveGame` explores again when it starts counting a slot's PP).
 *
 * A PP count changes nothing in a turn's rules while the slot has PP left: the solver's rules do
 * not read it (the game's own `ppLeftOf` only matters at a turn's start, and for a Disable on a
 * slot without PP), and the action only adds one to the slot it paid. So the outcomes are computed
 * once on the state with every count at 0 (but those of slots out of PP) — counting nothing,
 * telling which slot each leaf paid (`actionCore`) — then each state gets its counts back, plus
 * one for the slot paid where its game counts that slot. A counting game explores up to (PP + 1)
 * times as many states as the same game without the count, and the rules were most of an
 * exploration's time.
 *
 * Likewise a turn's first action comes once per choice of the foe (up to 4 states differing only
 * in the foe's `cur`), and most actions never read the foe's move (`ActionOutcomes.foeFree`, told
 * by the rules themselves through `Game.actionContext`): those outcomes are computed once and each
 * state gets its foe's `cur` back. The others (Counter, Sucker Punch, Dig, a Disable landing…)
 * are computed per choice.
 *
 * The leaves are the same, in the same order, with the same probabilities and HP ops, as the
 * rules give for that state once `patchInto` has put its counts and its foe's choice back
 * (`outcome-cache.test.ts`): the explored graph does not change. Returned leaves and their states
 * are shared with the cache: read them, never change them.
 */
export interface OutcomeCache {
  /**
   * `residualOutcomes(game, state)` when `residual`, else `actionOutcomes(game, state)`; with the
   * slot each leaf paid (as `actionCore` tells), and what to put back into each leaf's state
   * (`patch`, valid until the next call; null: the leaves' states are the next states as they are).
   */
  outcomes(game: Game, state: Mode, residual: boolean): SharedOutcomes
}

/** Outcomes shared with other states (see `OutcomeCache`). */
export interface SharedOutcomes extends Outcomes {
  readonly patch: OutcomePatch | null
  /** The cache keeps these very leaves for other states: what is derived from them can be kept too. */
  readonly kept: boolean
}

/** What a shared leaf's state needs to become the explored state's next state (see `patchInto`). */
export interface OutcomePatch {
  /** The explored state. */
  readonly state: Mode
  /** Put its PP counts back. */
  readonly counts: boolean
  /** Index of the foe's `cur` to put back, or −1. */
  readonly foeCur: number
  readonly actor: 0 | 1
  /** Per slot of the actor: its game counts that slot's PP (one more where the leaf paid it). */
  readonly counted: readonly boolean[]
}

/**
 * Writes into `out` the next state of a shared leaf (`leaf`, which paid `paid`: a slot or −1) for
 * the explored state of `patch`.
 */
export function patchInto(out: Mode, leaf: Mode, paid: number, patch: OutcomePatch): void {
  out.set(leaf)
  const state = patch.state
  if (patch.counts) for (let side = 0; side < 2; side++) copyCounts(state, out, side as 0 | 1)
  if (patch.foeCur >= 0) out[patch.foeCur] = state[patch.foeCur]!
  if (paid >= 0 && patch.counted[paid]) out[countAt(patch.actor, paid)] = out[countAt(patch.actor, paid)]! + 1
}

const NOTHING_COUNTED: readonly boolean[] = [false, false, false, false]

/**
 * The rules run for every state, nothing shared: what the cache must equal (its tests compare the
 * graphs explored with either).
 */
export const rulesOutcomes: OutcomeCache = {
  outcomes(game, state, residual) {
    if (residual) return { leaves: residualOutcomes(game, state), paid: null, patch: null, kept: false }
    const { leaves, paid } = actionCore(game, state, game.sides[actorOf(state)].tracked)
    return { leaves, paid, patch: null, kept: false }
  },
}

/**
 * One cache per solve: the games it serves must share their rules (`GameOptions.sameRulesAs`),
 * so that the HP ops of cached leaves are the very distributions a fresh exploration would make.
 *
 * @param keepAll keep every chance state's outcomes (for later explorations of the solve); false:
 *   only those of actions where the foe chose a move (the only ones one exploration meets again
 *   without PP counts)
 * @example const cache = createOutcomeCache(); exploreGame(game, initialState(game), limits, cache)
 */
export function createOutcomeCache(keepAll = true): OutcomeCache {
  const table = createModeTable()
  // by the index of a state in `table`: a residual's outcomes; an action's outcomes valid for any
  // foe's choice (by the state with the foe's `cur` at 0), or DEPENDS; those of one foe's choice
  const residuals: (Outcomes | undefined)[] = []
  const anyChoice: (Computed | typeof DEPENDS | undefined)[] = []
  const perChoice: (ActionOutcomes | undefined)[] = []
  const scratch = new Int32Array(STATE_SIZE)
  const patch = {
    state: scratch as Mode,
    counts: false,
    foeCur: -1,
    actor: 0 as 0 | 1,
    counted: NOTHING_COUNTED,
  }
  const shared = (
    state: Mode,
    entry: Outcomes,
    counts: boolean,
    foeCur: number,
    actor: 0 | 1,
    counted: readonly boolean[],
    kept = true,
  ): SharedOutcomes => {
    const pays = counted !== NOTHING_COUNTED && counted.includes(true)
    if (!counts && foeCur < 0 && !pays) return { leaves: entry.leaves, paid: entry.paid, patch: null, kept }
    patch.state = state
    patch.counts = counts
    patch.foeCur = foeCur
    patch.actor = actor
    patch.counted = counted
    return { leaves: entry.leaves, paid: entry.paid, patch, kept }
  }
  const action = (game: Game, state: Mode, counts: boolean): SharedOutcomes => {
    const actor = actorOf(state)
    const counted = game.sides[actor].tracked
    const at = curAt((1 - actor) as 0 | 1)
    const foeCur = scratch[at]!
    if (!keepAll && foeCur === 0)
      return shared(state, actionCore(game, scratch, NOTHING_COUNTED), counts, -1, actor, counted, false)
    scratch[at] = 0
    const anyIndex = table.indexOf(scratch, true)
    scratch[at] = foeCur
    const known = anyChoice[anyIndex]
    if (known !== undefined && known !== DEPENDS) {
      return shared(state, known.outcomes, counts, known.foeCur === foeCur ? -1 : at, actor, counted)
    }
    let exactIndex = known === DEPENDS ? table.indexOf(scratch, true) : -1
    let outcomes = exactIndex < 0 ? undefined : perChoice[exactIndex]
    if (!outcomes) {
      // the rules do not change `scratch` (the action runs on a copy)
      outcomes = actionCore(game, scratch, NOTHING_COUNTED)
      if (outcomes.foeFree) put(anyChoice, anyIndex, { outcomes, foeCur })
      else {
        put(anyChoice, anyIndex, DEPENDS)
        if (exactIndex < 0) exactIndex = table.indexOf(scratch, true)
        put(perChoice, exactIndex, outcomes)
      }
    }
    return shared(state, outcomes, counts, -1, actor, counted)
  }
  return {
    outcomes(game, state, residual) {
      scratch.set(state)
      const counts = clearCounts(game, scratch)
      if (!residual) return action(game, state, counts)
      if (!keepAll)
        return shared(
          state,
          { leaves: residualOutcomes(game, scratch), paid: null },
          counts,
          -1,
          0,
          NOTHING_COUNTED,
          false,
        )
      const index = table.indexOf(scratch, true)
      let entry = residuals[index]
      if (!entry) {
        entry = { leaves: residualOutcomes(game, table.at(index)), paid: null }
        put(residuals, index, entry)
      }
      return shared(state, entry, counts, -1, 0, NOTHING_COUNTED)
    },
  }
}

/** An action's outcomes valid whatever the foe chose, computed on a state where it chose `foeCur`. */
interface Computed {
  readonly outcomes: ActionOutcomes
  readonly foeCur: number
}

const DEPENDS = Symbol('depends on the foe choice')

/** Sets `list[index]`, the indices before it left undefined but filled (no holes). */
function put<T>(list: (T | undefined)[], index: number, value: T): void {
  while (list.length < index) list.push(undefined)
  list[index] = value
}

function countAt(side: 0 | 1, slot: number): number {
  return MODE_SIZE + side * EXT_SIDE + X.pp + slot
}

function curAt(side: 0 | 1): number {
  return MODE_SIZE + side * EXT_SIDE + X.cur
}

/**
 * Sets the PP counts to 0, except where the slot is out of PP (a Disable on it fails: the state
 * keeps that); true when some count was not 0.
 */
function clearCounts(game: Game, state: Mode): boolean {
  let counting = false
  for (let side = 0; side < 2; side++) {
    const maxPp = game.sides[side]!.maxPp
    for (let slot = 0; slot < 4; slot++) {
      const at = countAt(side as 0 | 1, slot)
      const used = state[at]!
      if (used === 0) continue
      counting = true
      if (used < maxPp[slot]!) state[at] = 0
    }
  }
  return counting
}

function copyCounts(from: Mode, to: Mode, side: 0 | 1): void {
  for (let slot = 0; slot < 4; slot++) to[countAt(side, slot)] = from[countAt(side, slot)]!
}
