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
