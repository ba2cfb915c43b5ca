import { upsertRows } from '../../../core/db/bulk.ts'
import type { Db } from '../../../core/db/port.ts'
import { sql } from '../../../core/db/sql.ts'
import type { MoveRecord, PokemonRecord, SpeciesRecord } from '../model.ts'
import type { SourcedEntry } from '../reconcile/index.ts'
import { entryKey } from '../reconcile/index.ts'
import { TYPE_IDS } from '../types.repo.ts'

/** Per-record provenance text: the sources that contributed, in precedence order. */
export type SourcesOf = (key: string) => string

const BOOKKEEPING = ['source', 'updated_at']

/** Upserts species; enrichment columns are never nulled by a source that lacked them this run. */
export function writeSpecies(db: Db, species: readonly SpeciesRecord[], sourcesOf: SourcesOf, now: string) {
  const dex = new Map(species.map((s) => [s.slug, s.nationalDex]))
  return upsertRows(db, 'species', {
    key: ['id'],
    columns: [
      'id',
      'slug',
      'name_en',
      'name_fr',
      'evolves_from_id',
      'evolution_trigger',
      'evolution_level',
      'evolution_item',
      'evolution_detail',
      'flavor_en',
      'flavor_fr',
      'source',
      'updated_at',
    ],
    bookkeeping: BOOKKEEPING,
    keepIfNull: [
      'name_fr',
      'evolves_from_id',
      'evolution_trigger',
      'evolution_level',
      'evolution_item',
      'evolution_detail',
      'flavor_en',
      'flavor_fr',
    ],
    rows: species.map((s) => [
      s.nationalDex,
      s.slug,
      s.names.en ?? s.slug,
      s.names.fr,
      s.evolvesFrom ? dex.get(s.evolvesFrom) : null,
      s.evolution?.trigger,
      s.evolution?.level,
      s.evolution?.item,
      s.evolution?.detail,
      s.flavorText?.en,
      s.flavorText?.fr,
      sourcesOf(s.slug),
      now,
    ]),
  })
}

export function writePokemon(
  db: Db,
  pokemon: readonly PokemonRecord[],
  ids: ReadonlyMap<string, number>,
  speciesId: (slug: string) => number,
  sourcesOf: SourcesOf,
  now: string,
) {
  return upsertRows(db, 'pokemon', {
    key: ['id'],
    columns: [
      'id',
      'slug',
      'species_id',
      'form',
      'name_en',
      'name_fr',
      'type1_id',
      'type2_id',
      'hp',
      'atk',
      'def',
      'spa',
      'spd',
      'spe',
      'height_m',
      'weight_kg',
      'sprite_front',
      'sprite_shiny',
      'sprite_artwork',
      'showdown_id',
      'source',
      'updated_at',
    ],
    bookkeeping: BOOKKEEPING,
    keepIfNull: [
      'name_fr',
      'height_m',
      'weight_kg',
      'sprite_front',
      'sprite_shiny',
      'sprite_artwork',
      'showdown_id',
    ],
    rows: pokemon.map((p) => [
      ids.get(p.slug),
      p.slug,
      speciesId(p.species),
      p.form,
      p.names.en ?? p.slug,
      p.names.fr,
      TYPE_IDS[p.types[0]],
      p.types[1] ? TYPE_IDS[p.types[1]] : null,
      p.stats.hp,
      p.stats.atk,
      p.stats.def,
      p.stats.spa,
      p.stats.spd,
      p.stats.spe,
      p.heightM,
      p.weightKg,
      p.sprites?.front,
      p.sprites?.shiny,
      p.sprites?.artwork,
      p.showdownId,
      sourcesOf(p.slug),
      now,
    ]),
  })
}

export function writeMoves(
  db: Db,
  moves: readonly MoveRecord[],
  ids: ReadonlyMap<string, number>,
  sourcesOf: SourcesOf,
  now: string,
) {
  return upsertRows(db, 'moves', {
    key: ['id'],
    columns: [
      'id',
      'slug',
      'name_en',
      'name_fr',
      'type_id',
      'category',
      'power',
      'accuracy',
      'pp',
      'priority',
      'crit_ratio',
      'always_crit',
      'multi_hit_min',
      'multi_hit_max',
      'recoil',
      'drain',
      'effect_class',
      'secondary',
      'description_en',
      'description_fr',
      'showdown_id',
      'source',
      'updated_at',
    ],
    bookkeeping: BOOKKEEPING,
    keepIfNull: ['name_fr', 'description_en', 'description_fr', 'showdown_id'],
    rows: moves.map((m) => [
      ids.get(m.slug),
      m.slug,
      m.names.en ?? m.names.fr ?? m.slug,
      m.names.fr,
      TYPE_IDS[m.type],
      m.category,
      m.power,
      m.accuracy,
      m.pp,
      m.priority,
      m.critRatio,
      m.alwaysCrit,
      m.multiHit?.[0],
      m.multiHit?.[1],
      m.recoil,
      m.drain,
      m.effectClass,
      m.secondary,
      m.descriptions.en,
      m.descriptions.fr,
      m.showdownId,
      sourcesOf(m.slug),
      now,
    ]),
  })
}

/**
 * Makes the learnsets table equal to `entries`, row by row, and counts real changes. A row is
 * deleted only when the source that provided it ran this time and no longer lists it, so an
 * unreachable source never costs data loaded earlier.
 */
export async function syncLearnsets(
  db: Db,
  entries: readonly SourcedEntry[],
  ids: { pokemon: ReadonlyMap<string, number>; move: ReadonlyMap<string, number> },
  ranSources: readonly string[],
  now: string,
): Promise<number> {
  const existing = await db.sql<{ pokemon_id: number; entry_key: string; tm: number | null; source: string }>`
    SELECT pokemon_id, entry_key, tm, source FROM learnsets`
  const have = new Map(existing.map((r) => [`${r.pokemon_id}#${r.entry_key}`, r]))
  const want = new Map(entries.map((e) => [`${ids.pokemon.get(e.pokemon)}#${entryKey(e)}`, e]))
  let changes = 0
  const stale = existing.filter(
    (r) =>
      !want.has(`${r.pokemon_id}#${r.entry_key}`) && ranSources.some((s) => r.source.split('+').includes(s)),
  )
  for (const r of stale) {
    changes += (await db.run(sqlDelete(r.pokemon_id, r.entry_key))).changes
  }
  const rows = [...want.entries()]
    .filter(([k, e]) => {
      const old = have.get(k)
      return !old || (old.tm ?? undefined) !== (e.tm ?? undefined) || old.source !== e.source
    })
    .map(([, e]) => [
      ids.pokemon.get(e.pokemon),
      ids.move.get(e.move),
      e.method,
      e.level,
      e.tm,
      e.ancestor ? ids.pokemon.get(e.ancestor) : null,
      entryKey(e),
      e.source,
      now,
    ])
  changes += await upsertRows(db, 'learnsets', {
    key: ['pokemon_id', 'entry_key'],
    columns: [
      'pokemon_id',
      'move_id',
      'method',
      'level',
      'tm',
      'ancestor_id',
      'entry_key',
      'source',
      'updated_at',
    ],
    bookkeeping: ['updated_at'],
    keepIfNull: ['tm'],
    rows,
  })
  return changes
}

function sqlDelete(pokemonId: number, key: string) {
  return sql`DELETE FROM learnsets WHERE pokemon_id = ${pokemonId} AND entry_key = ${key}`
}
