/**
 * The engine's damage formula, step for step (`getDamage` and `modifyDamage` in
 * `@pkmn/sim/sim/battle-actions.ts`, Gen 7 branch), with the engine's own integer rounding:
 * `>>> 0` truncation, 4096-based modifiers (`battle.modify`, `battle.chain`) and the 16 random
 * rolls. `damage.test.ts` proves it equal to the engine's `getDamage` roll for roll.
 */

/** Everything one hit's damage depends on once the move is known to connect. */
export interface HitInput {
  readonly level: number
  /** Base power after base-power modifiers (Facade ×2, Low Kick by weight). */
  readonly basePower: number
  /** Unboosted offensive stat (atk or spa of the attacker; of the target for Foul Play). */
  readonly attack: number
  readonly attackBoost: number
  /** Unboosted defensive stat of the target (def or spd). */
  readonly defense: number
  readonly defenseBoost: number
  readonly stab: boolean
  /** Sum of log2 type effectiveness over the target's types (−2 … 2). */
  readonly typeMod: number
  /** Physical move from a burned attacker (Facade excepted in Gen 7). */
  readonly burned: boolean
  /** Reflect (physical) or Light Screen (special) on the target's side; crits ignore it. */
  readonly screened: boolean
  /** ×2 from the target's state: Earthquake on Dig, Gust on Fly, a minimize-flag move on Minimize. */
  readonly doubled: boolean
}

const BOOST_TABLE = [1, 1.5, 2, 2.5, 3, 3.5, 4]

const tr = (value: number): number => value >>> 0

/**
 * `battle.modify(value, numerator/denominator)`: a 4096-based multiplier rounded half down.
 *
 * @example
 * modify(101, 1.5) // 151
 */
export function modify(value: number, multiplier: number): number {
  const modifier = tr(multiplier * 4096)
  return tr((tr(value * modifier) + 2048 - 1) / 4096)
}

/** `battle.chain` of two 4096-based modifiers, as `chainModify` accumulates them in an event. */
function chain(previous: number, next: number): number {
  const a = tr(previous * 4096)
  const b = tr(next * 4096)
  return ((a * b + 2048) >> 12) / 4096
}

/**
 * `pokemon.calculateStat`: a stored stat with a stat stage (−6 … 6), floored.
 *
 * @example
 * boostedStat(100, 2) // 200
 */
export function boostedStat(stat: number, boost: number): number {
  const stage = Math.max(-6, Math.min(6, boost))
  const multiplier = BOOST_TABLE[Math.abs(stage)] ?? 1
  return stage >= 0 ? Math.floor(stat * multiplier) : Math.floor(stat / multiplier)
}

/**
 * The 16 damage values of one hit (roll 100 % first, 85 % last), crit or not. A crit ignores the
 * attacker's negative attack stage, the target's positive defence stage and screens (Gen 7 rules).
 *
 * @example
 * hitRolls({ level: 50, basePower: 90, attack: 102, attackBoost: 0, defense: 90, defenseBoost: 0,
 *   stab: true, typeMod: 1, burned: false, screened: false, doubled: false }, false)[0] // max roll
 */
export function hitRolls(input: HitInput, crit: boolean): number[] {
  const attackBoost = crit && input.attackBoost < 0 ? 0 : input.attackBoost
  const defenseBoost = crit && input.defenseBoost > 0 ? 0 : input.defenseBoost
  const attack = boostedStat(input.attack, attackBoost)
  const defense = boostedStat(input.defense, defenseBoost)
  const levelTerm = tr((2 * input.level) / 5 + 2)
  let base = tr(tr(tr(levelTerm * input.basePower * attack) / defense) / 50) + 2
  if (crit) base = tr(base * 1.5)
  let finalModifier = 1
  if (input.screened && !crit) finalModifier = chain(finalModifier, 0.5)
  if (input.doubled) finalModifier = chain(finalModifier, 2)
  const rolls: number[] = []
  for (let roll = 0; roll < 16; roll++) {
    let damage = tr(tr(base * (100 - roll)) / 100)
    if (input.stab) damage = modify(damage, 1.5)
    const typeMod = Math.max(-6, Math.min(6, input.typeMod))
    for (let i = 0; i < typeMod; i++) damage *= 2
    for (let i = 0; i > typeMod; i--) damage = tr(damage / 2)
    if (input.burned) damage = modify(damage, 0.5)
    damage = modify(damage, finalModifier)
    rolls.push(damage === 0 ? 1 : tr(damage) % 65536)
  }
  return rolls
}

/**
 * Damage of hitting oneself in confusion (`getConfusionDamage`, 40 BP typeless, no crit, no STAB,
 * no burn), its 16 rolls.
 *
 * @example
 * confusionRolls(50, 100, 0, 100, 0)
 */
export function confusionRolls(
  level: number,
  attack: number,
  attackBoost: number,
  defense: number,
  defenseBoost: number,
): number[] {
  const a = boostedStat(attack, attackBoost)
  const d = boostedStat(defense, defenseBoost)
  const base = (tr(tr(tr(tr((2 * level) / 5 + 2) * 40 * a) / d) / 50) + 2) % 65536
  const rolls: number[] = []
  for (let roll = 0; roll < 16; roll++) rolls.push(Math.max(1, tr(tr(base * (100 - roll)) / 100)))
  return rolls
}

/** Crit chance by crit stage (Gen 7 table 1/24, 1/8, 1/2, 1; stage 0 never crits). */
export function critChance(stage: number): number {
  const table = [0, 1 / 24, 1 / 8, 1 / 2, 1]
  return table[Math.max(0, Math.min(4, stage))] ?? 1
}

/**
 * Hit chance of an accuracy check (`hitStepAccuracy`): accuracy stages of the user minus evasion
 * stages of the target, clamped to ±6, applied with the engine's truncations.
 *
 * @example
 * hitChance(90, 0) // 0.9
 */
export function hitChance(accuracy: number | true, stage: number): number {
  if (accuracy === true) return 1
  const boost = Math.max(-6, Math.min(6, stage))
  let value = accuracy
  if (boost > 0) value = tr((value * (3 + boost)) / 3)
  else if (boost < 0) value = tr((value * 3) / (3 - boost))
  return Math.min(100, value) / 100
}
