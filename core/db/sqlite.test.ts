import { expect, test } from 'bun:test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from './sql.ts'
import { openSqlite } from './sqlite.ts'

test('disk full inside a transaction is DB_FULL with SQLITE_FULL as its cause, and nothing is written (issue 13, #7)', async () => {
  const db = openSqlite(join(mkdtempSync(join(tmpdir(), 'pdx-full-')), 'full.sqlite'))
  await db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, body TEXT NOT NULL)')
  await db.run(sql`INSERT INTO items (body) VALUES (${'kept'})`)
  // A page budget the transaction cannot fit in: SQLite answers SQLITE_FULL, as on a full disk.
  const [row] = await db.sql<{ pages: number }>`SELECT page_count AS pages FROM pragma_page_count()`
  await db.exec(`PRAGMA max_page_count = ${row!.pages + 2}`)
  const error = await db
    .tx(async (tx) => {
      for (let i = 0; i < 200; i++) await tx.run(sql`INSERT INTO items (body) VALUES (${'x'.repeat(4000)})`)
    })
    .then(
      () => undefined,
      (e: Error & { code?: string }) => e,
    )
  expect(error?.code).toBe('DB_FULL')
  expect((error?.cause as { code?: string } | undefined)?.code).toBe('SQLITE_FULL')
  expect(await db.sql`SELECT body FROM items`).toEqual([{ body: 'kept' }])
  // The connection is usable afterwards.
  await db.exec('PRAGMA max_page_count = 1000000')
  await db.tx(async (tx) => {
    await tx.run(sql`INSERT INTO items (body) VALUES (${'after'})`)
  })
  expect((await db.sql`SELECT body FROM items ORDER BY id`).length).toBe(2)
  await db.close()
})
