import type { ModdedDex, Pokemon } from '@pkmn/sim'

/** How a move's damage is decided; `reactive` = Counter, Mirror Coat, Bide (depend on the hit taken). */
export type MoveKind = 'standard' | 'fixed' | 'level' | 'psywave' | 'half-hp' | 'ohko' | 'reactive' | 'status'

/**
 * What one move does against one opponent that cannot change during a battle (unless a type or
 * moveset changes, e.g. Transform, which the policies detect and recompile for). Compiled once,
 * then valued every turn with the live stats, boosts, HP and status.
 */
export interface MovePlan {
  readonly id: string
  readonly kind: MoveKind
  readonly damaging: boolean
  readonly physical: boolean
  /** Base power (Low Kick resolved from the defender's weight). */
  readonly power: number
  /** Damage of `fixed` moves (Dragon Rage 40, Sonic Boom 20). */
  readonly fixedDamage: number
  readonly priority: number
  /** 0–1 before accuracy/evasion stages; 1 for moves that cannot miss. */
  readonly accuracy: number
  readonly usesAccuracyStages: boolean
  /** 0 when the defender is immune, else the type-chart multiplier (0.25 … 4). */
  readonly effectiveness: number
  readonly stab: number
  readonly critRatio: number
  readonly willCrit: boolean
  readonly minHits: number
  readonly meanHits: number
  readonly maxHits: number
  /** 2 for charge moves (Solar Beam, Fly, Dig, Sky Attack, Skull Bash, Razor Wind). */
  readonly turnsPerUse: number
  /** Hyper Beam: the next turn is lost unless the hit KOs. */
  readonly recharge: boolean
  /** Explosion, Self-Destruct: the user faints, which loses a 1v1 even when the target faints too. */
  readonly selfKo: boolean
  readonly foulPlay: boolean
  readonly facade: boolean
  readonly needsSleepingTarget: boolean
  readonly firstTurnOnly: boolean
  readonly needsAttackingTarget: boolean
}

/** Gen 7 stat-stage multipliers, index = stage + 6. */
const STAT_STAGE = [2 / 8, 2 / 7, 2 / 6, 2 / 5, 2 / 4, 2 / 3, 1, 1.5, 2, 2.5, 3, 3.5, 4]
/** Gen 7 accuracy/evasion-stage multipliers, index = stage + 6. */
const ACCURACY_STAGE = [3 / 9, 3 / 8, 3 / 7, 3 / 6, 3 / 5, 3 / 4, 1, 4 / 3, 5 / 3, 2, 7 / 3, 8 / 3, 3]
/** Gen 7 critical-hit chance by crit ratio (1 = normal, 2 = high-crit move, +2 Focus Energy). */
const CRIT_CHANCE = [0, 1 / 24, 1 / 8, 1 / 2, 1]
/** Expected hits of a 2–5 hit move in Gen 5+ (35 % 2, 35 % 3, 15 % 4, 15 % 5). */
const MEAN_HITS_2_TO_5 = 3.1
const MEAN_ROLL = 0.925
const REACTIVE_MOVES = new Set(['counter', 'mirrorcoat', 'bide'])
const FACADE_STATUSES = new Set(['brn', 'par', 'psn', 'tox'])

/**
 * Compiles the plan of one move used by `attacker` against `defender`.
 *
 * @example
 * const plan = compileMovePlan(engine.dex, 'thunderbolt', pikachu, squirtle)
 * plan.effectiveness // 2
 */
