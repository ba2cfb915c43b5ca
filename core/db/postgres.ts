import postgres from 'postgres'
import type { Db, Row } from './port.ts'
import { render, type SqlFragment, sql } from './sql.ts'

type Client = postgres.Sql | postgres.TransactionSql

/**
 * The postgres.js adapter (compose and production).
 *
 * 64-bit integers (`count(*)`) and NUMERIC come back as JS numbers so rows look the same as
 * SQLite's; every value we store fits in a double.
 *
 * @example
 * const db = openPostgres('postgres://app@127.0.0.1:5432/predictiondex')
 */
export function openPostgres(url: string, options: { max?: number } = {}): Db {
  const client = postgres(url, {
    max: options.max ?? 10,
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
    const queryWith = async <T>(fragment: SqlFragment): Promise<T[]> => {
      const { text, params } = render(fragment, 'postgres')
      return [...(await conn.unsafe(text, params as never[]))] as T[]
    }
    return {
      dialect: 'postgres',
      sql: <T = Row>(strings: TemplateStringsArray, ...values: unknown[]) =>
        queryWith<T>(sql(strings, ...values)),
      query: queryWith,
      run: async (fragment) => {
        const { text, params } = render(fragment, 'postgres')
        const result = await conn.unsafe(text, params as never[])
        return { changes: result.count ?? 0 }
      },
      exec: async (script) => {
        await conn.unsafe(script)
      },
      tx: async <T>(fn: (tx: Db) => Promise<T>): Promise<T> => {
        if (depth === 0) {
          return (await (conn as postgres.Sql).begin((tx) => fn(handle(tx, 1)))) as T
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
