/*
 * One side's features (the Pokémon, its move against this foe, the move's exact damage and
 * mechanics), written by `writeSide` in the order of `sideNames`: the half of the feature vector
 * that describes one fighter. Kept apart from the pair features (`vector.ts`) so each file reads
 * as one list; both are the one feature module training and serving share.
 */

import { TYPE_SLUGS } from '../../../core/contracts/types.ts'
import { NEUTRAL } from './exact-damage.ts'
import type { Attack } from './fighters.ts'
import { BOOST_STATS, STATUS_KINDS } from './move-mechanics.ts'
import type { RaceFighter } from './race-plan.ts'
import type { RosterIndex } from './roster-index.ts'

const STATS = ['hp', 'atk', 'def', 'spa', 'spd', 'spe'] as const
const NO_KO = 99

const FLAGS = [
  'charge',
  'semi_invulnerable',
  'recharge',
  'rampage',
  'trapping',
  'halves',
  'ohko',
  'self_destruct',
  'crash',
  'first_turn_only',
  'sucker_punch_fails',
  'needs_sleeping_foe',
  'rest',
  'protect',
  'substitute',
  'leech_seed',
  'screen_vs_foe',
  'mist',
  'resets_stages',
  'disable',
  'taunt_vs_status',
  'yawn',
  'focus_energy',
  'weight_based',
  'no_effect',
] as const

/** The names of one side's features, prefixed `a_` or `b_`. */
export function sideNames(side: 'a' | 'b'): string[] {
  const move = (n: string) => `${side}_move_${n}`
  return [
    ...STATS.map((s) => `${side}_${s}`),
    `${side}_bst`,
    ...TYPE_SLUGS.map((t) => `${side}_type_${t}`),
    ...[
      'power',
      'accuracy',
      'never_misses',
      'priority',
      'physical',
      'status',
      'max_pp',
      'crit_chance',
      'mean_hits',
      'effectiveness',
      'stab',
      'min_share',
      'max_share',
      'mean_share',
      'ko_1',
      'ko_2',
      'ko_3',
      'ko_4',
      'uses_to_ko',
      'turns_to_ko',
      'uses_over_pp',
      'reflects',
      'reflect_applies',
      'reflect_share',
      'struggle_share',
      'fixed_damage_share',
      'recoil',
      'drain',
      'flinch',
      ...STATUS_KINDS.map((k) => `status_${k}`),
      'confusion',
      ...BOOST_STATS.map((s) => `foe_boost_${s}`),
      ...BOOST_STATS.map((s) => `self_boost_${s}`),
      'heal',
      ...FLAGS,
    ].map(move),
  ]
}

/** What serving shows next to a prediction: each move's damage on the other, and who acts first. */
export interface SideOutlook {
  /** Mean damage per turn as a share of the target's max HP (accuracy and charge turns included). */
  share: number
  hitsToKo: number
  turnsToKo: number
  effectiveness: number
  stab: number
}

/**
 * Writes one side's features through `put`, in `sideNames` order. `fighter` is this side as the
 * race sees it (whether its Counter & co. can return the foe's hits is decided there, once).
 */
