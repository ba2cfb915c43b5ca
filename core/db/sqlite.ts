import { Database } from 'bun:sqlite'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { KernelError } from '../errors.ts'
import type { Db, Row } from './port.ts'
import { render, type SqlFragment, sql } from './sql.ts'

/**
 * The bun:sqlite adapter: the default engine (`bun run start` needs no server).
 *
 * bun:sqlite is synchronous, so an async transaction would let other callers' statements slip into
 * it. A small FIFO lock serialises top-level operations; the `tx` handle skips the lock, and
 * nested `tx` calls become savepoints. `BEGIN IMMEDIATE` takes the write lock up front so two
 * processes never deadlock upgrading a read lock.
 *
 * @example
 * const db = openSqlite(':memory:')
 * await db.sql`SELECT 1 AS one` // [{ one: 1 }]
 */
/**
 * Switching a new database file to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at
 * once (without the busy handler) when another process holds one — two containers or migrators
 * opening a fresh file together. Retry briefly; an already-WAL file answers at once.
 */
function switchToWal(database: Database): void {
  for (let attempt = 0; ; attempt++) {
    try {
      database.exec('PRAGMA journal_mode = WAL')
      return
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 200) throw error
      Bun.sleepSync(10 + Math.floor(Math.random() * 20))
    }
  }
}

/** SQLite's "disk full" becomes the catalogued `DB_FULL` (the original error is its cause). */
function storageError(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code
  if (code === 'SQLITE_FULL' || (error instanceof Error && /database or disk is full/i.test(error.message))) {
    if (error instanceof KernelError && error.code === 'DB_FULL') return error
    return new KernelError('DB_FULL', 'the database disk is full; nothing was written', { cause: error })
  }
  return error
}

export function openSqlite(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const database = new Database(path, { create: true, strict: true })
  database.exec('PRAGMA busy_timeout = 5000')
  switchToWal(database)
  database.exec('PRAGMA foreign_keys = ON')
  database.exec('PRAGMA synchronous = NORMAL')
  let tail: Promise<unknown> = Promise.resolve()
  let closed = false
  const locked = <T>(fn: () => Promise<T> | T): Promise<T> => {
    const next = tail.then(fn, fn)
    tail = next.catch(() => undefined)
    return next
  }

  const queryNow = <T>(fragment: SqlFragment): T[] => {
    const { text, params } = render(fragment, 'sqlite')
    try {
      return database.query(text).all(...(params as never[])) as T[]
    } catch (error) {
      throw storageError(error)
    }
  }
  const runNow = (fragment: SqlFragment) => {
    const { text, params } = render(fragment, 'sqlite')
    try {
      return { changes: database.query(text).run(...(params as never[])).changes }
    } catch (error) {
      throw storageError(error)
    }
  }

  const handle = (inTx: boolean, depth: number): Db => {
    const guard = inTx ? <T>(fn: () => T | Promise<T>) => Promise.resolve().then(fn) : locked
    return {
      dialect: 'sqlite',
      sql: <T = Row>(strings: TemplateStringsArray, ...values: unknown[]) =>
        guard(() => queryNow<T>(sql(strings, ...values))),
      query: <T = Row>(fragment: SqlFragment) => guard(() => queryNow<T>(fragment)),
      run: (fragment) => guard(() => runNow(fragment)),
      exec: (script) => guard(() => void database.exec(script)),
      tx: <T>(fn: (tx: Db) => Promise<T>) =>
        guard(async () => {
          const name = `sp_${depth}`
          database.exec(depth === 0 ? 'BEGIN IMMEDIATE' : `SAVEPOINT ${name}`)
          try {
            const result = await fn(handle(true, depth + 1))
            database.exec(depth === 0 ? 'COMMIT' : `RELEASE ${name}`)
            return result
          } catch (error) {
            // SQLite rolls the whole transaction back by itself on some errors (SQLITE_FULL, IOERR,
            // NOMEM): a ROLLBACK then fails with "no transaction is active" and used to replace
            // the real cause (issue 13, #7). Roll back only what is still open; keep the cause.
            if (database.inTransaction) {
              database.exec(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO ${name}; RELEASE ${name}`)
            }
            throw storageError(error)
          }
        }),
      close: async () => {
        if (closed) return
        closed = true
        await tail
        database.close()
      },
    }
  }
  return handle(false, 0)
}
