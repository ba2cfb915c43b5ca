import postgres from 'postgres'
import { KernelError } from '../errors.ts'
import type { Db, Row } from './port.ts'
import { render, type SqlFragment, sql } from './sql.ts'

type Client = postgres.Sql | postgres.TransactionSql

/** Errors that mean "the server cannot be used right now" (down, restarting, unreachable, full). */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '53300', // too_many_connections
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up)
])

function unavailable(error: unknown): boolean {
  const code = (error as { code?: unknown; errno?: unknown } | undefined)?.code
  return typeof code === 'string' && (UNAVAILABLE.has(code) || code.startsWith('08'))
}

/** A connection-level failure becomes `DATABASE_UNAVAILABLE` (503); SQL errors stay what they are. */
function classify(error: unknown): unknown {
  if (error instanceof KernelError || !unavailable(error)) return error
  return new KernelError('DATABASE_UNAVAILABLE', 'the database is unavailable', { cause: error })
}

/**
 * Bounds one statement: past `ms` the caller gets `DATABASE_UNAVAILABLE`, so a hung or unreachable
 * server costs a request at most `ms`, never the 10–15 s of TCP retries. The statement itself is
 * not cancelled: postgres.js's `cancel()` on a query waiting for a dead connection left the pool
 * unable to reconnect (measured: no recovery after the database came back); left alone, it runs
 * or fails when the pool reconnects. Reads are harmless; a write outside a transaction may thus
 * still apply after its caller was told 503 (our writes run in transactions or are idempotent).
 */
async function bounded<T>(query: postgres.PendingQuery<any>, ms: number | undefined): Promise<T> {
  if (ms === undefined) return (await query.catch((e: unknown) => Promise.reject(classify(e)))) as T
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new KernelError('DATABASE_UNAVAILABLE', `the database did not answer within ${ms} ms`))
    }, ms)
  })
  try {
    return (await Promise.race([query, expired])) as T
  } catch (error) {
    throw classify(error)
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The postgres.js adapter (compose and production).
 *
 * 64-bit integers (`count(*)`) and NUMERIC come back as JS numbers so rows look the same as
 * SQLite's; every value we store fits in a double.
 *
 * Degrade, never stall: with `timeoutMs`, connecting and every statement outside a transaction
 * are bounded (then `DATABASE_UNAVAILABLE`, a 503); connection failures are `DATABASE_UNAVAILABLE`
 * too, and the pool reconnects by itself on the next call once the server is back. Statements
 * inside `tx` are not bounded (stages load in long transactions), but their connection is.
 *
 * @example
 * const db = openPostgres('postgres://app@127.0.0.1:5432/predictiondex', { timeoutMs: 1500 })
 */
export function openPostgres(url: string, options: { max?: number; timeoutMs?: number } = {}): Db {
  const client = postgres(url, {
    max: options.max ?? 10,
    ...(options.timeoutMs === undefined
      ? {}
      : { connect_timeout: Math.max(1, Math.ceil(options.timeoutMs / 1000)) }),
    onnotice: () => {},
    connection: { application_name: 'predictiondex' },
    types: {
      bigint: {
        to: 20,
        from: [20, 1700],
        serialize: (x: number) => String(x),
        parse: (x: string) => Number(x),
      },
    },
  })
  let closed = false
  const handle = (conn: Client, depth: number): Db => {
    // Outside a transaction, every statement is bounded; inside, only errors are classified.
    const limit = depth === 0 ? options.timeoutMs : undefined
    const queryWith = async <T>(fragment: SqlFragment): Promise<T[]> => {
      const { text, params } = render(fragment, 'postgres')
      return [...(await bounded<T[]>(conn.unsafe(text, params as never[]), limit))]
    }
    return {
      dialect: 'postgres',
      sql: <T = Row>(strings: TemplateStringsArray, ...values: unknown[]) =>
        queryWith<T>(sql(strings, ...values)),
      query: queryWith,
      run: async (fragment) => {
        const { text, params } = render(fragment, 'postgres')
        const result = await bounded<postgres.RowList<Row[]>>(conn.unsafe(text, params as never[]), limit)
        return { changes: result.count ?? 0 }
      },
      exec: async (script) => {
        await bounded(conn.unsafe(script), undefined)
      },
      tx: async <T>(fn: (tx: Db) => Promise<T>): Promise<T> => {
        if (depth === 0) {
          try {
            return (await (conn as postgres.Sql).begin((tx) => fn(handle(tx, 1)))) as T
          } catch (error) {
            throw classify(error)
          }
        }
        return (await (conn as postgres.TransactionSql).savepoint((tx) => fn(handle(tx, depth + 1)))) as T
      },
      close: async () => {
        if (closed || depth > 0) return
        closed = true
        await client.end({ timeout: 5 })
      },
    }
  }
  return handle(client, 0)
}
