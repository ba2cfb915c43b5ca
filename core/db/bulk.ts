import { type Db, MAX_PARAMS } from './port.ts'
import { ident, join, raw, type SqlFragment, sql, valuesList } from './sql.ts'

/**
 * Inserts many rows in chunks that respect both engines' parameter limits, with an optional
 * conflict clause (e.g. `ON CONFLICT (slug) DO UPDATE SET …`).
 *
 * @returns how many rows the engine reports as changed (inserted or updated).
 * @example
 * await insertRows(tx, 'types', ['slug', 'name_en'], [['fire', 'Fire']], sql`ON CONFLICT (slug) DO NOTHING`)
 */
export async function insertRows(
  db: Db,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  conflict: SqlFragment = raw(''),
): Promise<number> {
  if (rows.length === 0) return 0
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length))
  const columnList = join(columns.map(ident))
  let changes = 0
  for (let start = 0; start < rows.length; start += perChunk) {
    const chunk = rows.slice(start, start + perChunk)
    const result = await db.run(
      sql`INSERT INTO ${ident(table)} (${columnList}) VALUES ${valuesList(chunk)} ${conflict}`,
    )
    changes += result.changes
  }
  return changes
}

/**
 * Inserts or updates rows by key and reports how many really changed: a row whose compared
 * columns are all equal is left untouched (so a re-run of a complete ETL reports 0 changes and
 * keeps its `updated_at`).
 *
 * @example
 * await upsertRows(tx, 'types', { key: ['id'], columns: ['id', 'slug', 'updated_at'], rows, bookkeeping: ['updated_at'] })
 */
export async function upsertRows(
  db: Db,
  table: string,
  spec: {
    key: readonly string[]
    columns: readonly string[]
    rows: readonly (readonly unknown[])[]
    /** Columns written on change but not compared (timestamps, provenance). */
    bookkeeping?: readonly string[]
    /** Columns a NULL never overwrites (enrichment a source may be unable to supply this time). */
    keepIfNull?: readonly string[]
  },
): Promise<number> {
  const updatable = spec.columns.filter((c) => !spec.key.includes(c))
  const compared = updatable.filter((c) => !(spec.bookkeeping ?? []).includes(c))
  if (updatable.length === 0 || compared.length === 0) {
    return insertRows(
      db,
      table,
      spec.columns,
      spec.rows,
      sql`ON CONFLICT (${join(spec.key.map(ident))}) DO NOTHING`,
    )
  }
  const t = ident(table)
  const sticky = new Set(spec.keepIfNull ?? [])
  const incoming = (c: string) =>
    sticky.has(c) ? sql`COALESCE(excluded.${ident(c)}, ${t}.${ident(c)})` : sql`excluded.${ident(c)}`
  const set = join(updatable.map((c) => sql`${ident(c)} = ${incoming(c)}`))
  const differs = join(
    compared.map((c) => sql`${t}.${ident(c)} IS DISTINCT FROM ${incoming(c)}`),
    ' OR ',
  )
  return insertRows(
    db,
    table,
    spec.columns,
    spec.rows,
    sql`ON CONFLICT (${join(spec.key.map(ident))}) DO UPDATE SET ${set} WHERE ${differs}`,
  )
}
