import { foeControl } from './control.ts'
import { attackerAction } from './race-attacker.ts'
import { endOfTurn } from './race-aux.ts'
import { duel } from './race-duel.ts'
import { mergeActionSlots, type RaceResult, raceOutcome, selfDestructs } from './race-outcome.ts'
import { planPhases, type RaceFighter, TURN_CAP } from './race-plan.ts'
import { targetAction } from './race-target.ts'
import { accuracyAt, phaseAt, type Racer, racer } from './race-timing.ts'

export type { RaceResult } from './race-outcome.ts'
export type { RaceFighter } from './race-plan.ts'

const EPS = 1e-10

/**
 * @example
 * race(pikachuThunderbolt, squirtleTackle, 1).winA // ≈ 1
 */
export function race(fa: RaceFighter, fb: RaceFighter, aFirst: number, turns = TURN_CAP): RaceResult {
  // most battles are settled in a few turns: plan and follow a short horizon first, and the whole
  // turn cap only when some probability is still in play at its end (same answer, less work)
  if (turns > SHORT_HORIZON) {
    const short = raceWithin(fa, fb, aFirst, SHORT_HORIZON, turns)
    if (short.finished) return short.result
  }
  return raceWithin(fa, fb, aFirst, turns, turns).result
}

const SHORT_HORIZON = 40

function raceWithin(
  fa: RaceFighter,
  fb: RaceFighter,
  aFirst: number,
  turns: number,
  cap: number,
): { result: RaceResult; finished: boolean } {
  const first = aFirst >= 0.5
  const [phasesA, phasesB] = planPhases(fa.mech, fb.mech, first, turns)
  const a = racer(fa, phasesA, turns)
  const b = racer(fb, phasesB, turns)
  if (a.mech.selfDestruct || b.mech.selfDestruct)
    return { result: selfDestructs(a, b, aFirst), finished: true }
  const onA = foeControl(inflicter(b, a, !first), a.immune, turns)
  const onB = foeControl(inflicter(a, b, first), b.immune, turns)
  const reflectA = reflects(a, b)
  const reflectB = reflects(b, a)
  const da = koTimes(duel(a, b, first, onA, onB, turns, reflectB), turns)
  const db = koTimes(duel(b, a, !first, onB, onA, turns, reflectA), turns)
  // KO events by time key 3t + slot (0: first mover, 1: second mover, 2: end of turn)
  let koA = da.ko
  let koB = db.ko
  if (reflectA) koA = db.reflect
  if (reflectB) koB = da.reflect
  if (aFirst === 0.5) {
    koA = mergeActionSlots(koA)
    koB = mergeActionSlots(koB)
  }
  return {
    result: raceOutcome(koA, koB, reflectA || reflectB, cap),
    finished: da.finished && db.finished,
  }
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

/** Counter / Mirror Coat / Bide against a move of the kind they return. */
function reflects(x: RaceFighter, y: RaceFighter): boolean {
  const kind = x.mech.reflects
  if (!kind || !y.mech.damaging || y.mech.reflects) return false
  return kind === 'any' || (kind === 'physical') === y.mech.physical
}

function inflicter(x: Racer, y: Racer, xFirst: boolean) {
  return {
    mech: x.mech,
    usesMove: (t: number) => phaseAt(x, t) === 'move',
    accuracy: (t: number) => accuracyAt(x, y, xFirst, t),
    first: xFirst ? 1 : 0,
  }
}
