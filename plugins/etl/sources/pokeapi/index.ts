/**
 * The live `pokeapi` source: what PokéAPI knows and Showdown lacks, for the forms, species and
 * moves the base (Showdown) extract lists — French names, sprites, heights and weights,
 * Pokédex texts, evolution methods, move descriptions, TM numbers — plus PokéAPI's view of the
 * battle values and learnsets, for the reconciler to cross-check.
 *
 * Why the base extract drives it: PokéAPI lists every Pokémon of every game; asking only for the
 * 188 LGPE forms, 153 species and 226 moves keeps the run to ~650 requests (≈ 60 more for TM
 * numbers), all cached on disk by the HTTP client.
 *
 * Records only hold what PokéAPI knows. The model's record types declare every field, but
 * model.ts asks sources to leave unknown fields undefined rather than invent them, so moves come
 * without critRatio/effectClass/…, and forms without names other than their species'.
 */
import type { HttpFetcher } from '../../http/types.ts'
import type { Extract, LearnsetEntry, MoveRecord, PokemonRecord, SpeciesRecord } from '../../model.ts'
import { createLoader, type Findings, SOURCE } from './loader.ts'
import { type PhaseContext, readChains, readForms, readMachines, readMoves, readSpecies } from './phases.ts'

export { POKEAPI_LGPE_VERSION_GROUP_ID } from './version-groups.ts'

export const DEFAULT_POKEAPI_BASE_URL = 'https://pokeapi.co/api/v2'

/**
 * Model slugs PokéAPI spells differently. Showdown follows the Generation VIII rename "Vise Grip";
 * PokéAPI kept the identifier `vice-grip`.
 */
export const POKEAPI_NAME_BY_SLUG: Readonly<Record<string, string>> = { 'vise-grip': 'vice-grip' }

export interface PokeApiOptions {
  /** Default `https://pokeapi.co/api/v2`; a mirror or a local test server also works. */
  baseUrl?: string
  /** Called after every resource; `total` grows once chains and machines are known. */
  onProgress?: (done: number, total: number) => void
  /** Requests this source keeps in flight (the client still applies its per-host limit). Default 8. */
  inFlight?: number
  /** Read `/machine/{id}` for LGPE TM numbers (≈ 60 requests). Default true. */
  tmNumbers?: boolean
}

const METHOD_ORDER: readonly LearnsetEntry['method'][] = ['start', 'evolution', 'level-up', 'tm', 'tutor']

function sortLearnset(entries: LearnsetEntry[]): LearnsetEntry[] {
  return entries.sort(
    (a, b) =>
      METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) ||
      (a.level ?? 0) - (b.level ?? 0) ||
      a.move.localeCompare(b.move),
  )
}

function summarise(findings: Findings, label: string, items: readonly string[]): void {
  if (items.length > 0) findings.warnings.push(`pokeapi: ${label} (${items.length}): ${items.join(', ')}`)
}

/**
 * Extracts what PokéAPI knows about the forms, species and moves listed in `base`.
 *
 * Never throws for data or network problems: a missing or malformed resource becomes a reject
 * (URL + field), and an unreachable host stops the source after one warning
 * (`pokeapi unreachable: …`), returning what was read so far.
 *
 * @example
 * const http = createHttpClient({ cacheDir, userAgent })
 * const api = await extractPokeApi(extractShowdown(), http, { onProgress: (d, t) => log.info(`${d}/${t}`) })
 * api.moves?.find((m) => m.slug === 'zippy-zap')?.power // 50 (80 today)
 */
export async function extractPokeApi(
  base: Extract,
  http: HttpFetcher,
  options: PokeApiOptions = {},
): Promise<Extract> {
  const findings: Findings = { rejects: [], warnings: [] }
  const loader = createLoader(http, findings, options.onProgress)
  const forms = base.pokemon ?? []
  const speciesSlugs = (base.species ?? []).map((species) => species.slug)
  const moveSlugs = (base.moves ?? []).map((move) => move.slug)
  const apiName = (slug: string) => POKEAPI_NAME_BY_SLUG[slug] ?? slug
  const slugByApiName = new Map(moveSlugs.map((slug) => [apiName(slug), slug]))
  const ctx: PhaseContext = {
    loader,
    baseUrl: (options.baseUrl ?? DEFAULT_POKEAPI_BASE_URL).replace(/\/+$/, ''),
    inFlight: Math.max(1, options.inFlight ?? 8),
    apiName,
    moveSlugOf: (name) => slugByApiName.get(name),
  }
  loader.expect(forms.length + speciesSlugs.length + moveSlugs.length)

  const formsRead = await readForms(ctx, forms)
  const speciesRead = await readSpecies(ctx, speciesSlugs)
  const chains = await readChains(ctx, speciesRead.chainIds, new Set(speciesSlugs))
  const movesRead = await readMoves(ctx, moveSlugs)
  const tmNumbers = options.tmNumbers === false ? new Map() : await readMachines(ctx, movesRead.machines)

  const evolutionOf = new Map(chains.links.map((link) => [link.species, link]))
  const species: SpeciesRecord[] = speciesSlugs.flatMap((slug) => {
    const record = speciesRead.records.get(slug)
    if (!record) return []
    const link = evolutionOf.get(slug)
    return [link ? { ...record, evolvesFrom: link.evolvesFrom, evolution: link.evolution } : record]
  })
  const pokemon: PokemonRecord[] = forms.flatMap((form) => {
    const record = formsRead.records.get(form.slug)
    if (!record) return []
    const names = form.form === 'base' ? speciesRead.records.get(form.species)?.names : undefined
    return [names ? { ...record, names } : record]
  })
  const learnsets = forms.flatMap((form) =>
    sortLearnset(
      (formsRead.learnsets.get(form.slug) ?? []).map((entry) => {
        const tm = entry.method === 'tm' ? tmNumbers.get(entry.move) : undefined
        return tm === undefined ? entry : { ...entry, tm }
      }),
    ),
  )
  // PokéAPI cannot know every MoveRecord field; the missing ones stay undefined (see file comment).
  const moves = moveSlugs.flatMap((slug) => movesRead.records.get(slug) ?? []) as MoveRecord[]

  summarise(findings, 'pre-evolutions outside Let’s Go ignored', chains.outside)
  summarise(
    findings,
    'forms without an LGPE learnset on PokéAPI',
    [...formsRead.learnsets].filter(([, entries]) => entries.length === 0).map(([slug]) => slug),
  )
  summarise(
    findings,
    'species without an LGPE Pokédex text',
    species.filter((record) => record.flavorText === undefined).map((record) => record.slug),
  )
  // Requests finish in any order; sorted rejects make two runs' reports comparable.
  const rejects = findings.rejects.sort((a, b) => a.locator.localeCompare(b.locator))
  return { source: SOURCE, species, pokemon, moves, learnsets, rejects, warnings: findings.warnings }
}
