import { foeControl } from './control.ts'
import { NEUTRAL } from './exact-damage.ts'
import { STATUS_KINDS, type StatusKind } from './move-mechanics.ts'
import { attackerAction } from './race-attacker.ts'
import { endOfTurn } from './race-aux.ts'
import { duel } from './race-duel.ts'
import {
  mergeActionSlots,
  NO_STRUGGLE,
  type RaceResult,
  raceOutcome,
  reflectOutcome,
  selfDestructs,
} from './race-outcome.ts'
import { type Phase, planPhases, type RaceFighter, TURN_CAP } from './race-plan.ts'
import { targetAction } from './race-target.ts'
import { accuracyAt, phaseAt, type Racer, racer } from './race-timing.ts'

export type { RaceResult } from './race-outcome.ts'
export type { RaceFighter } from './race-plan.ts'

const EPS = 1e-10

/**
 * `aFirst`: A acts first in a turn (1, 0, or 0.5 on a tie); `aFaster`: A is the faster by Speed,
 * which orders the end-of-turn chip (poison, burn, Leech Seed…) whatever the moves' priorities.
 *
 * @example
 * race(pikachuThunderbolt, squirtleTackle, 1).winA // ≈ 1
 */
export function race(
  fa: RaceFighter,
  fb: RaceFighter,
  aFirst: number,
  aFaster = aFirst,
  turns = TURN_CAP,
): RaceResult {
  // most battles are settled in a few turns: plan and follow a short horizon first, and the whole
  // turn cap only when some probability is still in play at its end (same answer, less work)
  if (turns > SHORT_HORIZON) {
    const short = raceWithin(fa, fb, aFirst, aFaster, SHORT_HORIZON, turns)
    if (short.finished) return short.result
  }
  return raceWithin(fa, fb, aFirst, aFaster, turns, turns).result
}

const SHORT_HORIZON = 40

function raceWithin(
  fa: RaceFighter,
  fb: RaceFighter,
  aFirst: number,
  aFaster: number,
  turns: number,
  cap: number,
): { result: RaceResult; finished: boolean } {
  const first = aFirst >= 0.5
  let [phasesA, phasesB] = planPhases(fa.mech, fb.mech, first, turns)
  let a = racer(fa, phasesA, turns)
  let b = racer(fb, phasesB, turns)
  if (a.mech.selfDestruct || b.mech.selfDestruct)
    return { result: selfDestructs(a, b, aFirst), finished: true }
  let onA = foeControl(inflicter(b, a, !first), statusImmunity(a, b), turns)
  let onB = foeControl(inflicter(a, b, first), statusImmunity(b, a), turns)
  if (onA.block.some((p) => p > 0) || onB.block.some((p) => p > 0)) {
    // a side that loses turns keeps its PP: plan again with the blocked turns, then the control
    // the new plan gives (one refinement: the second plan changes little)
    ;[phasesA, phasesB] = planPhases(fa.mech, fb.mech, first, turns, [onA.block, onB.block])
    a = racer(fa, phasesA, turns)
    b = racer(fb, phasesB, turns)
    onA = foeControl(inflicter(b, a, !first), statusImmunity(a, b), turns)
    onB = foeControl(inflicter(a, b, first), statusImmunity(b, a), turns)
  }
  const reflectA = reflects(a, b)
  const reflectB = reflects(b, a)
  const da = koTimes(duel(a, b, first, onA, onB, turns, reflectB), turns)
  const db = koTimes(duel(b, a, !first, onB, onA, turns, reflectA), turns)
  // KO events by time key 3t + slot (0: first mover, 1: second mover, 2: end of turn)
  const slots = (ko: Float64Array) => (aFirst === 0.5 ? mergeActionSlots(ko) : ko)
  const struggles = { struggleTurnA: firstStruggle(phasesA), struggleTurnB: firstStruggle(phasesB) }
  const finished = da.finished && db.finished
  if (reflectA || reflectB) {
    // the reflector's HP chain holds its returns and its faints; the foe's holds the rest
    const [own, foe] = reflectA ? [db, da] : [da, db]
    const o = reflectOutcome(slots(own.reflect), slots(own.ko), slots(foe.ko), cap)
    const [winA, winB] = reflectA ? [o.win, o.lose] : [o.lose, o.win]
    const [koTurn1A, koTurn1B] = reflectA ? [o.winTurn1, o.loseTurn1] : [o.loseTurn1, o.winTurn1]
    return {
      result: {
        winA,
        winB,
        neither: Math.max(0, 1 - winA - winB),
        expectedTurns: o.expectedTurns,
        koTurn1A,
        koTurn1B,
        ...struggles,
      },
      finished,
    }
  }

  return {
    result: { ...raceOutcome(slots(da.ko), slots(db.ko), false, cap, aFirst, aFaster), ...struggles },
    finished,
  }
}