export function writeSide(
  index: RosterIndex,
  slug: string,
  own: Attack,
  foe: Attack,
  fighter: RaceFighter,
  put: (v: number) => void,
): SideOutlook {
  const form = index.forms.get(slug)!
  const m = own.mech
  const f = own.facts
  for (const s of STATS) put(form.data.stats[s])
  put(form.hp + form.atk + form.def + form.spa + form.spd + form.spe)
  for (const t of TYPE_SLUGS) put(form.types.includes(t) ? 1 : 0)
  const usesToKo = usesToKoOf(f.ko, f.meanShare, f.noDamage)
  const turnsPerUse = m.charge || m.semiInvulnerable || m.recharge ? 2 : 1
  const turnsToKo =
    usesToKo >= NO_KO ? NO_KO : Math.min(NO_KO, (usesToKo / Math.max(m.accuracy, 0.01)) * turnsPerUse)
  const reflectApplies = fighter.reflectsFoe
  const screen = m.screen !== null && foe.mech.damaging && (m.screen === 'physical') === foe.mech.physical
  const fixed =
    m.fixedDamage === null
      ? 0
      : (m.fixedDamage === 'level' ? own.attacker.level : m.fixedDamage) / own.target.maxhp
  put(own.power)
  put(m.accuracy)
  put(m.neverMisses ? 1 : 0)
  put(m.priority)
  put(m.physical ? 1 : 0)
  put(own.move.category === 'Status' ? 1 : 0)
  put(m.maxPp)
  put(m.critStage >= 4 ? 1 : ([0, 1 / 24, 1 / 8, 1 / 2][m.critStage] ?? 0))
  put(m.meanHits)
  put(own.effectiveness)
  put(own.stab ? 1 : 0)
  put(f.minShare)
  put(f.maxShare)
  put(f.meanShare)
  for (const p of f.ko) put(p)
  put(usesToKo)
  put(turnsToKo)
  put(usesToKo >= NO_KO ? 0 : usesToKo / m.maxPp)
  put(m.reflects === null ? 0 : m.reflects === 'physical' ? 1 : m.reflects === 'special' ? 2 : 3)
  put(reflectApplies ? 1 : 0)
  // what Counter & co. give back per use, as a share of the foe's HP: twice the foe's hit
  put(
    reflectApplies
      ? (2 * foe.facts.meanShare * own.attacker.maxhp) / own.target.maxhp / fighter.reflectPerHits
      : 0,
  )
  put(struggleShare(own))
  put(fixed)
  put(m.recoil)
  put(m.drain)
  put(m.flinch)
  for (const k of STATUS_KINDS) put(m.status[k])
  put(m.confusion)
  for (const s of BOOST_STATS) put(m.foeBoosts[s])
  for (const s of BOOST_STATS) put(m.selfBoosts[s])
  put(m.heal)
  const flags: Record<(typeof FLAGS)[number], boolean> = {
    charge: m.charge,
    semi_invulnerable: m.semiInvulnerable,
    recharge: m.recharge,
    rampage: m.rampage,
    trapping: m.trapping,
    halves: m.halves,
    ohko: m.ohko,
    self_destruct: m.selfDestruct,
    crash: m.crash,
    first_turn_only: m.firstTurnOnly,
    sucker_punch_fails: m.needsFoeAttack && !foe.mech.damaging,
    needs_sleeping_foe: m.needsSleepingFoe,
    rest: m.rest,
    protect: m.protect,
    substitute: m.substitute,
    leech_seed: m.leechSeed && !own.target.types.includes('Grass'),
    screen_vs_foe: screen,
    mist: m.mist,
    resets_stages: m.resetsStages,
    disable: m.disable,
    taunt_vs_status: m.taunt && !foe.mech.damaging,
    yawn: m.yawn,
    focus_energy: m.focusEnergy,
    weight_based: m.weightBased,
    no_effect: m.noEffect,
  }
  for (const flag of FLAGS) put(flags[flag] ? 1 : 0)
  return {
    share: (f.meanShare * m.accuracy) / turnsPerUse,
    hitsToKo: usesToKo,
    turnsToKo,
    effectiveness: own.effectiveness,
    stab: own.stab ? 1.5 : 1,
  }
}

/** Uses to KO from full HP: the first n ≤ 4 with an even chance, else from the mean (99: never). */
function usesToKoOf(ko: readonly number[], meanShare: number, noDamage: boolean): number {
  if (noDamage || meanShare <= 0) return NO_KO
  for (let n = 0; n < ko.length; n++) if (ko[n]! >= 0.5) return n + 1
  return Math.min(NO_KO, Math.ceil(1 / meanShare))
}

/** Mean damage of one Struggle on the foe, as a share of its max HP (what a side does once dry). */
function struggleShare(own: Attack): number {
  const use = own.struggle(NEUTRAL)
  if (use.kind !== 'dist') return 0
  let mean = 0
  for (let i = 0; i < use.dist.probs.length; i++) mean += (use.dist.min + i) * use.dist.probs[i]!
  return mean / own.target.maxhp
}
