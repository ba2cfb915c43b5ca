import type { PokemonSet, StatID } from '@pkmn/sim'
import type { LgpeEngine } from './engine.ts'
import { BattleError } from './errors.ts'

type StatsTable = Record<StatID, number>

/** What the rest of the platform knows about a battler. Only `species` and `moves` are required. */
export interface BattleFormInput {
  /** Showdown id or name: `'charizardmegax'`, `'Charizard-Mega-X'`, `'pikachustarter'`, `'Raichu-Alola'`. */
  readonly species: string
  /** 1–4 distinct moves, Showdown ids (names are accepted too). */
  readonly moves: readonly string[]
  /**
   * Default 50: the level of the standard LGPE ruleset. The format's `Adjust Level = 50` is applied
   * by the validator only; a battle uses this level as given.
   */
  readonly level?: number
  /**
   * Individual values 0–31, default 31 each (the usual fully-trained assumption). The partner
   * forms are gifts with perfect IVs: the engine rejects them with fewer.
   */
  readonly ivs?: Partial<StatsTable>
  /**
   * Awakening Values 0–200, default 0 each (a Pokémon that was never fed candies). They are
   * stored in the set's `evs`, where the engine's LGPE stat formula reads them.
   */
  readonly avs?: Partial<StatsTable>
  /** Default `'Hardy'`: a neutral nature, so the stats reflect the species and not a choice of ours. */
  readonly nature?: string
}

export const SET_DEFAULTS = { level: 50, iv: 31, av: 0, nature: 'Hardy' } as const

const STAT_IDS: readonly StatID[] = ['hp', 'atk', 'def', 'spa', 'spd', 'spe']
const MAX_IV = 31
const MAX_AV = 200

/**
 * Builds and validates a Showdown set for one LGPE battler. Build a set once per battler and reuse
 * it across battles: validation costs ~0.1–2 ms, a battle ~1 ms.
 *
 * Megas: pass the Mega form itself as `species` (no item, LGPE needs no stone). The battle then
 * starts in Mega form with Mega stats and types; `runBattle` never asks for an in-battle Mega
 * Evolution. Learnability is checked on the base species (Megas have no learnset of their own);
 * the partner forms (`pikachustarter`, `eeveestarter`) have their own learnset in the mod.
 *
 * Pika Papow and Veevee Volley are rejected (`BATTLE_UNSUPPORTED_MOVE`): the engine flags them as
 * non-standard and computes their power from its fixed happiness (28 BP, versus up to 102 in game),
 * so any label produced with them would be a made-up number.
 *
 * The returned object is what `Battle` expects; treat it as read-only (not frozen, because the
 * engine writes `level` and `happiness` back into it, with the same values).
 *
 * @throws BattleError `BATTLE_UNKNOWN_POKEMON`, `BATTLE_POKEMON_NOT_IN_LGPE`, `BATTLE_UNKNOWN_MOVE`,
 *   `BATTLE_ILLEGAL_MOVE`, `BATTLE_UNSUPPORTED_MOVE`, `BATTLE_INVALID_SET`.
 * @example
 * const pikachu = buildBattleSet(engine, { species: 'pikachustarter', moves: ['zippyzap', 'thunderbolt'] })
 */
export function buildBattleSet(engine: LgpeEngine, input: BattleFormInput): PokemonSet {
  const { dex, validator } = engine
  const species = dex.species.get(input.species)
  if (!species.exists) {
    throw new BattleError('BATTLE_UNKNOWN_POKEMON', `unknown Pokémon '${input.species}'`)
  }
  if (!engine.legalSpecies.has(species.id)) {
    throw new BattleError(
      'BATTLE_POKEMON_NOT_IN_LGPE',
      `${species.name} is not available in Let's Go Pikachu/Eevee`,
    )
  }
  const moveIds = resolveMoves(engine, species.name, input.moves)
  // Megas learn what their base species learns; `battleOnly` names that base for every Mega.
  const learner = species.battleOnly ? dex.species.get(species.battleOnly as string) : species
  const sources = validator.allSources(learner)
  for (const id of moveIds) {
    const move = dex.moves.get(id)
    if (validator.checkCanLearn(move, learner, sources) !== null) {
      throw new BattleError('BATTLE_ILLEGAL_MOVE', `${species.name} cannot learn ${move.name} in LGPE`)
    }
    if (move.isNonstandard) {
      throw new BattleError(
        'BATTLE_UNSUPPORTED_MOVE',
        `${move.name} is not supported: the engine flags it as non-standard and would use a made-up power`,
      )
    }
  }
  const set: PokemonSet = {
    name: species.name,
    species: species.name,
    item: '',
    ability: 'No Ability',
    moves: moveIds,
    nature: resolveNature(engine, input.nature ?? SET_DEFAULTS.nature),
    gender: '',
    level: checkLevel(input.level ?? SET_DEFAULTS.level),
    evs: statTable(input.avs, SET_DEFAULTS.av, MAX_AV, 'Awakening Value'),
    ivs: statTable(input.ivs, SET_DEFAULTS.iv, MAX_IV, 'IV'),
  }
  // Belt and braces: the engine's own validator on a copy (it rewrites sets it validates, e.g. a
  // Mega back to its base species and level 50 to 100 while checking).
  const problems = validator.validateTeam([structuredClone(set)])
  if (problems !== null) {
    throw new BattleError('BATTLE_INVALID_SET', `${species.name}: ${problems.join(' ')}`)
  }
  return set
}

function resolveMoves(engine: LgpeEngine, speciesName: string, moves: readonly string[]): string[] {
  if (!Array.isArray(moves) || moves.length < 1 || moves.length > 4) {
    throw new BattleError(
      'BATTLE_INVALID_SET',
      `${speciesName} needs 1 to 4 moves, got ${moves?.length ?? 0}`,
    )
  }
  const ids: string[] = []
  for (const name of moves) {
    const move = engine.dex.moves.get(name)
    if (!move.exists) throw new BattleError('BATTLE_UNKNOWN_MOVE', `unknown move '${name}'`)
    if (ids.includes(move.id)) {
      throw new BattleError('BATTLE_INVALID_SET', `${speciesName} lists ${move.name} twice`)
    }
    ids.push(move.id)
  }
  return ids
}

function resolveNature(engine: LgpeEngine, name: string): string {
  const nature = engine.dex.natures.get(name)
  if (!nature.exists) throw new BattleError('BATTLE_INVALID_SET', `unknown nature '${name}'`)
  return nature.name
}

function checkLevel(level: number): number {
  if (!Number.isInteger(level) || level < 1 || level > 100) {
    throw new BattleError('BATTLE_INVALID_SET', `level must be an integer in 1…100, got ${level}`)
  }
  return level
}

function statTable(values: Partial<StatsTable> | undefined, fallback: number, max: number, label: string) {
  const table = {} as StatsTable
  for (const stat of STAT_IDS) {
    const value = values?.[stat] ?? fallback
    if (!Number.isInteger(value) || value < 0 || value > max) {
      throw new BattleError(
        'BATTLE_INVALID_SET',
        `${label} for ${stat} must be an integer in 0…${max}, got ${value}`,
      )
    }
    table[stat] = value
  }
  return table
}
