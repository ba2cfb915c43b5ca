import type { RaceFighter } from './race-plan.ts'

/** `struggleTurn*` when a side does not Struggle within the first 40 turns (short horizon + 1). */
export const NO_STRUGGLE = 41

/**
 * A cheap estimate of a fixed-move battle, for the features (the exact solver is 10³–10⁵ times
 * slower): each side's damage to the other is followed exactly — damage rolls, crits, multi-hit,
 * accuracy with stages, PP then Struggle, charge / recharge / hiding turns, Fake Out's one turn,
 * trapping, poison / Toxic / burn / Leech Seed chip, self-drops, healing, Rest, recoil, drain,
 * crash, confusion self-hits, Protect, screens, stat-stage schedules — but the two sides are
 * treated as independent (what one side's status does to the other's actions enters as per-turn
 * marginals). The model learns what this independence gets wrong.
 */
export interface RaceResult {
  readonly winA: number
  readonly winB: number
  /** Neither side fainted within the turn cap (or both at once). */
  readonly neither: number
  readonly expectedTurns: number
  /** P(B faints in turn 1) and P(A faints in turn 1). */
  readonly koTurn1A: number
  readonly koTurn1B: number
  /**
   * The turn each side starts to Struggle (its PP gone, PP kept while it could not act), or 41
   * when not within the first 40 turns of a battle settled by then: who runs dry first decides
   * most long battles (status against status, Rest, Protect, Counter against no damage).
   */
  readonly struggleTurnA: number
  readonly struggleTurnB: number
}

/**
 * A speed tie is a coin flip each turn: both actions share one slot (a same-slot KO then splits
 * evenly between the sides in `raceOutcome`).
 */
export function mergeActionSlots(ko: Float64Array): Float64Array {
  const out = new Float64Array(ko)
  for (let k = 0; k + 1 < out.length; k += 3) {
    out[k]! += out[k + 1]!
    out[k + 1] = 0
  }
  return out
}

/**
 * Who wins, from the times at which each side faints (by key 3t + slot): the first KO wins, a
 * same-slot KO goes to the side that fainted last (`tieShareA`; `aFirst`: 1, 0, or 0.5 shared;
 * `aFaster` orders the end-of-turn chip). The two directions are independent, except when one side returns
 * damage (`joint`): then both series are slices of one distribution and simply add up.
 * `cap` is the turn cap: mass still in play then counts as a battle of `cap` turns.
 *
 * @example
 * const ko = new Float64Array(9); ko[3] = 1 // B faints to the first action of turn 1
 * raceOutcome(ko, new Float64Array(9), false, 2).winA // 1
 */
export function raceOutcome(
  koA: Float64Array,
  koB: Float64Array,
  joint: boolean,
  cap: number,
  aFirst = 0.5,
  aFaster = aFirst,
): Omit<RaceResult, 'struggleTurnA' | 'struggleTurnB'> {
  let winA = 0
  let winB = 0
  let cumA = 0
  let cumB = 0
  let expected = 0
  let survive = 1
  for (let k = 3; k < koA.length; k++) {
    const pa = koA[k]!
    const pb = koB[k]!
    if (joint) {
      winA += pa
      winB += pb
    } else {
      const share = tieShareA(k, aFirst, aFaster)
      winA += pa * (1 - cumB - (1 - share) * pb)
      winB += pb * (1 - cumA - share * pa)
    }
    cumA += pa
    cumB += pb
    const next = joint ? 1 - cumA - cumB : (1 - cumA) * (1 - cumB)
    expected += Math.floor(k / 3) * (survive - next)
    survive = next
  }
  expected += cap * Math.max(0, survive)
  const turn1 = (ko: Float64Array) => ko[3]! + ko[4]! + ko[5]!
  return {
    winA,
    winB,
    neither: Math.max(0, 1 - winA - winB),
    expectedTurns: expected,
    koTurn1A: turn1(koA),
    koTurn1B: turn1(koB),
  }
}

/**
 * A's share of a same-slot double KO at time key k: from Gen 5 on the side that fainted last wins.
 * In an action slot the actor hit and fell to its own recoil (Struggle, Double-Edge…): the actor.
 * At the end of the turn the chip comes in Speed order, so the faster side faints first and the
 * slower one wins (Toxic against Toxic: 0.909 for the slower, not even). A speed tie shares it.
 */
function tieShareA(k: number, aFirst: number, aFaster: number): number {
  const slot = k % 3
  if (slot === 2) return aFaster === 0.5 ? 0.5 : aFaster > 0.5 ? 0 : 1
  if (aFirst === 0.5) return 0.5
  return (slot === 0) === aFirst >= 0.5 ? 1 : 0
}

/** A reflector's side of a race: its wins and losses, and the battle's expected length. */
export interface ReflectOutcome {
  readonly win: number
  readonly lose: number
  readonly expectedTurns: number
  /** P(it wins in turn 1), P(it loses in turn 1). */
  readonly winTurn1: number
  readonly loseTurn1: number
}

/**
 * Who wins when one side returns damage (Counter, Mirror Coat, Bide): its wins by returning hits
 * (`returned`) and its faints (`fainted`) are slices of one distribution — its own HP — while the
 * foe fainting by other means (its own recoil or Struggle, the reflector's Struggle once dry,
 * chip: `otherwise`) is followed on the foe's HP, independently. The first event wins; a same-slot
 * event is shared.
 *
 * @example
 * reflectOutcome(returned, fainted, otherwise, 200).win
 */
export function reflectOutcome(
  returned: Float64Array,
  fainted: Float64Array,
  otherwise: Float64Array,
  cap: number,
): ReflectOutcome {
  let win = 0
  let lose = 0
  let cumJoint = 0
  let cumOther = 0
  let expected = 0
  let survive = 1
  for (let k = 3; k < returned.length; k++) {
    const w = returned[k]!
    const l = fainted[k]!
    const q = otherwise[k]!
    const otherLeft = 1 - cumOther - 0.5 * q
    win += w * otherLeft + q * (1 - cumJoint - 0.5 * (w + l))
    lose += l * otherLeft
    cumJoint += w + l
    cumOther += q
    const next = Math.max(0, 1 - cumJoint) * Math.max(0, 1 - cumOther)
    expected += Math.floor(k / 3) * (survive - next)
    survive = next
  }
  expected += cap * Math.max(0, survive)
  const turn1 = (ko: Float64Array) => ko[3]! + ko[4]! + ko[5]!
  return {
    win,
    lose,
    expectedTurns: expected,
    winTurn1: Math.min(1, turn1(returned) + turn1(otherwise)),
    loseTurn1: turn1(fainted),
  }
}

/** Self-Destruct / Explosion: the user faints first, so it loses (both: the one that moves first). */
export function selfDestructs(a: RaceFighter, b: RaceFighter, aFirst: number): RaceResult {
  const both = a.mech.selfDestruct && b.mech.selfDestruct
  const winA = both ? 1 - aFirst : a.mech.selfDestruct ? 0 : 1
  return {
    winA,
    winB: 1 - winA,
    neither: 0,
    expectedTurns: 1,
    koTurn1A: 1 - winA,
    koTurn1B: winA,
    struggleTurnA: NO_STRUGGLE,
    struggleTurnB: NO_STRUGGLE,
  }
}
