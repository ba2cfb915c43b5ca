import type { ModdedDex } from '@pkmn/sim'

/**
 * Type-chart lookups, memoised: the dex normalises names on every call (a regex per lookup),
 * which cost a fifth of a short solve. One oracle per solver, shared by all its solves.
 */
export interface TypeOracle {
  /** True when `targetTypes` are immune to `type` (a move type, or 'par' / 'brn' / 'powder'…). */
  immune(type: string, targetTypes: readonly string[]): boolean
  /** Sum of log2 effectiveness of `type` over `targetTypes` (immunities apart). */
  effectiveness(type: string, targetTypes: readonly string[]): number
}

/** @example createTypeOracle(engine.dex).immune('Ground', ['Flying']) // true */
export function createTypeOracle(dex: ModdedDex): TypeOracle {
  const immunity = new Map<string, boolean>()
  // by the list itself first: a form's types are one array, read for every action (no key to join)
  const immunityByList = new WeakMap<readonly string[], Map<string, boolean>>()
  const mods = new Map<string, number>()
  return {
    immune(type, targetTypes) {
      let byType = immunityByList.get(targetTypes)
      if (!byType) {
        byType = new Map()
        immunityByList.set(targetTypes, byType)
      }
      let value = byType.get(type)
      if (value !== undefined) return value
      const key = `${type}|${targetTypes.join('/')}`
      value = immunity.get(key)
      if (value === undefined) {
        value = !dex.getImmunity(type, targetTypes as string[])
        immunity.set(key, value)
      }
      byType.set(type, value)
      return value
    },
    effectiveness(type, targetTypes) {
      const key = `${type}|${targetTypes.join('/')}`
      let value = mods.get(key)
      if (value === undefined) {
        value = 0
        for (const targetType of targetTypes) value += dex.getEffectiveness(type, targetType)
        mods.set(key, value)
      }
      return value
    },
  }
}
