import { hitChance } from '../solver/damage.ts'
import type { Control } from './control.ts'
import { NEUTRAL, type UseDamage } from './exact-damage.ts'
import type { Phase, RaceFighter } from './race-plan.ts'
import { blend, type StagePart, stageParts } from './race-stages.ts'

/** A fighter in one race: what it does each turn, and the uses of its move in its first t turns. */
export interface Racer extends RaceFighter {
  readonly phases: readonly Phase[]
  readonly usesBy: Int32Array
}

/**
 * A fighter with its planned phases and the running count of its uses, so that the stages its
 * move has set by any turn are one array look-up (stages follow uses, not turns).
 */
export function racer(f: RaceFighter, phases: readonly Phase[], turns: number): Racer {
  const usesBy = new Int32Array(turns + 1)
  for (let t = 1; t <= turns; t++) usesBy[t] = usesBy[t - 1]! + (phases[t] === 'move' ? 1 : 0)
  return { ...f, phases, usesBy }
}

/** Uses of f's move in its first `turns` turns (clamped to the planned horizon). */
export function uses(f: Racer, turns: number): number {
  return f.usesBy[Math.max(0, Math.min(turns, f.usesBy.length - 1))]!
}

/** What f does at turn t; past its plan (PP gone) it struggles. */
export function phaseAt(f: Racer, t: number): Phase {
  return f.phases[t] ?? 'struggle'
}

/**
 * Hit chance of x's move at turn t: accuracy with the stages the two moves have set by then (y has
 * used its move one more time when it moves first). Sand-Attack and Double Team change the race
 * over many turns, which is why the timing is followed rather than taken at turn 1.
 */
export function accuracyAt(x: Racer, y: Racer, xFirst: boolean, t: number): number {
  if (x.mech.neverMisses) return 1
  if (x.mech.ohko) return x.mech.accuracy
  const yUses = uses(y, t - 1 + (xFirst ? 0 : 1))
  const xUses = uses(x, t - 1)
  if (x.mech.resetsStages || y.mech.resetsStages) return x.mech.accuracy
  // a secondary accuracy drop (Octazooka, 50 %) is binomial over the hits, like `damageAt`'s stages
  const drops = x.mech.mist
    ? [[0, 1] as const]
    : stageParts(0, 0, y.mech.foeBoosts.accuracy, yUses, y.mech.accuracy)
  const evasions = stageParts(
    y.mech.selfBoosts.evasion,
    yUses,
    x.mech.foeBoosts.evasion,
    xUses,
    x.mech.accuracy,
  )
  let chance = 0
  for (const [drop, pd] of drops)
    for (const [evasion, pe] of evasions)
      chance += pd * pe * hitChance(Math.round(x.mech.accuracy * 100), drop - evasion)
  return chance
}

const step = (p: number) => Math.round(p * 16) / 16

/** x's damage per use at turn t, in `phase`, with `drops` self-inflicted attack drops so far. */
export type DamageAt = (t: number, phase: Phase, drops: number) => UseDamage

/**
 * x's damage per use at turn t with the attack and defence stages both moves have set by then
 * (Growl, Swords Dance, Harden…), Reflect / Light Screen once y has used it, and burn (Facade:
 * any status) as a mixture by the chance x carries it. Memoised per combination: the stages settle after a few turns and
 * a damage distribution is the costly part of a race.
 */
export function damageAt(x: Racer, y: Racer, xFirst: boolean, onX: Control): DamageAt {
  const cache = new Map<string, UseDamage>()
  const hits = new Map<string, UseDamage>()
  // Rage: +1 Attack each time the foe's hit lands after x's first Rage (the engine's `rage`
  // volatile lasts while x keeps using it), so a Rage user outlasting chip grows into a threat
  const foeHitsX = x.mech.id === 'rage' && y.mech.damaging && y.hit(NEUTRAL).kind !== 'none'
  const rageBoost = (t: number) =>
    foeHitsX
      ? Math.round(
          (uses(y, t - 1 + (xFirst ? 0 : 1)) - (xFirst ? 0 : uses(y, 1))) * y.mech.accuracy * y.mech.meanHits,
        )
      : 0
  return (t, phase, drops) => {
    const struggle = phase === 'struggle'
    const physical = struggle || x.mech.physical
    const [atk, def] = physical ? (['atk', 'def'] as const) : (['spa', 'spd'] as const)
    const yUses = uses(y, t - 1 + (xFirst ? 0 : 1))
    const xUses = uses(x, t - 1)
    const reset = x.mech.resetsStages || y.mech.resetsStages
    const ownBoost = x.mech.damaging ? 0 : x.mech.selfBoosts[atk]
    const attack: StagePart[] = reset
      ? [[0, 1]]
      : stageParts(ownBoost, xUses, x.mech.mist ? 0 : y.mech.foeBoosts[atk], yUses, y.mech.accuracy).map(
          ([stage, p]) => [Math.min(6, Math.max(-6, stage - drops + rageBoost(t))), p],
        )
    // y's own changes to the defence x hits: a status move's (Harden) and a damaging move's
    // self-drop (Superpower's −1 Defence a use: its user takes more from physical hits)
    const yOwn = y.mech.selfBoosts[def]
    const defense: StagePart[] = reset
      ? [[0, 1]]
      : stageParts(yOwn, yUses, y.mech.mist ? 0 : x.mech.foeBoosts[def], xUses, x.mech.accuracy)
    const screened = y.mech.screen === (physical ? 'physical' : 'special') && yUses >= 1
    // burn (halved physical hits) and Facade's doubled power enter as a mixture of the damage
    // with and without them, weighted by the chance x carries them at t (in steps of 1/16: the
    // mixtures are memoised like the rest): a persistent status taken as a per-turn chance
    const pBurned = physical ? step(onX.burned[t]!) : 0
    const pStatused = x.mech.id === 'facade' ? Math.max(pBurned, step(onX.statused[t]!)) : pBurned
    const key = `${struggle}|${attack.join(';')}|${defense.join(';')}|${screened}|${pBurned}|${pStatused}`
    let use = cache.get(key)
    if (!use) {
      const parts: [UseDamage, number][] = []
      for (const [attackBoost, pa] of attack)
        for (const [defenseBoost, pd] of defense) {
          const at = (burned: boolean, statused: boolean) => {
            const stages = { attackBoost, defenseBoost, screened, burned, statused }
            const hitKey = `${struggle}|${attackBoost}|${defenseBoost}|${screened}|${burned}|${statused}`
            let hit = hits.get(hitKey)
            if (!hit) {
              hit = struggle ? x.struggle(stages) : x.hit(stages)
              hits.set(hitKey, hit)
            }
            return hit
          }
          parts.push(
            [at(false, false), pa * pd * (1 - pStatused)],
            [at(false, true), pa * pd * (pStatused - pBurned)],
            [at(true, true), pa * pd * pBurned],
          )
        }
      use = blend(parts)
      cache.set(key, use)
    }
    return use
  }
}
