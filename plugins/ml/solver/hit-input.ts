import type { Move } from '@pkmn/sim'
import type { FormStats } from './battler.ts'
import type { HitInput } from './damage.ts'
import type { TypeOracle } from './type-oracle.ts'

/** Live facts about the attacker and the target that change a hit's damage. */
export interface HitSituation {
  readonly attackBoost: number
  readonly defenseBoost: number
  /** The attacker is burned. */
  readonly burned: boolean
  /** The attacker has a status (Facade doubles its power for any status but sleep). */
  readonly facadeBoosted: boolean
  /** The target's side has Reflect (physical) / Light Screen (special) up. */
  readonly screened: boolean
  /** The target is underground, in the air or minimized and this move doubles on it. */
  readonly doubled: boolean
  /** The attacker's current types (Conversion can change them). */
  readonly attackerTypes: readonly string[]
  /** The target's current types (Roost removes Flying for a turn). */
  readonly targetTypes: readonly string[]
}

/** Base power as the engine computes it before `BasePower` modifiers, or 0 for non-standard damage. */
export function basePowerOf(move: Move, target: Pick<FormStats, 'weightHg'>): number {
  if (move.id === 'lowkick') return lowKickPower(target.weightHg)
  return move.basePower
}

function lowKickPower(weightHg: number): number {
  if (weightHg >= 2000) return 120
  if (weightHg >= 1000) return 100
  if (weightHg >= 500) return 80
  if (weightHg >= 250) return 60
  if (weightHg >= 100) return 40
  return 20
}

/**
 * The damage formula's inputs for `attacker` hitting `target` with `move` (a move with ordinary
 * damage: not fixed, not OHKO, not counter). Struggle is typeless in Gen 7 (no STAB, neutral).
 *
 * @example
 * hitInput(createTypeOracle(dex), move, pikachu, squirtle, neutralSituation(pikachu, squirtle))
 */
export function hitInput(
  types: TypeOracle,
  move: Move,
  attacker: Pick<FormStats, 'level' | 'stats'>,
  target: Pick<FormStats, 'stats' | 'weightHg'>,
  situation: HitSituation,
): HitInput {
  const physical = move.category === 'Physical'
  const offensive = move.overrideOffensivePokemon === 'target' ? target : attacker
  const typeless = move.id === 'struggle'
  const basePower = basePowerOf(move, target)
  return {
    level: attacker.level,
    basePower: move.id === 'facade' && situation.facadeBoosted ? modifyBasePower(basePower, 2) : basePower,
    attack: physical ? offensive.stats.atk : offensive.stats.spa,
    attackBoost: situation.attackBoost,
    defense: physical ? target.stats.def : target.stats.spd,
    defenseBoost: situation.defenseBoost,
    stab: !typeless && situation.attackerTypes.includes(move.type),
    typeMod: typeless ? 0 : types.effectiveness(move.type, situation.targetTypes),
    burned: physical && situation.burned && move.id !== 'facade',
    screened: situation.screened,
    doubled: situation.doubled,
  }
}

/** `runEvent('BasePower')` with one `chainModify(multiplier)`. */
function modifyBasePower(basePower: number, multiplier: number): number {
  const modifier = (multiplier * 4096) >>> 0
  return Math.max(1, (((basePower * modifier) >>> 0) + 2047) / 4096) >>> 0
}