export function compileMovePlan(
  dex: ModdedDex,
  moveId: string,
  attacker: Pokemon,
  defender: Pokemon,
): MovePlan {
  const move = dex.moves.get(moveId)
  const kind = moveKind(move)
  const immune = !move.ignoreImmunity && !dex.getImmunity(move.type, defender.types)
  const multihit = move.multihit
  const minHits = (Array.isArray(multihit) ? multihit[0] : multihit) ?? 1
  const maxHits = (Array.isArray(multihit) ? multihit[1] : multihit) ?? 1
  return {
    id: move.id,
    kind,
    damaging: move.category !== 'Status',
    physical: move.category === 'Physical',
    power: move.id === 'lowkick' ? lowKickPower(defender.weighthg) : move.basePower,
    fixedDamage: typeof move.damage === 'number' ? move.damage : 0,
    priority: move.priority,
    accuracy: move.accuracy === true ? 1 : move.accuracy / 100,
    usesAccuracyStages: move.accuracy !== true && !move.ohko,
    effectiveness: immune ? 0 : 2 ** dex.getEffectiveness(move.type, defender.types),
    stab: attacker.types.includes(move.type) ? 1.5 : 1,
    critRatio: move.critRatio ?? 1,
    willCrit: move.willCrit === true,
    minHits,
    meanHits: minHits === 2 && maxHits === 5 ? MEAN_HITS_2_TO_5 : (minHits + maxHits) / 2,
    maxHits,
    turnsPerUse: move.flags.charge ? 2 : 1,
    recharge: move.self?.volatileStatus === 'mustrecharge',
    selfKo: Boolean(move.selfdestruct),
    foulPlay: move.overrideOffensivePokemon === 'target',
    facade: move.id === 'facade',
    needsSleepingTarget: move.id === 'dreameater',
    firstTurnOnly: move.id === 'fakeout',
    needsAttackingTarget: move.id === 'suckerpunch',
  }
}

function moveKind(move: ReturnType<ModdedDex['moves']['get']>): MoveKind {
  if (move.category === 'Status') return 'status'
  if (move.ohko) return 'ohko'
  if (move.damage === 'level') return 'level'
  if (typeof move.damage === 'number') return 'fixed'
  if (move.id === 'superfang') return 'half-hp'
  if (move.id === 'psywave') return 'psywave'
  if (REACTIVE_MOVES.has(move.id)) return 'reactive'
  return 'standard'
}

function lowKickPower(weightHg: number): number {
  if (weightHg >= 2000) return 120
  if (weightHg >= 1000) return 100
  if (weightHg >= 500) return 80
  if (weightHg >= 250) return 60
  if (weightHg >= 100) return 40
  return 20
}

/** A stat with its live stage applied (no other modifiers). */
export function liveStat(pokemon: Pokemon, stat: 'atk' | 'def' | 'spa' | 'spd' | 'spe'): number {
  return pokemon.storedStats[stat] * (STAT_STAGE[pokemon.boosts[stat] + 6] ?? 1)
}

/** Speed that orders the turn: stages and paralysis (×0.5 in Gen 7). */
export function effectiveSpeed(pokemon: Pokemon): number {
  return liveStat(pokemon, 'spe') * (pokemon.status === 'par' ? 0.5 : 1)
}

/** False when the move would fail for a reason we can see before choosing. */
export function canWork(
  plan: MovePlan,
  attacker: Pokemon,
  defender: Pokemon,
  defenderCanAttack: boolean,
): boolean {
  if (plan.effectiveness === 0 || !plan.damaging || plan.kind === 'reactive') return false
  if (plan.needsSleepingTarget && defender.status !== 'slp') return false
  if (plan.firstTurnOnly && attacker.activeMoveActions > 0) return false
  if (plan.needsAttackingTarget && !defenderCanAttack) return false
  if (plan.kind === 'ohko' && defender.level > attacker.level) return false
  return true
}

/**
 * Expected damage in HP per turn spent, as `policies.ts` documents it: for standard moves
 * power × STAB × type × accuracy × crit factor × attack/defence, scaled to HP by the level term
 * of the damage formula (floor(2·L/5 + 2)/50) and the mean roll (0.925). Fixed-damage moves give
 * their damage × accuracy; status, reactive and self-KO moves 0.
 *
 * @example
 * expectedDamage(plan, pikachu, squirtle, true) // expected HP taken from Squirtle per turn spent
 */
