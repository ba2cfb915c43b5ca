import type { TypeChartRow, TypeRow } from '../../core/contracts/pokedex.ts'
import { upsertRows } from '../../core/db/bulk.ts'
import type { Db } from '../../core/db/port.ts'
import type { TypeChartCell, TypeRecord, TypeSlug } from './model.ts'

/** PokéAPI's type ids, used as our primary keys so ids agree across PokéAPI, the predecessor and us. */
export const TYPE_IDS: Readonly<Record<TypeSlug, number>> = {
  normal: 1,
  fighting: 2,
  flying: 3,
  poison: 4,
  ground: 5,
  rock: 6,
  bug: 7,
  ghost: 8,
  steel: 9,
  fire: 10,
  water: 11,
  grass: 12,
  electric: 13,
  psychic: 14,
  ice: 15,
  dragon: 16,
  dark: 17,
  fairy: 18,
}

/** Upserts the 18 types; returns how many rows changed. */
export async function upsertTypes(
  db: Db,
  types: readonly TypeRecord[],
  source: string,
  now: string,
): Promise<number> {
  return upsertRows(db, 'types', {
    key: ['id'],
    columns: ['id', 'slug', 'name_en', 'name_fr', 'source', 'updated_at'],
    bookkeeping: ['source', 'updated_at'],
    rows: types.map((t) => [
      TYPE_IDS[t.slug],
      t.slug,
      t.names.en ?? t.slug,
      t.names.fr ?? t.names.en ?? t.slug,
      source,
      now,
    ]),
  })
}

/** Upserts chart cells; returns how many rows changed. */
export async function upsertTypeChart(
  db: Db,
  cells: readonly TypeChartCell[],
  source: string,
  now: string,
): Promise<number> {
  return upsertRows(db, 'type_chart', {
    key: ['attacking_id', 'defending_id'],
    columns: ['attacking_id', 'defending_id', 'multiplier', 'source', 'updated_at'],
    bookkeeping: ['source', 'updated_at'],
    rows: cells.map((c) => [TYPE_IDS[c.attacking], TYPE_IDS[c.defending], c.multiplier, source, now]),
  })
}

export function listTypes(db: Db): Promise<TypeRow[]> {
  return db.sql<TypeRow>`SELECT id, slug, name_en, name_fr FROM types ORDER BY id`
}

export function readTypeChart(db: Db): Promise<TypeChartRow[]> {
  return db.sql<TypeChartRow>`
    SELECT attacking_id, defending_id, multiplier FROM type_chart ORDER BY attacking_id, defending_id`
}

export async function countTypes(db: Db): Promise<{ types: number; cells: number }> {
  const [row] = await db.sql<{ types: number; cells: number }>`
    SELECT (SELECT count(*) FROM types) AS types, (SELECT count(*) FROM type_chart) AS cells`
  return row ?? { types: 0, cells: 0 }
}
