import type { Move } from '@pkmn/sim'

/**
 * What a move does in a one-move 1v1, read from the engine's own move data (`@pkmn/sim` with the
 * Let's Go mod) — never from a hand-written table — as the numbers the features and the race
 * estimate (`race.ts`) need. Static: nothing here depends on who uses the move or on whom.
 */
export interface MoveMechanics {
  readonly id: string
  /** Deals damage through the damage formula, a fixed amount, halving or OHKO. */
  readonly damaging: boolean
  readonly physical: boolean
  /** Hit chance before stages (1 for moves that never miss). */
  readonly accuracy: number
  readonly neverMisses: boolean
  readonly priority: number
  /** PP in battle: 3 PP Ups, as the engine gives every set; then Struggle. */
  readonly maxPp: number
  /**
   * Turns one PP lasts: Bide 3, a rampage 2.5, Rest 3 when the foe hurts (asleep 2 turns of 3; a
   * Rest at full HP fails and still pays: the pair sets 1 then), otherwise 1.
   */
  readonly turnsPerPp: number
  readonly critStage: number
  /** Mean hit count (1; 2; 3.1 for 2–5). */
  readonly meanHits: number
  /** Two-turn move that charges in the open (Solar Beam, Skull Bash, Sky Attack, Razor Wind). */
  readonly charge: boolean
  /** Two-turn move whose user is out of reach while charging (Dig, Fly). */
  readonly semiInvulnerable: boolean
  /** Hyper Beam: a turn of recharge after a hit. */
  readonly recharge: boolean
  /** Thrash, Outrage, Petal Dance: locked 2–3 turns, then confused. */
  readonly rampage: boolean
  /** Wrap, Bind, Clamp, Fire Spin: traps 4–5 turns, 1/8 of max HP a turn. */
  readonly trapping: boolean
  /** Counter (physical), Mirror Coat (special), Bide (any): return damage taken. */
  readonly reflects: 'physical' | 'special' | 'any' | null
  /** Fixed damage (Dragon Rage 40, Sonic Boom 20, Seismic Toss / Night Shade: level; Psywave: mean). */
  readonly fixedDamage: number | 'level' | null
  readonly halves: boolean
  readonly ohko: boolean
  readonly selfDestruct: boolean
  /** Share of damage dealt taken back as recoil / healed as drain. */
  readonly recoil: number
  readonly drain: number
  /** Jump Kick, High Jump Kick: half max HP lost on a miss. */
  readonly crash: boolean
  /** Fake Out: works on the first turn only. */
  readonly firstTurnOnly: boolean
  /** Sucker Punch: fails unless the foe is about to attack. */
  readonly needsFoeAttack: boolean
  /** Dream Eater: the foe must be asleep. */
  readonly needsSleepingFoe: boolean
  /** Chance per successful hit that the foe flinches (acts only if the user moved first). */
  readonly flinch: number
  /** Chance per successful use of each major status on the foe (immunities checked per target). */
  readonly status: Readonly<Record<StatusKind, number>>
  readonly confusion: number
  /** Expected stage change per successful use, on the foe and on the user. */
  readonly foeBoosts: Readonly<Record<BoostStat, number>>
  readonly selfBoosts: Readonly<Record<BoostStat, number>>
  /** Share of max HP healed per use (Recover, Soft-Boiled, Roost: 1/2; Rest: 1). */
  readonly heal: number
  readonly rest: boolean
  readonly protect: boolean
  readonly substitute: boolean
  /** A sound move: it goes through a Substitute. */
  readonly bypassSub: boolean
  readonly leechSeed: boolean
  /** Reflect / Light Screen on the user's side (as a status move or after a hit). */
  readonly screen: 'physical' | 'special' | null
  readonly mist: boolean
  /** Haze, Clear Smog, Freezy Frost: stat stages back to 0. */
  readonly resetsStages: boolean
  readonly disable: boolean
  readonly taunt: boolean
  readonly yawn: boolean
  readonly focusEnergy: boolean
  /** Weight decides the power (Low Kick). */
  readonly weightBased: boolean
  /** The move can do nothing at all in a one-move 1v1 (Splash, Roar, Encore, Teleport…). */
  readonly noEffect: boolean
}

export const STATUS_KINDS = ['par', 'brn', 'frz', 'psn', 'tox', 'slp'] as const
export type StatusKind = (typeof STATUS_KINDS)[number]
export const BOOST_STATS = ['atk', 'def', 'spa', 'spd', 'spe', 'accuracy', 'evasion'] as const
export type BoostStat = (typeof BOOST_STATS)[number]

const NO_EFFECT = new Set([
  'splash',
  'celebrate',
  'helpinghand',
  'encore',
  'roar',
  'whirlwind',
  'teleport',
  'stealthrock',
  'conversion',
])

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>

