import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'

/**
 * Serialised JSON bodies, kept per source object (a Pokédex catalogue, a model…) and key.
 *
 * Why: on the hottest reads the answer is a pure function of an immutable source and a few
 * parameters, and `JSON.stringify` was the largest single cost of the request (≈ 40 % of the
 * server's CPU on `GET /pokemon/25`: 12.5 KB, accented French names, in a process whose heap holds
 * the battle engine's data). The body is encoded once (UTF-8) into a Blob, which every response
 * shares without a copy (a `Uint8Array` body is copied per response: a quarter of the CPU of a
 * 39 KB threats answer); the source is held weakly, so a new catalogue drops its entries with it.
 */
export interface JsonBodyCache<Source extends object> {
  /** The UTF-8 JSON of `build()`, built on the first call for (source, key). */
  get<T>(source: Source, key: string, build: () => T): JsonBody<T>
}

/** UTF-8 JSON of a value of type `T` (the type is kept for the route's typed response). */
export type JsonBody<T> = Blob & { readonly __json?: T }

/** `JSON.stringify` as a UTF-8 Blob: exactly the bytes `c.json(value)` would have sent. */
export function jsonBody<T>(value: T): JsonBody<T> {
  return new Blob([JSON.stringify(value)]) as JsonBody<T>
}

/**
 * @param maxPerSource entries kept per source; the oldest entry goes first beyond it.
 * @example
 * const details = createJsonBodyCache<PokedexCatalogue>(1_000)
 * return sendJsonBody(c, details.get(catalogue, `${p.id}:${lang}`, () => pokemonDetail(catalogue, p, lang)))
 */
export function createJsonBodyCache<Source extends object>(maxPerSource: number): JsonBodyCache<Source> {
  const bySource = new WeakMap<Source, Map<string, JsonBody<unknown>>>()
  return {
    get<T>(source: Source, key: string, build: () => T): JsonBody<T> {
      let entries = bySource.get(source)
      if (!entries) {
        entries = new Map()
        bySource.set(source, entries)
      }
      const hit = entries.get(key) as JsonBody<T> | undefined
      if (hit) return hit
      const body = jsonBody(build())
      if (entries.size >= maxPerSource) entries.delete(entries.keys().next().value!)
      entries.set(key, body)
      return body
    },
  }
}

/**
 * A 200 `application/json` response from a body already serialised, with the headers the
 * middlewares set on the context — the same response `c.json` gives, minus the stringify.
 * Typed as the route's JSON response: the body comes from a value of that schema.
 */
export function sendJsonBody<T>(
  c: Context,
  body: JsonBody<T>,
): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  // Hono passes the body to `new Response`, which takes a Blob (its type says otherwise)
  return c.body(body as unknown as ArrayBuffer, 200, { 'content-type': 'application/json' }) as never
}
