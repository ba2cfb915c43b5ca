import type { ModdedDex } from '@pkmn/sim'
import { TYPE_SLUGS } from '../../../core/contracts/types.ts'
import { type Attack, createArsenal } from './fighters.ts'
import { BOOST_STATS, STATUS_KINDS } from './move-mechanics.ts'
import { race } from './race.ts'
import type { RosterIndex } from './roster-index.ts'

/**
 * The model's features: ONE implementation, used to build training matrices and to answer
 * predictions, so training and serving can never compute a feature two ways.
 *
 * A row is "A uses move `moveA` every turn, B uses move `moveB` every turn" (what a player
 * decides). Per side: level-50 stats and types; the move as the engine defines it (power against
 * this target — Low Kick by weight —, accuracy, priority, PP, crit chance, hit count, type
 * multiplier, STAB); the exact damage of one use from the solver's damage tables (range, mean,
 * P(KO in 1–4 uses)); and every mechanic that decides fixed-move battles (charge, recharge,
 * hiding, rampage, trapping, Counter & co., fixed damage, halving, OHKO, self-destruct, recoil,
 * drain, crash, Fake Out, Sucker Punch, flinch, secondary and primary statuses with the target's
 * immunities, stat changes on either side, healing, Rest, Protect, Substitute, Leech Seed,
 * screens, Mist, Haze, Disable, Taunt, Yawn…). Then the pair: speeds, who moves first, and a
 * race estimate of the battle (`race.ts`: each side's damage followed exactly, the two sides
 * treated as independent). No ids: a model must generalise to Pokémon it never saw.
 *
 * Bump `FEATURE_SPEC_VERSION` whenever a feature changes meaning; the version and the names are
 * saved with every model, and a model whose spec differs is refused at load.
 */
export const FEATURE_SPEC_VERSION = 2

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

function sideNames(side: 'a' | 'b'): string[] {
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

export const FEATURE_NAMES: readonly string[] = [
  ...sideNames('a'),
  ...sideNames('b'),
  'speed_diff',
  'a_moves_first',
  'turns_to_ko_diff',
  'a_wins_ko_race',
  'race_win_a',
  'race_win_b',
  'race_neither',
  'race_expected_turns',
  'race_ko_turn1_a',
  'race_ko_turn1_b',
]

export interface MatchupInput {
  a: string
  moveA: string
  b: string
  moveB: string
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

/** Who acts first: 1 = A, 0 = B, 0.5 = speed tie (a coin flip in the engine). */
export function firstMover(aPriority: number, bPriority: number, aSpeed: number, bSpeed: number): number {
  if (aPriority !== bPriority) return aPriority > bPriority ? 1 : 0
  return aSpeed === bSpeed ? 0.5 : aSpeed > bSpeed ? 1 : 0
}

/** The feature space of a roster: writes rows, caching per-move facts (keep one per process). */
export interface FeatureSpace {
  /** The roster the rows refer to (baselines and callers read it too). */
  readonly index: RosterIndex
  /**
   * Writes the features of one matchup into `out` at `offset` (typed arrays, no per-row objects).
   * @throws Error naming the unknown Pokémon or move.
   */
  write(
    input: MatchupInput,
    out: Float32Array,
    offset: number,
  ): { a: SideOutlook; b: SideOutlook; first: number }
  /** A feature matrix (row-major) for many matchups. */
  matrix(inputs: readonly MatchupInput[]): Float32Array
}

/**
 * @example
 * const space = createFeatureSpace(index, engine.dex)
 * const x = space.matrix([{ a: 'pikachu', moveA: 'thunderbolt', b: 'squirtle', moveB: 'water-gun' }])
 */
export function createFeatureSpace(index: RosterIndex, dex: ModdedDex): FeatureSpace {
  const arsenal = createArsenal(index, dex)
  const width = FEATURE_NAMES.length
  const space: FeatureSpace = {
    index,
    write(input, out, offset) {
      for (const slug of [input.a, input.b])
        if (!index.forms.has(slug)) throw new Error(`unknown Pokémon ${slug}`)
      for (const slug of [input.moveA, input.moveB])
        if (!index.moves.has(slug)) throw new Error(`unknown move ${slug}`)
      const atkA = arsenal.attack(input.a, input.moveA, input.b)
      const atkB = arsenal.attack(input.b, input.moveB, input.a)
      const first = firstMover(
        atkA.mech.priority,
        atkB.mech.priority,
        atkA.attacker.stats.spe,
        atkB.attacker.stats.spe,
      )
      let o = offset
      const put = (v: number) => {
        out[o++] = v
      }
      const outA = writeSide(index, input.a, atkA, atkB, put)
      const outB = writeSide(index, input.b, atkB, atkA, put)
      const r = race(arsenal.fighter(atkA, atkB), arsenal.fighter(atkB, atkA), first)
      put(atkA.attacker.stats.spe - atkB.attacker.stats.spe)
      put(first)
      put(outB.turnsToKo - outA.turnsToKo)
      put(outA.turnsToKo < outB.turnsToKo ? 1 : outA.turnsToKo > outB.turnsToKo ? 0 : first)
      put(r.winA)
      put(r.winB)
      put(r.neither)
      put(r.expectedTurns)
      put(r.koTurn1A)
      put(r.koTurn1B)
      return { a: outA, b: outB, first }
    },
    matrix(inputs) {
      const values = new Float32Array(inputs.length * width)
      inputs.forEach((input, i) => {
        space.write(input, values, i * width)
      })
      return values
    },
  }
  return space
}

function writeSide(
  index: RosterIndex,
  slug: string,
  own: Attack,
  foe: Attack,
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
  const reflectApplies =
    m.reflects !== null &&
    foe.mech.damaging &&
    (m.reflects === 'any' || (m.reflects === 'physical') === foe.mech.physical)
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
