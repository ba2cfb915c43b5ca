/**
 * Let's Go stats exactly as the engine computes them (the `gen7letsgo` mod's `statModify`, with
 * our Awakening-Value fix): no EVs; HP = ⌊(2·B + IV + 100)·L/100 + 10⌋ + AV; other stats =
 * ⌊⌊(2·B + IV)·L/100 + 5⌋ × nature⌋, then × 1.02 for the fixed friendship of 70 (⌊70/255/10+1)·100⌋
 * = 102 %), truncated, + AV.
 *
 * Why exact: "who moves first" is a comparison of these numbers; an approximation would flip
 * speed ties between training (engine labels) and serving (our features).
 */
export type StatName = 'hp' | 'atk' | 'def' | 'spa' | 'spd' | 'spe'
export const STAT_NAMES: readonly StatName[] = ['hp', 'atk', 'def', 'spa', 'spd', 'spe']

export interface StatOptions {
  level: number
  iv: number
  av: number
  /** Nature multiplier for this stat: 1.1, 1 or 0.9. */
  nature?: 1.1 | 1 | 0.9
}

/** The defaults our battles use: level 50, IV 31, AV 0, neutral nature (see plugins/ml/battle/sets.ts). */
export const DEFAULT_STAT_OPTIONS: StatOptions = { level: 50, iv: 31, av: 0, nature: 1 }

/**
 * One stat at a level.
 *
 * @example
 * lgpeStat(35, 'hp', DEFAULT_STAT_OPTIONS) // Pikachu's HP at level 50: 110
 */
export function lgpeStat(base: number, stat: StatName, options: StatOptions = DEFAULT_STAT_OPTIONS): number {
  const { level, iv, av } = options
  if (stat === 'hp') return Math.trunc(Math.trunc(2 * base + iv + 100) * (level / 100) + 10) + av
  let value = Math.trunc((Math.trunc(2 * base + iv) * level) / 100 + 5)
  if (options.nature === 1.1) value = Math.trunc(Math.trunc(value * 110) / 100)
  else if (options.nature === 0.9) value = Math.trunc(Math.trunc(value * 90) / 100)
  value = Math.trunc((value * 102) / 100)
  return value + av
}

/** All six stats of a form. */
export function lgpeStats(
  base: Readonly<Record<StatName, number>>,
  options: StatOptions = DEFAULT_STAT_OPTIONS,
): Record<StatName, number> {
  return {
    hp: lgpeStat(base.hp, 'hp', options),
    atk: lgpeStat(base.atk, 'atk', options),
    def: lgpeStat(base.def, 'def', options),
    spa: lgpeStat(base.spa, 'spa', options),
    spd: lgpeStat(base.spd, 'spd', options),
    spe: lgpeStat(base.spe, 'spe', options),
  }
}
