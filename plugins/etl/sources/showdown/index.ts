/**
 * The offline `showdown` source: the complete Let's Go dataset from npm packages only.
 *
 * Why it exists: it needs no network, so the ETL can always build a full, battle-engine-consistent
 * database (types, chart, 188 forms, 153 species, 226 moves, learnsets), and the live sources
 * (PokéAPI, Poképédia) only add what Showdown lacks (French move names, sprites, TM numbers…).
 */
import type { Extract } from '../../model.ts'
import { withPokeApiSnapshot } from '../pokeapi/snapshot/index.ts'
import type { Findings } from './findings.ts'
import { extractLearnsets } from './learnsets.ts'
import { loadLgpeData } from './lgpe-dex.ts'
import { extractMoves, lgpeMoveIds } from './moves.ts'
import { createSpeciesNameBook } from './names.ts'
import { extractPokemon } from './pokemon.ts'
import { extractSpecies } from './species.ts'
import { extractTypeChart, extractTypes } from './types.ts'

export { createShowdownIdMap, toSlug } from './slugs.ts'
export { FRENCH_TYPE_NAMES } from './types.ts'

/**
 * Extracts everything Showdown knows about Let's Go into the intermediate model, with the French
 * move names and descriptions of the committed PokéAPI snapshot (Showdown has none).
 *
 * Pure apart from reading the installed packages and the snapshot: no network, no file writes, the shared
 * `@pkmn/mods` objects are left as found, and two calls return equal extracts.
 *
 * @example
 * const extract = extractShowdown()
 * extract.pokemon?.length // 188
 * extract.moves?.find((m) => m.slug === 'zippy-zap')?.priority // 2
 */
export function extractShowdown(): Extract {
  const data = loadLgpeData()
  const findings: Findings = { rejects: [], warnings: [...data.warnings] }
  const names = createSpeciesNameBook()
  const pokemon = extractPokemon(data, names, findings)
  const moves = extractMoves(data, lgpeMoveIds(data), findings)
  const slugs = {
    pokemon: new Map(pokemon.map((record) => [record.showdownId ?? '', record.slug])),
    moves: new Map(moves.map((record) => [record.showdownId ?? '', record.slug])),
  }
  return withPokeApiSnapshot({
    source: 'showdown',
    types: extractTypes(data.dex),
    typeChart: extractTypeChart(data.dex, findings),
    species: extractSpecies(data, names, findings),
    pokemon,
    moves,
    learnsets: extractLearnsets(data, slugs, findings),
    rejects: findings.rejects,
    warnings: findings.warnings,
  })
}

/**
 * The Showdown ids of the 188 Let's Go battle forms, in national dex order, for code that drives
 * the battle engine (team validation, random matchups).
 *
 * @example
 * lgpeLegalShowdownIds().includes('pikachustarter') // true
 */
export function lgpeLegalShowdownIds(): string[] {
  return [...loadLgpeData().legalIds]
}

/**
 * The Showdown ids of the 226 Let's Go moves (every move of the mod's learnsets), sorted.
 *
 * @example
 * lgpeMoveShowdownIds().includes('zippyzap') // true
 */
export function lgpeMoveShowdownIds(): string[] {
  return lgpeMoveIds(loadLgpeData())
}
