import { afterAll, describe, expect, test } from 'bun:test'
import { freshDatabaseUrl, notePostgresSkipped, testEngines } from '../../testing/kernel.ts'
import { insertRows } from './bulk.ts'
import { columnTypes, migrate } from './migrate.ts'
import { openDatabase } from './open.ts'
import type { Db } from './port.ts'
import { sql } from './sql.ts'

notePostgresSkipped()

const demo = [
  {
    id: 'test/0001_items',
    up: (d: 'sqlite' | 'postgres') =>
      `CREATE TABLE items (id ${columnTypes(d).id}, slug TEXT NOT NULL UNIQUE, weight ${columnTypes(d).float}, flag INTEGER NOT NULL DEFAULT 0)`,
  },
]

async function open(engine: 'sqlite' | 'postgres'): Promise<Db> {
  return openDatabase({ databaseUrl: await freshDatabaseUrl(engine), dataDir: 'unused' })
}

for (const engine of testEngines()) {
  describe(`storage contract on ${engine}`, () => {
    const opened: Db[] = []
    const fresh = async () => {
      const db = await open(engine)
      opened.push(db)
      await migrate(db, demo)
      return db
    }
    afterAll(async () => {
      for (const db of opened) await db.close()
    })

    test('parameters are bound, never spliced: hostile strings round-trip', async () => {
      const db = await fresh()
      const hostile = "x'); DROP TABLE items; --"
      await db.run(sql`INSERT INTO items (slug, weight) VALUES (${hostile}, ${1.5})`)
      const rows = await db.sql<{
        slug: string
        weight: number
      }>`SELECT slug, weight FROM items WHERE slug = ${hostile}`
      expect(rows).toEqual([{ slug: hostile, weight: 1.5 }])
    })

    test('numbers come back as numbers (count, float, boolean-as-integer)', async () => {
      const db = await fresh()
      await insertRows(
        db,
        'items',
        ['slug', 'weight', 'flag'],
        [
          ['a', 0.1, true],
          ['b', 2, false],
        ],
      )
      const [row] = await db.sql<{ n: number; total: number; flags: number }>`
        SELECT count(*) AS n, sum(weight) AS total, sum(flag) AS flags FROM items`
      expect(row).toEqual({ n: 2, total: 2.1, flags: 1 })
    })

    test('a transaction that throws leaves nothing behind; one that returns commits', async () => {
      const db = await fresh()
      await expect(
        db.tx(async (tx) => {
          await tx.run(sql`INSERT INTO items (slug) VALUES (${'kept?'})`)
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect(await db.sql`SELECT slug FROM items`).toEqual([])
      const result = await db.tx(async (tx) => {
        await tx.run(sql`INSERT INTO items (slug) VALUES (${'kept'})`)
        return 'ok'
      })
      expect(result).toBe('ok')
      expect(await db.sql`SELECT slug FROM items`).toEqual([{ slug: 'kept' }])
    })

    test('a nested transaction is a savepoint: its failure rolls back only its own work', async () => {
      const db = await fresh()
      await db.tx(async (tx) => {
        await tx.run(sql`INSERT INTO items (slug) VALUES (${'outer'})`)
        await expect(
          tx.tx(async (inner) => {
            await inner.run(sql`INSERT INTO items (slug) VALUES (${'inner'})`)
            throw new Error('inner fails')
          }),
        ).rejects.toThrow('inner fails')
      })
      expect(await db.sql`SELECT slug FROM items ORDER BY slug`).toEqual([{ slug: 'outer' }])
    })

    test('upserts report changes: an identical re-write changes 0 rows', async () => {
      const db = await fresh()
      const upsert = (weight: number) =>
        insertRows(
          db,
          'items',
          ['slug', 'weight'],
          [['pika', weight]],
          sql`ON CONFLICT (slug) DO UPDATE SET weight = excluded.weight WHERE items.weight IS DISTINCT FROM excluded.weight`,
        )
      expect(await upsert(6)).toBe(1)
      expect(await upsert(6)).toBe(0)
      expect(await upsert(7)).toBe(1)
    })

    test('bulk inserts beyond one statement’s parameter limit are chunked', async () => {
      const db = await fresh()
      const rows = Array.from({ length: 25_000 }, (_, i) => [`s${i}`, i / 2, i % 2])
      expect(await insertRows(db, 'items', ['slug', 'weight', 'flag'], rows)).toBe(25_000)
      const [row] = await db.sql<{ n: number }>`SELECT count(*) AS n FROM items`
      expect(row!.n).toBe(25_000)
    })

    test('migrations run twice are a no-op', async () => {
      const db = await fresh()
      expect(await migrate(db, demo)).toEqual([])
      const recorded = await db.sql<{ id: string }>`SELECT id FROM schema_migrations`
      expect(recorded.map((r) => r.id)).toEqual(['test/0001_items'])
    })

    test('a failing migration applies nothing and names itself', async () => {
      const db = await open(engine)
      opened.push(db)
      const broken = [...demo, { id: 'test/0002_broken', up: 'CREATE TABLE oops (' }]
      await expect(migrate(db, broken)).rejects.toThrow('migration test/0002_broken failed')
      const tables = await db.sql<{ n: number }>`SELECT count(*) AS n FROM schema_migrations`.catch(() => [
        { n: 0 },
      ])
      expect(tables[0]!.n).toBe(0)
    })

    test('two concurrent migrator processes on one database both succeed and apply once', async () => {
      const url =
        engine === 'sqlite'
          ? `sqlite:${require('node:os').tmpdir()}/pdx-migrate-${process.pid}-${Date.now()}.sqlite`
          : await freshDatabaseUrl(engine)
      const fixture = `${import.meta.dir}/../../testing/db/migrate-demo.ts`
      const race = () => Bun.spawn(['bun', fixture, url], { stdout: 'pipe', stderr: 'inherit' })
      const procs = [race(), race()]
      const outputs = await Promise.all(
        procs.map(async (p) => JSON.parse(await new Response(p.stdout).text())),
      )
      expect(await Promise.all(procs.map((p) => p.exited))).toEqual([0, 0])
      expect(outputs.flat()).toEqual(['test/0001_items'])
    })
  })
}
