import type { PokemonSet } from '@pkmn/sim'
import { Battle } from '@pkmn/sim'
import type { LgpeEngine } from './engine.ts'
import { BattleError } from './errors.ts'

/** LGPE has exactly 188 battle-legal species and forms (see the `FormatsData` of the mod). */
const LGPE_SPECIES_COUNT = 188
const STAT_IDS = ['atk', 'def', 'spa', 'spd', 'spe'] as const

/**
 * Proves the engine runs LGPE rules, not a silent Gen 9 fallback. Cheap enough (one throwaway
 * battle) to run at every engine creation.
 *
 * @throws BattleError `BATTLE_ENGINE_MISMATCH` listing every failed check.
 * @example
 * assertLgpeInForce(createLgpeEngine()) // passes silently
 */
export function assertLgpeInForce(engine: LgpeEngine): void {
  const { dex, format, validator } = engine
  const problems: string[] = []
  if (dex.currentMod !== 'gen7letsgo') problems.push(`dex mod is '${dex.currentMod}', not 'gen7letsgo'`)
  if (!format.exists || format.mod !== 'gen7letsgo')
    problems.push(`format '${format.id}' is not a gen7letsgo format`)
  const zippyZap = dex.moves.get('zippyzap')
  if (!zippyZap.exists || zippyZap.basePower !== 50 || zippyZap.priority !== 2 || !zippyZap.willCrit) {
    problems.push('Zippy Zap is not the LGPE move (50 BP, +2 priority, always crits)')
  }
  if (engine.legalSpecies.size !== LGPE_SPECIES_COUNT) {
    problems.push(`${engine.legalSpecies.size} legal species instead of ${LGPE_SPECIES_COUNT}`)
  }
  if (validator.validateTeam([probeSet('Chikorita', ['tackle'], 0)]) === null) {
    problems.push('the validator accepts Chikorita, which is not in LGPE')
  }
  const partnerProblems = validator.validateTeam([probeSet('Pikachu-Starter', ['zippyzap'], 0)])
  if (partnerProblems !== null)
    problems.push(`the validator rejects Partner Pikachu: ${partnerProblems.join('; ')}`)
  problems.push(...battleProblems(engine))
  if (problems.length > 0) {
    throw new BattleError('BATTLE_ENGINE_MISMATCH', `LGPE rules are not in force: ${problems.join('; ')}`)
  }
}

/** One battle between two Pikachu that differ only by 200 Awakening Values everywhere. */
function battleProblems({ dex, format }: LgpeEngine): string[] {
  const problems: string[] = []
  const battle = new Battle(
    {
      formatid: format.id,
      format,
      seed: '1,2,3,4',
      p1: { name: 'A', team: [probeSet('Pikachu', ['thundershock'], 200)] },
      p2: { name: 'B', team: [probeSet('Pikachu', ['thundershock'], 0)] },
    },
    dex,
  )
  const withAvs = battle.p1.active[0]
  const withoutAvs = battle.p2.active[0]
  if (!withAvs || !withoutAvs) return ['the probe battle has no active Pokémon']
  if (battle.dex.currentMod !== 'gen7letsgo') problems.push(`battle dex is '${battle.dex.currentMod}'`)
  if (withAvs.level !== 50) problems.push(`probe Pokémon is level ${withAvs.level}, not 50`)
  if (withAvs.ability !== 'noability') problems.push(`probe Pokémon has ability '${withAvs.ability}'`)
  if (withAvs.maxhp - withoutAvs.maxhp !== 200) problems.push('Awakening Values do not raise HP')
  for (const stat of STAT_IDS) {
    if (withAvs.storedStats[stat] - withoutAvs.storedStats[stat] !== 200) {
      problems.push(`Awakening Values do not raise ${stat} (the AV fix is not in force)`)
    }
  }
  return problems
}

function probeSet(species: string, moves: string[], av: number): PokemonSet {
  return {
    name: species,
    species,
    item: '',
    ability: 'No Ability',
    moves,
    nature: 'Hardy',
    gender: '',
    level: 50,
    evs: { hp: av, atk: av, def: av, spa: av, spd: av, spe: av },
    ivs: { hp: 31, atk: 31, def: 31, spa: 31, spd: 31, spe: 31 },
  }
}