/**
 * The mechanics of one move.
 *
 * @example
 * moveMechanics(dex.moves.get('thunder')).status.par // 0.3
 */
export function moveMechanics(move: Move): MoveMechanics {
  const status = zeros(STATUS_KINDS)
  const foeBoosts = zeros(BOOST_STATS)
  const selfBoosts = zeros(BOOST_STATS)
  let flinch = 0
  let confusion = 0
  for (const secondary of move.secondaries ?? []) {
    const chance = (secondary.chance ?? 100) / 100
    if (secondary.status) status[secondary.status as StatusKind] += chance
    else if (secondary.volatileStatus === 'flinch') flinch += chance
    else if (secondary.volatileStatus === 'confusion') confusion += chance
    else if (secondary.boosts) addBoosts(foeBoosts, secondary.boosts, chance)
    else if (move.id === 'triattack') for (const s of ['par', 'brn', 'frz'] as const) status[s] += chance / 3
  }
  if (move.status) status[move.status as StatusKind] += 1
  if (move.volatileStatus === 'confusion') confusion += 1
  if (move.boosts) addBoosts(move.target === 'self' ? selfBoosts : foeBoosts, move.boosts, 1)
  const self = move.self as { boosts?: Record<string, number>; sideCondition?: string } | undefined
  if (self?.boosts) addBoosts(selfBoosts, self.boosts, 1)
  const side = move.sideCondition ?? self?.sideCondition
  const reflects =
    move.id === 'counter'
      ? 'physical'
      : move.id === 'mirrorcoat'
        ? 'special'
        : move.id === 'bide'
          ? 'any'
          : null
  const damaging = move.category !== 'Status' && reflects === null
  const multihit = move.multihit
  const rampage = (move.self as { volatileStatus?: string } | undefined)?.volatileStatus === 'lockedmove'
  return {
    id: move.id,
    damaging,
    physical: move.category === 'Physical',
    accuracy: move.accuracy === true ? 1 : move.accuracy / 100,
    neverMisses: move.accuracy === true,
    priority: move.priority,
    maxPp: move.noPPBoosts ? move.pp : (move.pp * 8) / 5,
    turnsPerPp: move.id === 'bide' || move.id === 'rest' ? 3 : rampage ? 2.5 : 1,
    critStage: move.willCrit ? 4 : (move.critRatio ?? 1),
    meanHits: !multihit ? 1 : typeof multihit === 'number' ? multihit : 3.1,
    charge: Boolean(move.flags.charge) && move.id !== 'dig' && move.id !== 'fly',
    semiInvulnerable: move.id === 'dig' || move.id === 'fly',
    recharge: Boolean(move.flags.recharge),
    rampage,
    trapping: move.volatileStatus === 'partiallytrapped',
    reflects,
    fixedDamage:
      move.damage === 'level'
        ? 'level'
        : typeof move.damage === 'number'
          ? move.damage
          : move.id === 'psywave'
            ? 'level'
            : null,
    halves: move.id === 'superfang',
    ohko: Boolean(move.ohko),
    selfDestruct: Boolean(move.selfdestruct),
    recoil: move.recoil ? move.recoil[0] / move.recoil[1] : 0,
    drain: move.drain ? move.drain[0] / move.drain[1] : 0,
    crash: Boolean(move.hasCrashDamage),
    firstTurnOnly: move.id === 'fakeout',
    needsFoeAttack: move.id === 'suckerpunch',
    needsSleepingFoe: move.id === 'dreameater',
    flinch,
    status,
    confusion,
    foeBoosts,
    selfBoosts,
    heal: move.id === 'rest' ? 1 : move.heal ? move.heal[0]! / move.heal[1]! : 0,
    rest: move.id === 'rest',
    protect: move.volatileStatus === 'protect',
    substitute: move.volatileStatus === 'substitute',
    bypassSub: Boolean(move.flags.bypasssub),
    leechSeed: move.volatileStatus === 'leechseed' || move.id === 'sappyseed',
    screen: side === 'reflect' ? 'physical' : side === 'lightscreen' ? 'special' : null,
    mist: side === 'mist',
    resetsStages: ['haze', 'clearsmog', 'freezyfrost'].includes(move.id),
    disable: move.volatileStatus === 'disable',
    taunt: move.volatileStatus === 'taunt',
    yawn: move.volatileStatus === 'yawn',
    focusEnergy: move.volatileStatus === 'focusenergy',
    weightBased: move.id === 'lowkick',
    noEffect: NO_EFFECT.has(move.id),
  }
}

function addBoosts(into: Record<BoostStat, number>, boosts: Partial<Record<string, number>>, chance: number) {
  for (const [stat, delta] of Object.entries(boosts)) {
    if (stat in into) into[stat as BoostStat] += (delta ?? 0) * chance
  }
}
