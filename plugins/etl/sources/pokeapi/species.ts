/**
 * `/pokemon-species/{slug}` → national number, English and French names, LGPE Pokédex texts and
 * the evolution chain to read next.
 */
import type { Names, SpeciesRecord } from '../../model.ts'
import type { SpeciesJson } from './schemas.ts'
import { LGPE_VERSION_NAMES, resourceIdOf } from './version-groups.ts'

/**
 * Game text → one clean line: PokéAPI keeps the cartridge's line breaks (`\n`), page breaks
 * (`\f`) and soft hyphens (`\u00ad`).
 *
 * @example
 * cleanGameText('Il stocke\nde l’électricité.\fSes joues') // 'Il stocke de l’électricité. Ses joues'
 */
export function cleanGameText(text: string): string {
  // ASCII whitespace only: the no-break spaces of French typography are kept.
  return text
    .replace(/\u00ad[\n\f]?/g, '')
    .replace(/[\n\f\r\t ]+/g, ' ')
    .trim()
}

/** The localised names PredictionDex uses, from a PokéAPI `names` array. */
export function namesOf(entries: readonly { name: string; language: { name: string } }[]): Names {
  const en = entries.find((entry) => entry.language.name === 'en')?.name
  const fr = entries.find((entry) => entry.language.name === 'fr')?.name
  return { ...(en ? { en } : {}), ...(fr ? { fr } : {}) }
}

function lgpeFlavorText(json: SpeciesJson): Names | undefined {
  const pick = (language: string) => {
    for (const version of LGPE_VERSION_NAMES) {
      const entry = json.flavor_text_entries.find(
        (candidate) => candidate.language.name === language && candidate.version.name === version,
      )
      if (entry) return cleanGameText(entry.flavor_text)
    }
    return undefined
  }
  const en = pick('en')
  const fr = pick('fr')
  if (en === undefined && fr === undefined) return undefined
  return { ...(en ? { en } : {}), ...(fr ? { fr } : {}) }
}

export interface SpeciesReading {
  record: SpeciesRecord
  /** Id of the evolution chain, when the species has one. */
  chainId?: number
}

/**
 * Builds the species record (evolution fields come later, from the chain).
 *
 * @example
 * toSpeciesRecord(json, 'pikachu').record.names // { en: 'Pikachu', fr: 'Pikachu' }
 */
export function toSpeciesRecord(json: SpeciesJson, slug: string): SpeciesReading {
  const flavorText = lgpeFlavorText(json)
  const chainId = json.evolution_chain ? resourceIdOf(json.evolution_chain.url) : undefined
  return {
    record: {
      slug,
      nationalDex: json.id,
      names: namesOf(json.names),
      ...(flavorText ? { flavorText } : {}),
    },
    ...(chainId !== undefined ? { chainId } : {}),
  }
}
