import { createModeTable, MODE_SIZE, type Mode } from '../solver/mode.ts'
import type { Game } from './setup.ts'
import { EXT_SIDE, STATE_SIZE, X } from './state.ts'
import { actionCore, actorOf, type Outcomes, residualOutcomes } from './turn.ts'

/**
 * The outcomes of chance states (an action, the residual), shared by every state that differs
 * only in its PP counts, and by every exploration of one solve (`solveGame` explores again when it
 * starts counting a slot's PP).
 *
 * A PP count changes nothing in a turn's rules while the slot has PP left: the solver's rules do
 * not read it (the game's own `ppLeftOf` only matters at a turn's start, and for a Disable on a
 * slot without PP), and the action only adds one to the slot it paid. So the outcomes are computed
 * once on the state with every count at 0 (but those of slots out of PP) — counting nothing,
 * telling which slot each leaf paid (`actionCore`) — then each state gets its counts back, plus
 * one for the slot paid where its game counts that slot. A counting game explores up to (PP + 1) times as many states as the same game
 * without the count, and the rules were most of an exploration's time.
 *
 * The leaves are the same, in the same order, with the same probabilities and HP ops, as the
 * rules give for that state (`outcome-cache.test.ts`): the explored graph does not change.
 * Returned leaves and their states are shared with the cache: read them, never change them.
 */
export interface OutcomeCache {
  /**
   * `residualOutcomes(game, state)` when `residual`, else `actionOutcomes(game, state)`; with the
   * slot each leaf paid (as `actionCore` tells).
   */
  outcomes(game: Game, state: Mode, residual: boolean): Outcomes
}

const NOTHING_COUNTED: readonly boolean[] = [false, false, false, false]
const PP_FIELDS = [0, 1, 2, 3] as const

/**
 * One cache per solve: the games it serves must share their rules (`GameOptions.sameRulesAs`),
 * so that the HP ops of cached leaves are the very distributions a fresh exploration would make.
 *
 * @example const cache = createOutcomeCache(); exploreGame(game, initialState(game), limits, cache)
 */
export function createOutcomeCache(): OutcomeCache {
  const table = createModeTable()
  const known = new Map<Mode, Outcomes>()
  const scratch = new Int32Array(STATE_SIZE)
  const entryOf = (game: Game, key: Mode, residual: boolean): Outcomes => {
    let entry = known.get(key)
    if (!entry) {
      entry = residual
        ? { leaves: residualOutcomes(game, key), paid: null }
        : actionCore(game, key, NOTHING_COUNTED)
      known.set(key, entry)
    }
    return entry
  }
  return {
    outcomes(game, state, residual) {
      scratch.set(state)
      const counting = clearCounts(game, scratch)
      const entry = entryOf(game, table.internCopy(scratch), residual)
      const paid = entry.paid
      const counted = residual ? NOTHING_COUNTED : game.sides[actorOf(state)].tracked
      const actor = residual ? 0 : actorOf(state)
      const leaves = entry.leaves.map((leaf, i) => {
        const slot = paid ? paid[i]! : -1
        const pays = slot >= 0 && Boolean(counted[slot])
        if (!counting && !pays) return leaf
        const m = leaf.m.slice()
        copyCounts(state, m)
        if (pays) m[countAt(actor, slot)] = m[countAt(actor, slot)]! + 1
        return { p: leaf.p, m, ops: leaf.ops, done: leaf.done }
      })
      return { leaves, paid }
    },
  }
}

function countAt(side: 0 | 1, slot: number): number {
  return MODE_SIZE + side * EXT_SIDE + X.pp + slot
}

/**
 * Sets the PP counts to 0, except where the slot is out of PP (a Disable on it fails: the state
 * keeps that); true when some count was not 0.
 */
function clearCounts(game: Game, state: Mode): boolean {
  let counting = false
  for (const side of [0, 1] as const) {
    for (const slot of PP_FIELDS) {
      const used = state[countAt(side, slot)]!
      if (used === 0) continue
      counting = true
      if (used < game.sides[side].maxPp[slot]!) state[countAt(side, slot)] = 0
    }
  }
  return counting
}

function copyCounts(from: Mode, to: Mode): void {
  for (const side of [0, 1] as const) {
    for (const slot of PP_FIELDS) to[countAt(side, slot)] = from[countAt(side, slot)]!
  }
}