/** The first turn a side Struggles for want of PP (Disable's forced turns aside), capped at 41. */
function firstStruggle(phases: readonly Phase[]): number {
  const last = Math.min(phases.length - 1, NO_STRUGGLE - 1)
  let forced = 0
  for (let t = 1; t <= last; t++) {
    if (phases[t] !== 'struggle') {
      forced = 0
      continue
    }
    // Disable and Taunt force at most 4 turns in a row: a longer run is PP gone
    if (++forced > 4 || t === last) return t - forced + 1
  }
  return NO_STRUGGLE
}

/**
 * The time at which x's side makes y faint (x's hits, y's own recoil / Struggle / crash /
 * confusion, and end-of-turn chip), following y's HP exactly given the schedules.
 */
function koTimes(d: ReturnType<typeof duel>, turns: number) {
  const { chain } = d
  const endTurn = endOfTurn(d)
  for (let t = 1; t <= turns && chain.alive > EPS; t++) {
    for (const slot of [0, 1] as const) {
      if (slot === d.xSlot) attackerAction(d, t)
      else targetAction(d, t)
    }
    endTurn(t)
  }
  return {
    /** Less than EPS of probability was still in play when the horizon ended. */
    finished: chain.alive <= EPS,
    ko: chain.ko,
    /** Wins of the foe by returning damage (Counter & co.), when the foe reflects this side's hits. */
    reflect: chain.reflect,
  }
}

const EVERY_STATUS: ReadonlySet<StatusKind> = new Set(STATUS_KINDS)

/**
 * The major statuses x's move can give y. A Rest user that x's hits keep in its cycle is asleep
 * whenever they land — a faster foe hits before it wakes in its own turn, a slower one after it
 * went back to sleep — so no paralysis, freeze or burn from x's hits ever sticks (Rest cures what
 * came before): without this the race let Ice Punch freeze a Resting Machoke out of its Rests.
 */
function statusImmunity(y: Racer, x: Racer): ReadonlySet<StatusKind> {
  return y.mech.rest && y.mech.turnsPerPp > 1 && x.mech.damaging ? EVERY_STATUS : y.immune
}

/** Counter / Mirror Coat / Bide that can return the foe's hits (`RaceFighter.reflectsFoe`). */
function reflects(x: RaceFighter, _y: RaceFighter): boolean {
  return x.reflectsFoe
}

/**
 * What x's move does to y's actions, turn by turn. A status move stops at y's Substitute once it
 * is up (from y's first use of it; sound moves go through), as the engine's `TryHit` does.
 */
function inflicter(x: Racer, y: Racer, xFirst: boolean) {
  const subFrom = y.mech.substitute && !x.mech.damaging && !x.mech.bypassSub ? y.phases.indexOf('move') : -1
  const behindSub = (t: number) => subFrom > 0 && (t > subFrom || (t === subFrom && !xFirst))
  // a damaging move that cannot touch the foe's type (Thunderbolt on a Ground type) never hits,
  // so none of its secondary effects (Thunderbolt's paralysis) can happen either
  const touches = !x.mech.damaging || x.hit(NEUTRAL).kind !== 'none'
  return {
    mech: x.mech,
    usesMove: (t: number) => touches && phaseAt(x, t) === 'move' && !behindSub(t),
    accuracy: (t: number) => accuracyAt(x, y, xFirst, t),
    first: xFirst ? 1 : 0,
  }
}