export function expectedDamage(
  plan: MovePlan,
  attacker: Pokemon,
  defender: Pokemon,
  defenderCanAttack: boolean,
): number {
  // A self-KO move always loses a 1v1: the user faints, and when both faint the engine (Gen 5+
  // rule) gives the win to the side that fainted last, the target's.
  if (plan.selfKo || !canWork(plan, attacker, defender, defenderCanAttack)) return 0
  const accuracy = liveAccuracy(plan, attacker, defender)
  switch (plan.kind) {
    case 'fixed':
      return plan.fixedDamage * accuracy
    case 'level':
    case 'psywave':
      return attacker.level * accuracy
    case 'half-hp':
      return Math.max(1, Math.floor(defender.hp / 2)) * accuracy
    case 'ohko':
      return defender.hp * ((30 + attacker.level - defender.level) / 100)
  }
  const critRatio = plan.critRatio + (attacker.volatiles['focusenergy'] ? 2 : 0)
  const critChance = plan.willCrit ? 1 : (CRIT_CHANCE[Math.min(critRatio, 4)] ?? 1)
  const perHit =
    (levelFactor(attacker) / 50) *
    livePower(plan, attacker) *
    attackOverDefence(plan, attacker, defender) *
    MEAN_ROLL
  const damage =
    perHit *
    plan.stab *
    plan.effectiveness *
    accuracy *
    (1 + critChance * 0.5) *
    plan.meanHits *
    otherModifiers(plan, attacker, defender, plan.willCrit)
  if (plan.recharge && damage < defender.hp) return damage / 2
  return damage / plan.turnsPerUse
}

/**
 * Smallest or largest damage of one use (all hits), no crit unless the move always crits, with
 * the engine's rounding steps (may differ from the engine by a point or two). Used for KO checks.
 *
 * @example
 * damageRoll(zippyZapPlan, pikachu, squirtle, 'min') >= squirtle.hp // a sure KO
 */
export function damageRoll(
  plan: MovePlan,
  attacker: Pokemon,
  defender: Pokemon,
  bound: 'min' | 'max',
): number {
  if (plan.effectiveness === 0 || !plan.damaging || plan.kind === 'reactive') return 0
  switch (plan.kind) {
    case 'fixed':
      return plan.fixedDamage
    case 'level':
      return attacker.level
    case 'psywave':
      return Math.floor(attacker.level * (bound === 'min' ? 0.5 : 1.5))
    case 'half-hp':
      return Math.max(1, Math.floor(defender.hp / 2))
    case 'ohko':
      return defender.hp
  }
  const attack = Math.floor(attackStat(plan, attacker, defender))
  const defence = Math.floor(defenceStat(plan, defender))
  let damage =
    Math.floor(Math.floor((levelFactor(attacker) * livePower(plan, attacker) * attack) / defence) / 50) + 2
  if (plan.willCrit) damage = Math.floor(damage * 1.5)
  damage = Math.floor((damage * (bound === 'min' ? 85 : 100)) / 100)
  damage = Math.floor(damage * plan.stab)
  damage = Math.floor(damage * plan.effectiveness)
  damage = Math.max(1, Math.floor(damage * otherModifiers(plan, attacker, defender, plan.willCrit)))
  return damage * (bound === 'min' ? plan.minHits : plan.maxHits)
}

/** The level term of the damage formula: floor(2·L/5 + 2), 22 at level 50. */
function levelFactor(attacker: Pokemon): number {
  return Math.floor((2 * attacker.level) / 5 + 2)
}

function livePower(plan: MovePlan, attacker: Pokemon): number {
  return plan.facade && FACADE_STATUSES.has(attacker.status) ? plan.power * 2 : plan.power
}

function attackStat(plan: MovePlan, attacker: Pokemon, defender: Pokemon): number {
  if (!plan.physical) return liveStat(attacker, 'spa')
  return liveStat(plan.foulPlay ? defender : attacker, 'atk')
}

function defenceStat(plan: MovePlan, defender: Pokemon): number {
  return liveStat(defender, plan.physical ? 'def' : 'spd')
}

function attackOverDefence(plan: MovePlan, attacker: Pokemon, defender: Pokemon): number {
  return attackStat(plan, attacker, defender) / defenceStat(plan, defender)
}

/** Burn (physical, not Facade) and Reflect / Light Screen (ignored by crits). */
function otherModifiers(plan: MovePlan, attacker: Pokemon, defender: Pokemon, crit: boolean): number {
  let modifier = 1
  if (plan.physical && attacker.status === 'brn' && !plan.facade) modifier *= 0.5
  if (!crit && defender.side.sideConditions[plan.physical ? 'reflect' : 'lightscreen']) modifier *= 0.5
  return modifier
}

function liveAccuracy(plan: MovePlan, attacker: Pokemon, defender: Pokemon): number {
  if (!plan.usesAccuracyStages) return plan.accuracy
  const stage = Math.max(-6, Math.min(6, attacker.boosts.accuracy - defender.boosts.evasion))
  return Math.min(1, plan.accuracy * (ACCURACY_STAGE[stage + 6] ?? 1))
}
