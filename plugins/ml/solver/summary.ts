import type { Move } from '@pkmn/sim'
import type { Battler } from './battler.ts'
import type { SolveContext } from './context.ts'
import { critChance, hitRolls } from './damage.ts'
import { type Dist, mix, power, tailAtLeast } from './dist.ts'
import { hitEffect } from './hit.ts'
import { hitInput } from './hit-input.ts'
import type { Side } from './kernel.ts'
import { initialMode } from './mode.ts'
import { hitCounts } from './multihit.ts'

/** Damage of one use of a move as players read it in damage calculators, from full HP, no stages. */
export interface DamageSummary {
  /** The move cannot hurt the target at all (type immunity, status move, Counter-like). */
  readonly noDamage: boolean
  /** Damage of one use (all hits), % of the target's max HP, non-critical rolls. */
  readonly minPercent: number
  readonly maxPercent: number
  /** The same with a critical hit on every hit (null when the move cannot crit). */
  readonly critMinPercent: number | null
  readonly critMaxPercent: number | null
  /** Chance to crit per hit. */
  readonly critChance: number
  /**
   * P(n uses KO the target from full HP) for n = 1…4 — damage rolls, crits and multi-hit counts
   * included, accuracy and everything else left out (what "56 % chance to OHKO" means in calcs).
   */
  readonly koChances: readonly number[]
  /** Accuracy of one use (0–1, before stages). */
  readonly accuracy: number
  /** "guaranteed 2HKO", "56.3 % chance to OHKO", … */
  readonly wording: string
}

const USES = 4

/**
 * Damage range and KO chances of `side`'s move against the other battler, at full HP and neutral
 * stages, from the same damage tables the solver uses.
 *
 * @example
 * summarizeDamage(ctx, 0).wording // "guaranteed 2HKO"
 */
export function summarizeDamage(ctx: SolveContext, side: Side): DamageSummary {
  const self = ctx.battlers[side]
  const target = ctx.battlers[side === 0 ? 1 : 0]
  const move = self.move
  const accuracy = move.accuracy === true ? 1 : move.accuracy / 100
  const none: DamageSummary = {
    noDamage: true,
    minPercent: 0,
    maxPercent: 0,
    critMinPercent: null,
    critMaxPercent: null,
    critChance: 0,
    koChances: Array(USES).fill(0),
    accuracy,
    wording: 'no damage',
  }
  if (move.category === 'Status' || ['counter', 'mirrorcoat', 'bide'].includes(move.id)) return none
  if (!move.ignoreImmunity && ctx.types.immune(move.type, target.types)) return none
  const effect = hitEffect(ctx, initialMode(), side, move)
  if (effect.kind === 'ohko') return ohko(accuracy)
  if (effect.kind === 'halve')
    return fixedShare(Math.floor(target.maxhp / 2), target, accuracy, 'halves HP left')
  const perUse = useDist(effect.dist, move)
  const percent = (value: number) => (100 * value) / target.maxhp
  const standard = !move.damage && move.id !== 'psywave'
  const hits = hitRange(move)
  const rolls = standard ? rollRange(ctx, move, self, target) : null
  const koChances = Array.from({ length: USES }, (_, i) => tailAtLeast(power(perUse, i + 1), target.maxhp))
  return {
    noDamage: false,
    minPercent: percent(rolls ? rolls.min * hits[0] : perUse.min),
    maxPercent: percent(rolls ? rolls.max * hits[1] : perUse.max),
    critMinPercent: rolls?.critMin === undefined ? null : percent(rolls.critMin * hits[0]),
    critMaxPercent: rolls?.critMax === undefined ? null : percent(rolls.critMax * hits[1]),
    critChance: standard ? critChance(move.willCrit ? 4 : (move.critRatio ?? 1)) : 0,
    koChances,
    accuracy,
    wording: koWording(koChances),
  }
}

function hitRange(move: Move): [number, number] {
  const counts = hitCounts(move)
  return [counts[0]![0], counts[counts.length - 1]![0]]
}

/** The distribution of one use: the sum over its hits, mixed over the hit counts. */
function useDist(hit: Dist, move: Move): Dist {
  const counts = hitCounts(move)
  if (counts.length === 1) return power(hit, counts[0]![0])
  return mix(counts.map(([k, p]) => [power(hit, k), p] as const))
}

function rollRange(ctx: SolveContext, move: Move, self: Battler, target: Battler) {
  const input = hitInput(ctx.types, move, self, target, {
    attackBoost: 0,
    defenseBoost: 0,
    burned: false,
    facadeBoosted: false,
    screened: false,
    doubled: false,
    attackerTypes: self.types,
    targetTypes: target.types,
  })
  const normal = hitRolls(input, false)
  const crit = hitRolls(input, true)
  const always = move.willCrit === true
  return {
    min: Math.min(...(always ? crit : normal)),
    max: Math.max(...(always ? crit : normal)),
    critMin: Math.min(...crit),
    critMax: Math.max(...crit),
  }
}

function ohko(accuracy: number): DamageSummary {
  return {
    noDamage: false,
    minPercent: 100,
    maxPercent: 100,
    critMinPercent: null,
    critMaxPercent: null,
    critChance: 0,
    koChances: Array(USES).fill(1),
    accuracy,
    wording: 'OHKO if it hits',
  }
}

function fixedShare(value: number, target: Battler, accuracy: number, wording: string): DamageSummary {
  const percent = (100 * value) / target.maxhp
  return {
    noDamage: false,
    minPercent: percent,
    maxPercent: percent,
    critMinPercent: null,
    critMaxPercent: null,
    critChance: 0,
    koChances: Array(USES).fill(0),
    accuracy,
    wording,
  }
}

/**
 * Calculator wording: the fewest uses with a KO chance, "guaranteed" when certain, "possible" when
 * tiny, otherwise the percentage.
 *
 * @example
 * koWording([0.5625, 1, 1, 1]) // "56.3 % chance to OHKO"
 */
export function koWording(koChances: readonly number[]): string {
  const names = ['OHKO', '2HKO', '3HKO', '4HKO']
  for (let i = 0; i < koChances.length; i++) {
    const chance = koChances[i]!
    if (chance <= 0) continue
    if (chance >= 1 - 1e-12) return `guaranteed ${names[i]}`
    if (chance < 0.001) return `possible ${names[i]}`
    return `${(100 * chance).toFixed(1)} % chance to ${names[i]}`
  }
  return `more than ${koChances.length} hits to KO`
}
