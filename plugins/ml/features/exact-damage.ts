import type { Move } from '@pkmn/sim'
import type { FormStats } from '../solver/battler.ts'
import { critChance, hitRolls } from '../solver/damage.ts'
import { constantDist, type Dist, mix, power, sum, uniformOf, weightedOf } from '../solver/dist.ts'
import { hitInput } from '../solver/hit-input.ts'
import { hitCounts } from '../solver/multihit.ts'
import type { TypeOracle } from '../solver/type-oracle.ts'

/**
 * Damage of one use of a move, from the solver's own damage tables (`hitRolls`: the engine's
 * formula roll for roll, crits, multi-hit counts), so the features read the same numbers the exact
 * answers come from. A use is either a damage distribution or one of the special effects.
 */
export type UseDamage =
  | { readonly kind: 'none' }
  | { readonly kind: 'dist'; readonly dist: Dist }
  | { readonly kind: 'halve' }
  | { readonly kind: 'ohko' }

/** Stat stages and screens a hit is computed under (the race varies them turn by turn). */
export interface HitStages {
  readonly attackBoost: number
  readonly defenseBoost: number
  readonly screened: boolean
  /** The attacker is burned (halves physical damage). */
  readonly burned: boolean
  /** The attacker is paralysed, poisoned or burned: Facade doubles its power. */
  readonly statused: boolean
}

export const NEUTRAL: HitStages = {
  attackBoost: 0,
  defenseBoost: 0,
  screened: false,
  burned: false,
  statused: false,
}

/**
 * One use of `move` by `attacker` on `target` (full damage rules, no accuracy).
 *
 * @example
 * useDamage(createTypeOracle(dex), thunderbolt, pikachu, squirtle, NEUTRAL) // { kind: 'dist', dist }
 */
export function useDamage(
  types: TypeOracle,
  move: Move,
  attacker: FormStats,
  target: FormStats,
  stages: HitStages,
): UseDamage {
  if (move.category === 'Status' || ['counter', 'mirrorcoat', 'bide'].includes(move.id))
    return { kind: 'none' }
  const typeless = move.id === 'struggle'
  if (!typeless && !move.ignoreImmunity && types.immune(move.type, target.types)) return { kind: 'none' }
  if (move.ohko) return { kind: 'ohko' }
  if (move.id === 'superfang') return { kind: 'halve' }
  if (move.damage === 'level') return { kind: 'dist', dist: constantDist(attacker.level) }
  if (typeof move.damage === 'number') return { kind: 'dist', dist: constantDist(move.damage) }
  if (move.id === 'psywave') {
    const pairs: [number, number][] = []
    for (let r = 50; r <= 150; r++) pairs.push([Math.max(1, Math.floor((r * attacker.level) / 100)), 1])
    return { kind: 'dist', dist: weightedOf(pairs) }
  }
  const input = hitInput(types, move, attacker, target, {
    attackBoost: stages.attackBoost,
    defenseBoost: stages.defenseBoost,
    burned: stages.burned,
    facadeBoosted: stages.burned || stages.statused,
    screened: stages.screened,
    doubled: false,
    attackerTypes: attacker.types,
    targetTypes: target.types,
  })
  const chance = critChance(move.willCrit ? 4 : (move.critRatio ?? 1))
  const rolls: [Dist, number][] = []
  if (chance < 1) rolls.push([uniformOf(hitRolls(input, false)), 1 - chance])
  if (chance > 0) rolls.push([uniformOf(hitRolls(input, true)), chance])
  const hit = rolls.length === 1 ? rolls[0]![0] : mix(rolls)
  const counts = hitCounts(move)
  if (counts.length === 1) return { kind: 'dist', dist: power(hit, counts[0]![0]) }
  // 2–5 hits: the sums for 2, 3, 4, 5 hits built one on the other
  const parts: [Dist, number][] = []
  let total = hit
  for (let k = 1; k <= counts[counts.length - 1]![0]; k++) {
    if (k > 1) total = sum(total, hit)
    const p = counts.find(([n]) => n === k)?.[1]
    if (p) parts.push([total, p])
  }
  return { kind: 'dist', dist: mix(parts) }
}

/**
 * P(the target is KOed within n uses), n = 1…`uses`, from full HP: the damage sums are followed
 * only below the target's HP (everything at or above is a KO), so each step costs HP × support.
 *
 * @example
 * koWithin(uniformOf([50, 60]), 100, 2) // [0, 1]
 */
export function koWithin(dist: Dist, hp: number, uses: number): number[] {
  let alive = new Float64Array(hp)
  alive[0] = 1
  let ko = 0
  const out: number[] = []
  for (let n = 0; n < uses; n++) {
    const next = new Float64Array(hp)
    for (let dealt = 0; dealt < hp; dealt++) {
      const p = alive[dealt]!
      if (p === 0) continue
      for (let i = 0; i < dist.probs.length; i++) {
        const q = dist.probs[i]!
        if (q === 0) continue
        const total = dealt + dist.min + i
        if (total >= hp) ko += p * q
        else next[total]! += p * q
      }
    }
    alive = next
    out.push(Math.min(1, ko))
  }
  return out
}

/** What the features read about one use at full HP and neutral stages. */
export interface DamageFacts {
  readonly noDamage: boolean
  /** Range of one use (crits included) and its mean, as shares of the target's max HP. */
  readonly minShare: number
  readonly maxShare: number
  readonly meanShare: number
  /** P(n successful uses KO from full HP), n = 1…4 (rolls, crits, hit counts; not accuracy). */
  readonly ko: readonly [number, number, number, number]
}

/**
 * Calculator facts of a use (what `summarizeDamage` shows players), from `useDamage`.
 *
 * @example
 * damageFacts(useDamage(types, move, a, b, NEUTRAL), b.maxhp).ko[1] // P(2HKO)
 */
export function damageFacts(use: UseDamage, targetHp: number): DamageFacts {
  if (use.kind === 'none') return { noDamage: true, minShare: 0, maxShare: 0, meanShare: 0, ko: [0, 0, 0, 0] }
  if (use.kind === 'ohko')
    return { noDamage: false, minShare: 1, maxShare: 1, meanShare: 1, ko: [1, 1, 1, 1] }
  if (use.kind === 'halve') {
    const first = Math.floor(targetHp / 2) / targetHp
    return { noDamage: false, minShare: first, maxShare: first, meanShare: first, ko: [0, 0, 0, 0] }
  }
  const dist = use.dist
  let mean = 0
  for (let i = 0; i < dist.probs.length; i++) mean += (dist.min + i) * dist.probs[i]!
  const ko = koWithin(dist, targetHp, 4) as [number, number, number, number]
  return {
    noDamage: false,
    minShare: dist.min / targetHp,
    maxShare: dist.max / targetHp,
    meanShare: mean / targetHp,
    ko,
  }
}
