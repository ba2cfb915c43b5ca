import type { Dialect, SqlFragment } from './sql.ts'

export type Row = Record<string, unknown>

/**
 * The narrow storage port every plugin uses. Two adapters implement it (bun:sqlite, postgres.js)
 * and one contract test suite runs against both.
 *
 * Why this narrow: SQL stays readable in `<thing>.repo.ts`, written in the subset both engines
 * accept; the port only renders fragments, runs them and manages transactions.
 *
 * @example
 * const rows = await db.sql<{ slug: string }>`SELECT slug FROM types ORDER BY id`
 * await db.tx(async (tx) => { await tx.run(sql`DELETE FROM t`) })
 */
export interface Db {
  readonly dialect: Dialect
  /** Runs a query and returns its rows. */
  sql<T = Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]>
  /** Runs a prepared fragment and returns its rows. */
  query<T = Row>(fragment: SqlFragment): Promise<T[]>
  /** Runs a statement and returns how many rows it changed. */
  run(fragment: SqlFragment): Promise<{ changes: number }>
  /** Runs a multi-statement script without parameters (migrations). */
  exec(script: string): Promise<void>
  /** Runs `fn` in a transaction (a savepoint when nested); rolls back if it throws. */
  tx<T>(fn: (tx: Db) => Promise<T>): Promise<T>
  /** Closes connections; idempotent. */
  close(): Promise<void>
}

/** Largest number of bound parameters we put in one statement (PostgreSQL caps at 65,534, SQLite at 32,766). */
export const MAX_PARAMS = 30_000
