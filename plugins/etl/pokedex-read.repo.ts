import {
  type BaseStats,
  type LearnMethod,
  type LearnsetEntry,
  type MoveEntry,
  type PokedexCatalogue,
  type PokemonEntry,
  type SpeciesEntry,
  STAT_KEYS,
  type TypeChartRow,
  type TypeRow,
} from '../../core/contracts/pokedex.ts'
import type { Db } from '../../core/db/port.ts'
import { hasCode } from '../../core/errors.ts'
import { listTypes, readTypeChart } from './types.repo.ts'

/** Learnset display order: what a Pokémon knows first, then what it learns, then what it is taught. */
const METHOD_ORDER: Readonly<Record<LearnMethod, number>> = {
  start: 0,
  evolution: 1,
  'level-up': 2,
  tm: 3,
  tutor: 4,
  inherited: 5,
}

type PokemonRow = Omit<PokemonEntry, 'type_ids' | 'stats' | 'stat_rank' | 'weaknesses'> &
  Record<(typeof STAT_KEYS)[number], number> & { type1_id: number; type2_id: number | null }

/** Reads every Pokédex table: seven queries, ~7,000 rows, a few milliseconds. */
async function readTables(db: Db) {
  const [types, chart] = await Promise.all([listTypes(db), readTypeChart(db)])
  const species = await db.sql<SpeciesEntry>`
    SELECT id, slug, name_en, name_fr, evolves_from_id, evolution_trigger, evolution_level,
           evolution_item, flavor_en, flavor_fr
    FROM species ORDER BY id`
  const pokemon = await db.sql<PokemonRow>`
    SELECT id, slug, species_id, form, name_en, name_fr, type1_id, type2_id, hp, atk, def, spa, spd, spe,
           height_m, weight_kg, sprite_front, sprite_shiny, sprite_artwork
    FROM pokemon ORDER BY id`
  const moves = await db.sql<Omit<MoveEntry, 'always_crit'> & { always_crit: number }>`
    SELECT id, slug, name_en, name_fr, type_id, category, power, accuracy, pp, priority, crit_ratio,
           always_crit, multi_hit_min, multi_hit_max, recoil, drain, effect_class, secondary,
           description_en, description_fr
    FROM moves ORDER BY id`
  const learnsets = await db.sql<LearnsetEntry>`
    SELECT pokemon_id, move_id, method, level, tm, ancestor_id FROM learnsets`
  return { types, chart, species, pokemon, moves, learnsets }
}

/** Competition ranking, highest first: [90, 80, 80, 70] → ranks 1, 2, 2, 4. */
function rankOf(values: readonly number[]): (value: number) => number {
  const sorted = [...values].sort((a, b) => b - a)
  return (value) => sorted.indexOf(value) + 1
}

/** Multiplier of every attacking type on each defending combination, by type id order. */
function weaknessesOf(types: readonly TypeRow[], chart: readonly TypeChartRow[]) {
  const cell = new Map(chart.map((c) => [`${c.attacking_id}:${c.defending_id}`, c.multiplier]))
  return (defending: readonly number[]) =>
    types.map((t) => ({
      type_id: t.id,
      multiplier: defending.reduce((acc, d) => acc * (cell.get(`${t.id}:${d}`) ?? 1), 1),
    }))
}

function toPokemon(rows: readonly PokemonRow[], types: readonly TypeRow[], chart: readonly TypeChartRow[]) {
  const weaknesses = weaknessesOf(types, chart)
  const stats = rows.map((r) => {
    const base = Object.fromEntries(STAT_KEYS.map((k) => [k, r[k]])) as BaseStats
    base.total = STAT_KEYS.reduce((sum, k) => sum + r[k], 0)
    return base
  })
  const keys = [...STAT_KEYS, 'total'] as const
  const rankers = keys.map((k) => [k, rankOf(stats.map((s) => s[k]))] as const)
  return rows.map((r, i): PokemonEntry => {
    const base = Object.freeze(stats[i]!)
    const typeIds = Object.freeze(r.type2_id === null ? [r.type1_id] : [r.type1_id, r.type2_id])
    return Object.freeze({
      id: r.id,
      slug: r.slug,
      species_id: r.species_id,
      form: r.form,
      name_en: r.name_en,
      name_fr: r.name_fr,
      type_ids: typeIds,
      stats: base,
      stat_rank: Object.freeze(
        Object.fromEntries(rankers.map(([k, rank]) => [k, rank(base[k])])) as BaseStats,
      ),
      weaknesses: Object.freeze(weaknesses(typeIds).map((w) => Object.freeze(w))),
      height_m: r.height_m,
      weight_kg: r.weight_kg,
      sprite_front: r.sprite_front,
      sprite_shiny: r.sprite_shiny,
      sprite_artwork: r.sprite_artwork,
    })
  })
}

const ENGLISH = new Intl.Collator('en')

