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
  /**
   * Hitting itself in confusion (40 BP typeless on itself) under its own Attack and Defence
   * stages: a Defense Curl user's self-hits shrink as it curls, a Swords Dance user's grow.
   */
  confusion(attackBoost: number, defenseBoost: number): Dist
  /** Major statuses its types make it immune to. */
  readonly immune: ReadonlySet<StatusKind>
  /** Leech Seed cannot take (Grass). */
  readonly unseedable: boolean
  /** Its move reaches a foe hiding with Dig / Fly (Earthquake on Dig; Gust, Thunder on Fly). */
  readonly reachesHidden: boolean
  /**
   * Its Counter / Mirror Coat / Bide returns the foe's damage: the foe's move is of the kind it
   * returns, its type can touch the foe (Counter never hits a Ghost, Mirror Coat never a Dark; Bide
   * ignores immunities), and the foe's hit comes first in the turn (Dragon Tail at −6 comes after
   * Counter's −5, which then fails). False for every other move.
   */
  readonly reflectsFoe: boolean
  /**
   * HP it must lose per HP it returns, ×2: Counter and Mirror Coat return twice the *last* hit only
   * (a 2–5-hit move: its mean hits); Bide twice what it stored (1: at its first release, on its
   * third turn and before the foe's hit, the HP it lost is exactly what it stored).
   */
  readonly reflectPerHits: number
}

/** What a side does at turn t when it acts. */
export type Phase = 'move' | 'charge' | 'fail' | 'struggle'

/**
 * What each side does turn by turn, assuming both act every turn: its move while PP lasts (a
 * charge turn then the hit for two-turn moves; Fake Out works once, then fails; Bide, Rest and
 * rampages pay PP once for several turns; Hyper Beam's recharge turns pay none), then Struggle —
 * and Struggle too while Taunt forbids its status move, or once when the foe's Disable holds its
 * only move (then it cannot act until Disable ends; Disable needs the move to have been used last,
 * so it lands every fifth turn or so).
 * Index t = 1…turns; index 0 is unused. `blocked[i][t]`, when given, is side i's chance to lose
 * its action at turn t (its PP then lasts longer).
 *
 * @example
 * planPhases(solarBeamUser, tackleUser, true, 4)[0] // [_, 'charge', 'move', 'charge', 'move']
 */
export function planPhases(
  a: MoveMechanics,
  b: MoveMechanics,
  aFirst: boolean,
  turns: number,
  blocked?: readonly [Float64Array, Float64Array],
): [Phase[], Phase[]] {
  const sides = [a, b].map((mech) => ({
    mech,
    paid: 0,
    charging: false,
    usedOnce: false,
    lastMove: false,
    disabled: 0,
    taunted: 0,
    /** Disabled or taunted this turn before acting: the chosen move fails ("can't"). */
    stopped: false,
  }))
  const phases: [Phase[], Phase[]] = [['fail'], ['fail']]
  const order = aFirst ? [0, 1] : [1, 0]
  for (let t = 1; t <= turns; t++) {
    const now: Phase[] = ['fail', 'fail']
    for (const i of order) {
      const side = sides[i]!
      const foe = sides[1 - i]!
      const m = side.mech
      const taunted = side.taunted > 0 && !m.damaging && !m.reflects
      const disabled = side.disabled > 0
      let phase: Phase
      if ((disabled || taunted) && side.stopped) phase = 'fail'
      // a disabled side Struggles only when its own move was its last one (the engine's choice,
      // as the solver keeps it): after one Struggle it picks its move again, and cannot use it
      else if (taunted || (disabled && side.lastMove)) phase = 'struggle'
      else if (disabled) phase = 'fail'
      else if ((m.charge || m.semiInvulnerable) && side.charging) {
        side.charging = false
        phase = 'move'
      } else if (side.paid + 1 / m.turnsPerPp > m.maxPp + 1e-9) phase = 'struggle'
      else {
        // a side that cannot act (asleep, paralysed, flinched…) pays no PP: with `blocked` (each
        // side's chance to lose its action, turn by turn) PP is paid in expectation, so a side
        // the foe keeps asleep runs out later — which decides long status-against-status battles
        const acts = 1 - (blocked?.[i]?.[t] ?? 0)
        side.paid += (m.recharge ? 0.5 : 1 / m.turnsPerPp) * acts
        if (m.charge || m.semiInvulnerable) {
          side.charging = true
          phase = 'charge'
        } else if (m.firstTurnOnly && side.usedOnce) phase = 'fail'
        else phase = 'move'
        side.usedOnce = true
      }
      now[i] = phase
      // the last move used: Struggle, or its own (Fake Out failing is still used); a side that
      // cannot act ("can't", Disable or Taunt) keeps the one it had
      if (phase === 'struggle') side.lastMove = false
      else if (phase !== 'fail' || !(disabled || taunted)) side.lastMove = true
      // Disable / Taunt on the foe (both never miss here: 100 % accuracy, no evasion schedule).
      // A foe that has not moved yet loses this turn, then struggles 3 (Disable) or 2 (Taunt) turns;
      // one that has moved struggles the next 4 or 3 (the engine's counters, as the solver keeps them)
      const foeMoved = order.indexOf(1 - i) < order.indexOf(i)
      if (phase === 'move' && m.disable && foe.disabled === 0 && foe.lastMove) {
        foe.disabled = foeMoved ? 5 : 4
        foe.stopped = !foeMoved
      }
      if (phase === 'move' && m.taunt && foe.taunted === 0) {
        foe.taunted = foeMoved ? 4 : 3
        foe.stopped = !foeMoved && !foe.mech.damaging
      }
    }
    for (const side of sides) {
      if (side.disabled > 0) side.disabled--
      if (side.taunted > 0) side.taunted--
      side.stopped = false
    }
    phases[0].push(now[0]!)
    phases[1].push(now[1]!)
  }
  return phases
}

/**
 * A side's phase at turn t on its own (no Disable or Taunt from the foe).
 *
 * @example
 * phaseOf(solarBeam, 1) // 'charge'
 */
export function phaseOf(mech: MoveMechanics, t: number): Phase {
  return planPhases(mech, mech, true, t)[0][t]!
}

/** Uses of its own move (not Struggle) in the first `turns` turns of a phase table. */
export function usesIn(phases: readonly Phase[], turns: number): number {
  let uses = 0
  for (let t = 1; t <= Math.min(turns, phases.length - 1); t++) if (phases[t] === 'move') uses++
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
export function protectSchedule(mech: MoveMechanics, phases: readonly Phase[], turns: number): Float64Array {
  const out = new Float64Array(turns + 1)
  if (!mech.protect) return out
  let streak = new Float64Array(8)
  streak[0] = 1
  for (let t = 1; t <= turns; t++) {
    if (phases[t] !== 'move') break
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
