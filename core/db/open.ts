import { join } from 'node:path'
import type { Db } from './port.ts'
import { openPostgres } from './postgres.ts'
import { openSqlite } from './sqlite.ts'

/**
 * Opens the database named by `DATABASE_URL`: unset → `<DATA_DIR>/predictiondex.sqlite`;
 * `sqlite::memory:` or `sqlite:<path>` → SQLite; `postgres://…` → PostgreSQL.
 *
 * @example
 * const db = openDatabase({ databaseUrl: undefined, dataDir: './data' })
 */
export function openDatabase(config: {
  databaseUrl?: string | undefined
  dataDir: string
  dbTimeoutMs?: number
}): Db {
  const url = config.databaseUrl
  if (url === undefined) return openSqlite(join(config.dataDir, 'predictiondex.sqlite'))
  if (url.startsWith('sqlite:')) return openSqlite(url.slice('sqlite:'.length))
  return openPostgres(url, config.dbTimeoutMs === undefined ? {} : { timeoutMs: config.dbTimeoutMs })
}

/** A human description of the target without its password, for logs. */
export function describeDatabase(config: { databaseUrl?: string | undefined; dataDir: string }): string {
  const url = config.databaseUrl
  if (url === undefined) return `sqlite ${join(config.dataDir, 'predictiondex.sqlite')}`
  if (url.startsWith('sqlite:')) return `sqlite ${url.slice(7)}`
  return `postgres ${url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`
}