function byLearnOrder(a: LearnsetEntry, b: LearnsetEntry, moveName: (id: number) => string): number {
  return (
    a.pokemon_id - b.pokemon_id ||
    METHOD_ORDER[a.method] - METHOD_ORDER[b.method] ||
    (a.level ?? -1) - (b.level ?? -1) ||
    (a.tm ?? 1000) - (b.tm ?? 1000) ||
    ENGLISH.compare(moveName(a.move_id), moveName(b.move_id))
  )
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, readonly T[]> {
  const groups = new Map<number, T[]>()
  for (const item of items) {
    const list = groups.get(key(item))
    if (list) list.push(item)
    else groups.set(key(item), [item])
  }
  for (const list of groups.values()) Object.freeze(list)
  return groups
}

/**
 * Reads the whole Pokédex and derives what every page needs (stat ranks among all forms,
 * weaknesses, indexes). Sorting happens here, not in SQL, so both engines give the same order
 * (they disagree on NULL placement and text collation).
 *
 * @example
 * const { pokemonBySlug } = await readCatalogue(db)
 */
export async function readCatalogue(db: Db): Promise<PokedexCatalogue> {
  const t = await readTables(db)
  const frozen = <T extends object>(rows: T[]): readonly T[] =>
    Object.freeze(rows.map((r) => Object.freeze(r)))
  const types = frozen(t.types)
  const chart = frozen(t.chart)
  const species = frozen(t.species)
  const pokemon = Object.freeze(toPokemon(t.pokemon, types, chart))
  const moves = frozen(t.moves.map((m) => ({ ...m, always_crit: m.always_crit === 1 })))
  const moveById = new Map(moves.map((m) => [m.id, m]))
  const learnsets = frozen(
    t.learnsets.sort((a, b) => byLearnOrder(a, b, (id) => moveById.get(id)?.name_en ?? '')),
  )
  return Object.freeze({
    types,
    chart,
    species,
    pokemon,
    moves,
    typeById: new Map(types.map((x) => [x.id, x])),
    speciesById: new Map(species.map((s) => [s.id, s])),
    pokemonById: new Map(pokemon.map((p) => [p.id, p])),
    pokemonBySlug: new Map(pokemon.map((p) => [p.slug, p])),
    moveById,
    moveBySlug: new Map(moves.map((m) => [m.slug, m])),
    learnsetByPokemon: groupBy(learnsets, (l) => l.pokemon_id),
    learnersByMove: groupBy(learnsets, (l) => l.move_id),
  })
}

/**
 * What identifies the loaded data: the latest *succeeded* ETL run. Data only changes inside
 * `etl:load`'s one transaction, which also marks its run `succeeded`, so the data and this key
 * change together. A run that is `running` (or was killed and stays `running` forever) or
 * `failed` changed nothing and does not matter. With no succeeded run the data is unknown
 * (written by hand, or an empty database), so nothing is cached.
 */
async function dataGeneration(db: Db): Promise<{ key: string; settled: boolean }> {
  const [run] = await db.sql<{ id: number; finished_at: string | null }>`
    SELECT id, finished_at FROM etl_runs WHERE status = 'succeeded' ORDER BY id DESC LIMIT 1`
  if (!run) return { key: 'none', settled: false }
  return { key: `${run.id}:${run.finished_at}`, settled: true }
}

/**
 * A catalogue reader that caches per process, per database, keyed on the latest ETL run: a call
 * costs one indexed one-row query while the data is unchanged, and sees a new load (from this
 * process or another container) on the next call. Concurrent calls share one generation check
 * (so a busy server makes one round trip per batch, not per request) and one read on a miss: a
 * call may thus see the generation as of a check started up to one round trip before it.
 *
 * Why not cache forever: the api container keeps running while the etl container reloads.
 * Why not read every time: `GET /pokemon/25` must serve thousands of requests a second.
 *
 * @example
 * const catalogue = createCatalogueReader(db)
 * const { pokemonById } = await catalogue()
 */
export function createCatalogueReader(db: Db): () => Promise<PokedexCatalogue> {
  let cached: { key: string; value: PokedexCatalogue } | undefined
  let pending: { key: string; value: Promise<PokedexCatalogue> } | undefined
  let checking: Promise<{ key: string; settled: boolean }> | undefined
  const generation = () => {
    checking ??= dataGeneration(db).finally(() => {
      checking = undefined
    })
    return checking
  }
  const load = async (before: { key: string; settled: boolean }) => {
    const value = await readCatalogue(db)
    // Cache only if no run started while we read: otherwise tables may mix two loads.
    const after = await dataGeneration(db)
    if (before.settled && after.key === before.key) cached = { key: before.key, value }
    return value
  }
  // Set when the last generation check found the database unreachable: calls then serve the cache
  // at once instead of each waiting up to DB_TIMEOUT_MS for a check of their own (a prediction
  // reads the catalogue twice: it took 2.6 s with PostgreSQL stopped, over the 2 s bound).
  let databaseDown = false
  return async () => {
    if (databaseDown && cached) {
      // One background check at a time (shared with every call meanwhile) finds the way back.
      generation().then(
        () => {
          databaseDown = false
        },
        () => undefined,
      )
      return cached.value
    }
    let current: { key: string; settled: boolean }
    try {
      current = await generation()
    } catch (error) {
      // Degrade, never stall: with the database down, the last catalogue read is still one whole,
      // consistent Pokédex; serve it (it may be one ETL run old) rather than a 503.
      if (cached && hasCode(error) && error.code === 'DATABASE_UNAVAILABLE') {
        databaseDown = true
        return cached.value
      }
      throw error
    }
    if (current.settled && cached?.key === current.key) return cached.value
    if (!current.settled) return readCatalogue(db)
    if (pending?.key !== current.key) {
      const value = load(current).finally(() => {
        if (pending?.value === value) pending = undefined
      })
      pending = { key: current.key, value }
    }
    return pending.value
  }
}
