/**
 * One-line English summary of what a damaging move does besides damage, e.g.
 * "30% chance to paralyze the target" or "Lowers the user's Attack and Defense by 1".
 *
 * Why build it from the data rather than copy `shortDesc`: the short description mixes the
 * secondary effect with everything else ("Hits adjacent Pokemon", "No additional effect"), while
 * this field must say only the extra effect, or nothing. When a chance-based effect lives only in
 * engine code (Tri Attack's random status), the dex's own short description is used instead.
 */
import type { BoostsTable, HitEffect, Move, SecondaryEffect } from '@pkmn/dex'

const STAT_NAMES: Readonly<Record<keyof BoostsTable, string>> = {
  atk: 'Attack',
  def: 'Defense',
  spa: 'Sp. Atk',
  spd: 'Sp. Def',
  spe: 'Speed',
  accuracy: 'accuracy',
  evasion: 'evasion',
}

const STATUS_VERBS: Readonly<Record<string, string>> = {
  par: 'paralyze the target',
  brn: 'burn the target',
  frz: 'freeze the target',
  psn: 'poison the target',
  tox: 'badly poison the target',
  slp: 'put the target to sleep',
}

const VOLATILE_VERBS: Readonly<Record<string, string>> = {
  flinch: 'make the target flinch',
  confusion: 'confuse the target',
}

const SIDE_CONDITION_NAMES: Readonly<Record<string, string>> = {
  reflect: 'Reflect',
  lightscreen: 'Light Screen',
}

function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

/**
 * "lower the target's Attack and Defense by 1 and raise …", grouped by amount; `verbs` picks the
 * infinitive (after "chance to") or the third person (a sentence of its own).
 */
function describeBoosts(boosts: Partial<BoostsTable>, whose: string, verbs = ['lower', 'raise']): string {
  const byAmount = new Map<number, string[]>()
  for (const [stat, amount] of Object.entries(boosts) as [keyof BoostsTable, number][]) {
    if (!amount) continue
    byAmount.set(amount, [...(byAmount.get(amount) ?? []), STAT_NAMES[stat]])
  }
  const groups = [...byAmount].map(
    ([amount, stats]) =>
      `${amount < 0 ? verbs[0] : verbs[1]} ${whose} ${joinAnd(stats)} by ${Math.abs(amount)}`,
  )
  return joinAnd(groups)
}

function describeHitEffect(effect: HitEffect, whose: string): string[] {
  const parts: string[] = []
  if (effect.status) parts.push(STATUS_VERBS[effect.status] ?? `inflict ${effect.status}`)
  if (effect.volatileStatus) {
    parts.push(VOLATILE_VERBS[effect.volatileStatus] ?? `inflict ${effect.volatileStatus}`)
  }
  if (effect.boosts) parts.push(describeBoosts(effect.boosts, whose))
  return parts
}

function describeSecondary(secondary: SecondaryEffect, move: Move): string {
  const parts = [
    ...describeHitEffect(secondary, "the target's"),
    ...describeHitEffect(secondary.self ?? {}, "the user's"),
  ]
  const chance = secondary.chance ?? 100
  if (parts.length === 0) return move.shortDesc.replace(/\.$/, '')
  return `${chance}% chance to ${joinAnd(parts)}`
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Guaranteed extra effects of a damaging move (not chance-based). */
function describeGuaranteed(move: Move): string[] {
  const parts: string[] = []
  if (move.self?.boosts) {
    parts.push(capitalize(describeBoosts(move.self.boosts, "the user's", ['lowers', 'raises'])))
  }
  const side = move.self?.sideCondition
  if (side) parts.push(`Sets up ${SIDE_CONDITION_NAMES[side] ?? side} on the user's side`)
  if (move.volatileStatus === 'partiallytrapped') parts.push('Traps and damages the target for 4-5 turns')
  if (move.self?.volatileStatus === 'lockedmove') {
    parts.push('Locks the user in for 2-3 turns, then confuses it')
  }
  if (move.hasCrashDamage) parts.push('The user loses 50% of its max HP if it misses')
  return parts
}

/**
 * Summarises the extra effects of a damaging move, or undefined for a status move or a move
 * whose only effect is its damage.
 *
 * @param secondaries the chance-based effects to describe (the move's own unless corrected).
 * @example
 * summarizeSecondary(dex.moves.get('bodyslam'), dex.moves.get('bodyslam').secondaries)
 * // '30% chance to paralyze the target'
 */
export function summarizeSecondary(move: Move, secondaries: readonly SecondaryEffect[]): string | undefined {
  if (move.category === 'Status') return undefined
  const parts = [
    ...secondaries.map((secondary) => describeSecondary(secondary, move)),
    ...describeGuaranteed(move),
  ]
  return parts.length > 0 ? parts.join('; ') : undefined
}
