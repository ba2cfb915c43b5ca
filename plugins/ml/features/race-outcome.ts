import type { RaceFighter } from './race-plan.ts'

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
 * same-slot KO is shared. The two directions are independent, except when one side returns
 * damage (`joint`): then both series are slices of one distribution and simply add up.
 * `cap` is the turn cap: mass still in play then counts as a battle of `cap` turns.
 *
 * @example
 * const ko = new Float64Array(9); ko[3] = 1 // B faints to the first action of turn 1
 * raceOutcome(ko, new Float64Array(9), false, 2).winA // 1
 */
export function raceOutcome(koA: Float64Array, koB: Float64Array, joint: boolean, cap: number): RaceResult {
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
      winA += pa * (1 - cumB - 0.5 * pb)
      winB += pb * (1 - cumA - 0.5 * pa)
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

/** Self-Destruct / Explosion: the user faints first, so it loses (both: the one that moves first). */
export function selfDestructs(a: RaceFighter, b: RaceFighter, aFirst: number): RaceResult {
  const both = a.mech.selfDestruct && b.mech.selfDestruct
  const winA = both ? 1 - aFirst : a.mech.selfDestruct ? 0 : 1
  return { winA, winB: 1 - winA, neither: 0, expectedTurns: 1, koTurn1A: 1 - winA, koTurn1B: winA }
}
