/**
 * Builds the committed PokéAPI snapshot (`lgpe-names.json`) from PokéAPI's CSV dump.
 *
 * Why a builder next to the data: the snapshot is extracted once and committed, so a fresh clone
 * is French offline; this code says exactly how it was made and lets anyone remake it from a newer
 * dump (`bun scripts/pokeapi-snapshot.ts <folder of CSV files>`).
 */
import { parseCsv } from '../../csv/rfc4180.ts'
import { cleanGameText } from '../species.ts'

/** PokéAPI language ids (languages.csv): the two languages PredictionDex speaks. */
export const LANGUAGE_IDS = { fr: 5, en: 9 } as const
/** LGPE's version group (version_groups.csv: lets-go-pikachu-lets-go-eevee). */
export const LGPE_VERSION_GROUP = 19

export type Lang = keyof typeof LANGUAGE_IDS
export type Localised = Record<Lang, string>

/** Where a description comes from: a PokéAPI version group, or PredictionDex when none has one. */
export type DescriptionOrigin = { versionGroup: number } | { writtenBy: 'PredictionDex' }

export interface SnapshotMove {
  num: number
  slug: string
  names: Localised
  descriptions: Localised
  descriptionOrigin: Record<Lang, DescriptionOrigin>
}

export interface SnapshotSpecies {
  nationalDex: number
  names: Localised
}

export interface PokeApiSnapshot {
  moves: SnapshotMove[]
  species: SnapshotSpecies[]
}

/** The CSV files the builder reads, as text. Several flavour-text files are merged. */
export interface SnapshotCsv {
  moveNames: string
  moveFlavorTexts: string[]
  speciesNames: string
}

/** Rows of a CSV with a header line, as objects keyed by column name. */
function rows(text: string): Record<string, string>[] {
  const [header, ...records] = parseCsv(text.replace(/^\uFEFF/, ''))
  if (!header) return []
  return records.map((r) => Object.fromEntries(header.fields.map((name, i) => [name, r.fields[i] ?? ''])))
}

/** `id → language → name` from a PokéAPI names CSV (`<entity>_id,local_language_id,name…`). */
function namesById(text: string, idColumn: string): Map<number, Partial<Localised>> {
  const out = new Map<number, Partial<Localised>>()
  for (const row of rows(text)) {
    const lang = (Object.keys(LANGUAGE_IDS) as Lang[]).find(
      (l) => String(LANGUAGE_IDS[l]) === row.local_language_id,
    )
    if (!lang || !row.name) continue
    const id = Number(row[idColumn])
    out.set(id, { ...out.get(id), [lang]: row.name })
  }
  return out
}

/**
 * Picks a move's description per language: LGPE's own text, else the latest text of a version
 * group *before* LGPE (later games rewrite partner moves as "cannot be used").
 */
function descriptionsById(texts: string[]) {
  const best = new Map<string, { versionGroup: number; text: string }>()
  for (const row of texts.flatMap(rows)) {
    const lang = (Object.keys(LANGUAGE_IDS) as Lang[]).find(
      (l) => String(LANGUAGE_IDS[l]) === row.language_id,
    )
    const versionGroup = Number(row.version_group_id)
    if (!lang || !row.flavor_text || versionGroup > LGPE_VERSION_GROUP) continue
    const key = `${row.move_id}:${lang}`
    const current = best.get(key)
    if (!current || versionGroup > current.versionGroup) {
      best.set(key, { versionGroup, text: cleanGameText(row.flavor_text) })
    }
  }
  return best
}

/**
 * Extracts the snapshot for the given LGPE moves and species. Moves no PokéAPI text describes
 * take their text from `written` (marked as written by PredictionDex); anything still missing
 * is an error, so a snapshot is always complete.
 *
 * @example
 * buildSnapshot(csv, { moves: [{ num: 85, slug: 'thunderbolt' }], species: [25] }, {})
 * // { moves: [{ num: 85, slug: 'thunderbolt', names: { fr: 'Tonnerre', en: 'Thunderbolt' }, … }], species: [{ nationalDex: 25, … }] }
 */
export function buildSnapshot(
  csv: SnapshotCsv,
  wanted: { moves: readonly { num: number; slug: string }[]; species: readonly number[] },
  written: Readonly<Record<string, Localised>>,
): PokeApiSnapshot {
  const moveNames = namesById(csv.moveNames, 'move_id')
  const speciesNames = namesById(csv.speciesNames, 'pokemon_species_id')
  const texts = descriptionsById(csv.moveFlavorTexts)
  const missing: string[] = []
  const complete = (what: string, value: Partial<Localised> | undefined): Localised => {
    if (!value?.fr || !value.en) missing.push(what)
    return { fr: value?.fr ?? '', en: value?.en ?? '' }
  }
  const moves = [...wanted.moves]
    .sort((a, b) => a.num - b.num)
    .map((m): SnapshotMove => {
      const descriptions: Partial<Localised> = {}
      const descriptionOrigin = {} as Record<Lang, DescriptionOrigin>
      for (const lang of Object.keys(LANGUAGE_IDS) as Lang[]) {
        const text = texts.get(`${m.num}:${lang}`)
        const own = written[m.slug]?.[lang]
        if (text) {
          descriptions[lang] = text.text
          descriptionOrigin[lang] = { versionGroup: text.versionGroup }
        } else if (own) {
          descriptions[lang] = own
          descriptionOrigin[lang] = { writtenBy: 'PredictionDex' }
        }
      }
      return {
        num: m.num,
        slug: m.slug,
        names: complete(`move ${m.slug} names`, moveNames.get(m.num)),
        descriptions: complete(`move ${m.slug} descriptions`, descriptions),
        descriptionOrigin,
      }
    })
  const species = [...wanted.species]
    .sort((a, b) => a - b)
    .map((n) => ({ nationalDex: n, names: complete(`species ${n} names`, speciesNames.get(n)) }))
  if (missing.length > 0) throw new Error(`snapshot incomplete: ${missing.join('; ')}`)
  return { moves, species }
}
