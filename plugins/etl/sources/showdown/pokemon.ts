/**
 * The 188 Let's Go battle forms as `PokemonRecord`s.
 *
 * Heights come from `@pkmn/sim`'s base dex because `@pkmn/dex` strips `heightm` from its data;
 * both packages are built from the same Showdown source (0.10.11), and a height does not change
 * with the generation. Weights, types and stats come from the Let's Go dex.
 */
import type { Species } from '@pkmn/dex'
import { Dex as SimDex } from '@pkmn/sim'
import type { FormKind, PokemonRecord, TypeSlug } from '../../model.ts'
import { type Findings, rejectRow } from './findings.ts'
import type { LgpeData } from './lgpe-dex.ts'
import { formNames, type SpeciesNameBook } from './names.ts'
import { toSlug } from './slugs.ts'
import { toTypeSlug } from './types.ts'

/**
 * Which kind of battle form a Showdown species is, or undefined for a forme Let's Go lacks.
 *
 * @example
 * formKindOf(dex.species.get('pikachustarter')) // 'partner'
 */
export function formKindOf(species: Species): FormKind | undefined {
  if (species.isMega) return 'mega'
  if (species.forme === '') return 'base'
  if (species.forme === 'Alola') return 'alola'
  if (species.forme === 'Starter') return 'partner'
  return undefined
}

function toTypes(types: readonly string[]): PokemonRecord['types'] | undefined {
  const slugs = types.map(toTypeSlug)
  if (slugs.some((slug) => slug === undefined)) return undefined
  const [first, second] = slugs as TypeSlug[]
  if (first === undefined) return undefined
  return second === undefined ? [first] : [first, second]
}

function toPokemonRecord(
  species: Species,
  names: SpeciesNameBook,
  findings: Findings,
): PokemonRecord | undefined {
  const locator = `species.${species.id}`
  const kind = formKindOf(species)
  if (kind === undefined) {
    return rejectRow(findings, locator, species.forme, `forme "${species.forme}" is not a Let's Go form`)
  }
  const types = toTypes(species.types)
  if (types === undefined) return rejectRow(findings, locator, species.types.join('/'), 'unknown type')
  const speciesNames = names.get(species.num)
  if (speciesNames === undefined) {
    return rejectRow(
      findings,
      locator,
      String(species.num),
      'no name for this national dex number in npm pokemon',
    )
  }
  const megaLetter = species.forme.match(/^Mega-([XY])$/)?.[1]
  const height = SimDex.species.get(species.id).heightm
  return {
    slug: toSlug(species.name),
    species: toSlug(species.baseSpecies),
    form: kind,
    names: formNames(speciesNames, kind, megaLetter),
    types,
    stats: { ...species.baseStats },
    ...(height > 0 ? { heightM: height } : {}),
    ...(species.weightkg > 0 ? { weightKg: species.weightkg } : {}),
    showdownId: species.id,
  }
}

/**
 * Extracts every legal battle form; anything unusable goes to `rejects` with its Showdown id.
 *
 * @example
 * extractPokemon(loadLgpeData(), createSpeciesNameBook(), { rejects: [], warnings: [] }).length // 188
 */
export function extractPokemon(data: LgpeData, names: SpeciesNameBook, findings: Findings): PokemonRecord[] {
  const records: PokemonRecord[] = []
  for (const id of data.legalIds) {
    const record = toPokemonRecord(data.dex.species.get(id), names, findings)
    if (record) records.push(record)
  }
  return records
}
