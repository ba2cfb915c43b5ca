import type { Dist } from '../solver/dist.ts'
import type { HitStages, UseDamage } from './exact-damage.ts'
import type { MoveMechanics, StatusKind } from './move-mechanics.ts'

/** The engine's turn cap: a battle still running after it counts for nobody. */
export const TURN_CAP = 200

/** One side of the race: its move, its HP and how its moves land on the other side. */
export interface RaceFighter {
  readonly mech: MoveMechanics
  readonly maxhp: number
  /** Its move on the foe under the given stages (callers cache: stages repeat). */
  hit(stages: HitStages): UseDamage
  /** Struggle on the foe (after its PP ran out). */
  struggle(stages: HitStages): UseDamage
  /** Hitting itself in confusion (40 BP typeless on itself). */
  readonly confusionDist: Dist
  /** Major statuses its types make it immune to. */
  readonly immune: ReadonlySet<StatusKind>
  /** Leech Seed cannot take (Grass). */
  readonly unseedable: boolean
  /** Its move reaches a foe hiding with Dig / Fly (Earthquake on Dig; Gust, Thunder on Fly). */
  readonly reachesHidden: boolean
}

/** What a side does at turn t when it acts. */
export type Phase = 'move' | 'charge' | 'fail' | 'struggle'

/**
 * What a side does on its t-th turn, assuming it acts every turn: its move while PP lasts (a charge
 * turn then the hit for two-turn moves; Fake Out works once, then fails; Bide, Rest and rampages
 * pay PP once for several turns), then Struggle.
 *
 * @example
 * phaseOf(solarBeam, 1) // 'charge'
 */
export function phaseOf(mech: MoveMechanics, t: number): Phase {
  const pp = mech.maxPp
  if (mech.charge || mech.semiInvulnerable) {
    if (Math.ceil(t / 2) > pp) return 'struggle'
    return t % 2 === 1 ? 'charge' : 'move'
  }
  if (mech.recharge) return t <= 2 * pp - 1 ? 'move' : 'struggle'
  if (Math.ceil(t / mech.turnsPerPp) > pp) return 'struggle'
  if (mech.firstTurnOnly && t > 1) return 'fail'
  return 'move'
}

/** Uses of its own move (not Struggle) completed in its first `turns` turns. */
export function usesIn(mech: MoveMechanics, turns: number): number {
  let uses = 0
  for (let t = 1; t <= turns; t++) if (phaseOf(mech, t) === 'move') uses++
  return uses
}

/** The move reaches the foe (damage, or a status move aimed at it): Protect and hiding stop it. */
export function targetsFoe(mech: MoveMechanics): boolean {
  if (mech.damaging || mech.reflects) return true
  const foeEffect =
    Object.values(mech.status).some((p) => p > 0) ||
    mech.confusion > 0 ||
    Object.values(mech.foeBoosts).some((d) => d !== 0) ||
    mech.leechSeed ||
    mech.disable ||
    mech.taunt ||
    mech.yawn
  return foeEffect
}

/**
 * P(Protect succeeds) at each turn for a side using it every turn while PP lasts: the engine's
 * 1/3ⁿ chance after n successes in a row, reset by a failure.
 */
export function protectSchedule(mech: MoveMechanics, turns: number): Float64Array {
  const out = new Float64Array(turns + 1)
  if (!mech.protect) return out
  let streak = new Float64Array(8)
  streak[0] = 1
  for (let t = 1; t <= turns; t++) {
    if (phaseOf(mech, t) !== 'move') break
    const next = new Float64Array(8)
    let success = 0
    for (let k = 0; k < 8; k++) {
      const p = streak[k]!
      if (p === 0) continue
      const chance = 1 / 3 ** k
      success += p * chance
      next[Math.min(7, k + 1)]! += p * chance
      next[0]! += p * (1 - chance)
    }
    out[t] = success
    streak = next
  }
  return out
}

/** Stage change of a side's stat after a number of its own and its foe's uses, capped at ±6. */
export function stageAfter(
  own: number,
  ownUses: number,
  foe: number,
  foeUses: number,
  foeAccuracy: number,
): number {
  return Math.max(-6, Math.min(6, Math.round(own * ownUses + foe * foeUses * foeAccuracy)))
}
