/**
 * Fetches and validates one PokéAPI resource, turning every way it can fail into data.
 *
 * Why one place: the run must survive any single bad resource (a 404, a truncated body, a field
 * PokéAPI renamed) as a reject naming the URL and the field, while a dead host must stop the
 * whole source at once, with one warning, instead of timing out on 600 URLs in turn.
 */

import type { z } from 'zod'
import { KernelError } from '../../../../core/errors.ts'
import { HttpFetchError, type HttpFetcher } from '../../http/types.ts'
import type { Reject } from '../../model.ts'

export const SOURCE = 'pokeapi'

/** Rejects and warnings of one run, shared by every phase. */
export interface Findings {
  rejects: Reject[]
  warnings: string[]
}

/** A problem with one field of a resource that parsed fine (unknown type slug, missing stat…). */
export class FieldError extends KernelError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super('POKEAPI_FIELD', message, { plugin: 'etl' })
    this.name = 'FieldError'
  }
}

export interface Loader {
  /** Undefined when the resource was rejected or the source has stopped. */
  load<T>(url: string, schema: z.ZodType<T>): Promise<T | undefined>
  /** Runs a mapper on a loaded resource; a `FieldError` becomes a reject for that URL. */
  map<T, R>(url: string, value: T, mapper: (value: T) => R): R | undefined
  /** Records a row this source could not use. */
  reject(locator: string, reason: string, raw?: string): void
  /** True once the host proved unreachable: callers stop issuing requests. */
  readonly stopped: boolean
  /** Grows the expected number of requests (chains and machines are only known later). */
  expect(more: number): void
}

const RAW_LIMIT = 200

/**
 * Creates the loader of one extraction.
 *
 * @example
 * const loader = createLoader(http, findings, onProgress)
 * const pokemon = await loader.load(`${baseUrl}/pokemon/pikachu`, PokemonJson)
 */
export function createLoader(
  http: HttpFetcher,
  findings: Findings,
  onProgress?: (done: number, total: number) => void,
): Loader {
  let stopped = false
  let done = 0
  let total = 0
  const reject = (locator: string, raw: string, reason: string) =>
    findings.rejects.push({ source: SOURCE, locator, raw: raw.slice(0, RAW_LIMIT), reason })
  const tick = () => onProgress?.(++done, total)

  async function fetchBody(url: string): Promise<string | undefined> {
    try {
      const response = await http.get(url, { accept: 'application/json' })
      if (response.status >= 200 && response.status < 300) return response.body
      const reason = response.status === 404 ? 'HTTP 404: not on PokéAPI' : `HTTP ${response.status}`
      reject(url, response.body, reason)
    } catch (error) {
      if (!(error instanceof HttpFetchError)) {
        reject(url, '', `request failed: ${error instanceof Error ? error.message : String(error)}`)
        return undefined
      }
      if (!stopped) findings.warnings.push(`pokeapi unreachable: ${error.message}; the source stopped early`)
      stopped = true
    }
    return undefined
  }

  return {
    get stopped() {
      return stopped
    },
    expect(more) {
      total += more
    },
    reject(locator, reason, raw = '') {
      reject(locator, raw, reason)
    },
    async load(url, schema) {
      if (stopped) return undefined
      const body = await fetchBody(url)
      if (!stopped) tick()
      if (body === undefined) return undefined
      let json: unknown
      try {
        json = JSON.parse(body)
      } catch (error) {
        reject(url, body, `malformed JSON: ${(error as Error).message}`)
        return undefined
      }
      const parsed = schema.safeParse(json)
      if (parsed.success) return parsed.data
      const issue = parsed.error.issues[0]
      const field = issue?.path.join('.') || '(root)'
      reject(
        `${url} (field ${field})`,
        body,
        `missing or invalid field ${field}: ${issue?.message ?? 'invalid'}`,
      )
      return undefined
    },
    map(url, value, mapper) {
      try {
        return mapper(value)
      } catch (error) {
        if (!(error instanceof FieldError)) throw error
        reject(`${url} (field ${error.field})`, JSON.stringify(value), error.message)
        return undefined
      }
    },
  }
}

/**
 * Runs `worker` over `items` with at most `limit` in flight, in order of start; stops handing
 * out items once `shouldStop()` is true.
 *
 * @example
 * await forEachLimited(slugs, 8, (slug) => load(slug), () => loader.stopped)
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T, index: number) => Promise<void>,
  shouldStop: () => boolean,
): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < items.length && !shouldStop()) {
      const index = next++
      await worker(items[index] as T, index)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane))
}
