/**
 * The 18 types and the 324-cell type chart, read from the dex's `damageTaken` tables.
 *
 * Why from the dex and not a literal table: the engine that labels our battles reads the same
 * numbers, so the chart we store can never disagree with the battles we simulate.
 */
import type { ModdedDex } from '@pkmn/dex'
import { TYPE_SLUGS, type TypeChartCell, type TypeRecord, type TypeSlug } from '../../model.ts'
import { type Findings, rejectRow } from './findings.ts'

/** French type names as printed in the French games (and in the predecessor's CSV files). */
export const FRENCH_TYPE_NAMES: Readonly<Record<TypeSlug, string>> = {
  normal: 'Normal',
  fire: 'Feu',
  water: 'Eau',
  electric: 'Électrik',
  grass: 'Plante',
  ice: 'Glace',
  fighting: 'Combat',
  poison: 'Poison',
  ground: 'Sol',
  flying: 'Vol',
  psychic: 'Psy',
  bug: 'Insecte',
  rock: 'Roche',
  ghost: 'Spectre',
  dragon: 'Dragon',
  dark: 'Ténèbres',
  steel: 'Acier',
  fairy: 'Fée',
}

/** Showdown's `damageTaken` codes → multiplier on a pure defending type. */
const DAMAGE_TAKEN_MULTIPLIER: Readonly<Record<number, TypeChartCell['multiplier']>> = {
  0: 1,
  1: 2,
  2: 0.5,
  3: 0,
}

/**
 * Narrows a Showdown type name (`'Electric'`) to a model slug, or undefined for `'???'`/`'Stellar'`.
 *
 * @example
 * toTypeSlug('Electric') // 'electric'
 */
export function toTypeSlug(name: string): TypeSlug | undefined {
  const slug = name.toLowerCase()
  return (TYPE_SLUGS as readonly string[]).includes(slug) ? (slug as TypeSlug) : undefined
}

/**
 * The 18 types with English and French names, in the model's canonical order.
 *
 * @example
 * extractTypes(dex)[3] // { slug: 'electric', names: { en: 'Electric', fr: 'Électrik' } }
 */
export function extractTypes(dex: ModdedDex): TypeRecord[] {
  return TYPE_SLUGS.map((slug) => ({
    slug,
    names: { en: dex.types.get(slug).name, fr: FRENCH_TYPE_NAMES[slug] },
  }))
}

/**
 * Every (attacking, defending) pair: 18 × 18 = 324 cells. A code the model cannot express is
 * rejected (with the pair as locator) instead of guessed.
 *
 * @example
 * extractTypeChart(dex, { rejects: [], warnings: [] }).find((c) => c.attacking === 'normal' && c.defending === 'ghost')?.multiplier // 0
 */
export function extractTypeChart(dex: ModdedDex, findings: Findings): TypeChartCell[] {
  const cells: TypeChartCell[] = []
  for (const attacking of TYPE_SLUGS) {
    const attackingName = dex.types.get(attacking).name
    for (const defending of TYPE_SLUGS) {
      const defendingType = dex.types.get(defending)
      const code = defendingType.damageTaken[attackingName]
      const multiplier = code === undefined ? undefined : DAMAGE_TAKEN_MULTIPLIER[code]
      if (multiplier === undefined) {
        const locator = `types.${defendingType.id}.damageTaken.${attackingName}`
        rejectRow(findings, locator, String(code), 'unknown damageTaken code (expected 0, 1, 2 or 3)')
        continue
      }
      cells.push({ attacking, defending, multiplier })
    }
  }
  return cells
}
