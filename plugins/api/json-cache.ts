import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'

/**
 * Serialised JSON bodies, kept per source object (a Pokédex catalogue, a model…) and key.
 *
 * Why: on the hottest reads the answer is a pure function of an immutable source and a few
 * parameters, and `JSON.stringify` was the largest single cost of the request (≈ 40 % of the
 * server's CPU on `GET /pokemon/25`: 12.5 KB, accented French names, in a process whose heap holds
 * the battle engine's data). The bytes are encoded once (UTF-8) and sent as they are; the
 * source is held weakly, so a new catalogue or model drops its entries with it.
 */
export interface JsonBodyCache<Source extends object> {
  /** The UTF-8 JSON of `build()`, built on the first call for (source, key). */
  get<T>(source: Source, key: string, build: () => T): JsonBytes<T>
}

/** UTF-8 JSON of a value of type `T` (the type is kept for the route's typed response). */
export type JsonBytes<T> = Uint8Array<ArrayBuffer> & { readonly __json?: T }

const encoder = new TextEncoder()

/** `JSON.stringify` as UTF-8 bytes: exactly what `c.json(value)` would have sent. */
export function jsonBytes<T>(value: T): JsonBytes<T> {
  return encoder.encode(JSON.stringify(value)) as JsonBytes<T>
}

/**
 * @param maxPerSource entries kept per source; the oldest entry goes first beyond it.
 * @example
 * const details = createJsonBodyCache<PokedexCatalogue>(1_000)
 * return sendJsonBytes(c, details.get(catalogue, `${p.id}:${lang}`, () => pokemonDetail(catalogue, p, lang)))
 */
export function createJsonBodyCache<Source extends object>(maxPerSource: number): JsonBodyCache<Source> {
  const bySource = new WeakMap<Source, Map<string, JsonBytes<unknown>>>()
  return {
    get<T>(source: Source, key: string, build: () => T): JsonBytes<T> {
      let entries = bySource.get(source)
      if (!entries) {
        entries = new Map()
        bySource.set(source, entries)
      }
      const hit = entries.get(key) as JsonBytes<T> | undefined
      if (hit) return hit
      const bytes = jsonBytes(build())
      if (entries.size >= maxPerSource) entries.delete(entries.keys().next().value!)
      entries.set(key, bytes)
      return bytes
    },
  }
}

/**
 * A 200 `application/json` response from bytes already serialised, with the headers
 * the middlewares set on the context — the same response `c.json` gives, minus the stringify.
 * Typed as the route's JSON response: the bytes come from a value of that schema.
 */
export function sendJsonBytes<T>(
  c: Context,
  bytes: JsonBytes<T>,
): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  return c.body(bytes, 200, { 'content-type': 'application/json' }) as never
}
