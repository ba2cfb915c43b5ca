/**
 * The polite, caching HTTP client behind the live ETL sources (`HttpFetcher`).
 *
 * One `get` goes: fresh cache entry → answered with no request at all; otherwise robots.txt check
 * (hosts that require it) → per-host slot and pacing → request (conditional when a cached copy
 * has an ETag/Last-Modified) with retries, backoff and `Retry-After` → cache write. A 304 serves
 * the cached body and renews it; 5xx answers are never cached, 404s only for a day; when the
 * network fails, an expired copy is better than nothing and is served, marked `stale`.
 */
import {
  type FetchFunction,
  HTTP_CLIENT_DEFAULTS,
  type HttpClientOptions,
  type HttpCounters,
  policyFor,
  zeroCounters,
} from './client-options.ts'
import { type CacheEntry, createDiskCache } from './disk-cache.ts'
import { createHostGate, type HostGate } from './host-gate.ts'
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './retry.ts'
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, productTokenOf, type RobotsRules } from './robots.ts'
import { HttpDisallowedError, HttpFetchError, type HttpFetcher, type HttpResponse } from './types.ts'

/** An `HttpFetcher` that also reports what it did. */
export interface HttpClient extends HttpFetcher {
  /** A snapshot of the counters since the client was created. */
  counters(): HttpCounters
}

interface HostState {
  gate: HostGate
  obeyRobots: boolean
  robots?: Promise<RobotsRules>
  unreachableUntil: number
}

/** robots.txt is fetched by the client itself: never checked against itself, cached for a shorter time. */
type ResourceKind = 'page' | 'robots'

interface NetworkAnswer {
  status: number
  body: string
  etag?: string
  lastModified?: string
}

function isCacheable(status: number): boolean {
  return (status >= 200 && status < 300) || status === 404 || status === 410
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Creates a client. Nothing is fetched or written until the first `get`.
 *
 * @example
 * const http = createHttpClient({
 *   cacheDir: join(dataDir, 'http-cache'),
 *   userAgent: buildUserAgent({ version: '0.1', contactUrl: 'https://example.org/predictiondex' }),
 * })
 * const { status, body, fromCache } = await http.get('https://pokeapi.co/api/v2/pokemon/pikachu')
 * http.counters() // { requests: 1, cacheHits: 0, ... }
 */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const settings = { ...HTTP_CLIENT_DEFAULTS, ...options }
  const fetchImpl: FetchFunction = options.fetch ?? ((url, init) => fetch(url, init))
  const clock = { now: options.now ?? Date.now, sleep: options.sleep ?? ((ms: number) => Bun.sleep(ms)) }
  const random = options.random ?? Math.random
  const cache = createDiskCache(options.cacheDir)
  const counters = zeroCounters()
  const hosts = new Map<string, HostState>()
  const inFlight = new Map<string, Promise<HttpResponse>>()
  const productToken = productTokenOf(options.userAgent)

  function hostOf(url: URL): HostState {
    let state = hosts.get(url.host)
    if (!state) {
      const policy = policyFor(url, options.hosts ?? {}, options.defaultHostPolicy ?? {})
      state = { gate: createHostGate(policy, clock), obeyRobots: policy.obeyRobots, unreachableUntil: 0 }
      hosts.set(url.host, state)
    }
    return state
  }

  async function readCache(url: string): Promise<CacheEntry | undefined> {
    const read = await cache.read(url)
    if (read.kind === 'corrupt') counters.corruptCacheEntries++
    return read.kind === 'hit' ? read.entry : undefined
  }

  async function writeCache(entry: CacheEntry): Promise<void> {
    try {
      await cache.write(entry)
    } catch {
      counters.cacheWriteErrors++
    }
  }

  /** Sends one request with retries; throws `HttpFetchError` when the host cannot be reached. */
  async function send(url: string, host: HostState, headers: Record<string, string>): Promise<NetworkAnswer> {
    const release = await host.gate.acquire()
    try {
      let statusRetries = 0
      let networkRetries = 0
      for (let attempt = 0; ; attempt++) {
        await host.gate.pace()
        counters.requests++
        let response: Response
        let body: string
        try {
          response = await fetchImpl(url, {
            headers,
            redirect: 'follow',
            signal: AbortSignal.timeout(settings.timeoutMs),
          })
          body = await response.text()
        } catch (error) {
          if (networkRetries >= settings.networkRetries)
            throw new HttpFetchError(url, `GET ${url} failed: ${describe(error)}`, { cause: error })
          networkRetries++
          counters.retries++
          await clock.sleep(backoffDelayMs(attempt, settings.backoff, random))
          continue
        }
        if (isRetryableStatus(response.status) && statusRetries < settings.retries) {
          statusRetries++
          counters.retries++
          const retryAfter = parseRetryAfterMs(response.headers.get('retry-after'), clock.now())
          if (retryAfter === undefined) await clock.sleep(backoffDelayMs(attempt, settings.backoff, random))
          // The server asked the whole host to wait: every slot waits, not only this request.
          else host.gate.holdUntil(clock.now() + Math.min(retryAfter, settings.maxRetryAfterMs))
          continue
        }
        const etag = response.headers.get('etag')
        const lastModified = response.headers.get('last-modified')
        return {
          status: response.status,
          body,
          ...(etag ? { etag } : {}),
          ...(lastModified ? { lastModified } : {}),
        }
      }
    } finally {
      release()
    }
  }

  async function robotsFor(url: URL, host: HostState): Promise<RobotsRules> {
    host.robots ??= (async () => {
      const answer = await load(`${url.protocol}//${url.host}/robots.txt`, 'text/plain', 'robots')
      if (answer.status >= 200 && answer.status < 300) {
        const rules = parseRobots(answer.body, productToken)
        if (rules.crawlDelayMs !== undefined) host.gate.slowDownTo(rules.crawlDelayMs)
        return rules
      }
      return answer.status >= 500 || answer.status === 429 ? DISALLOW_ALL : ALLOW_ALL
    })()
    try {
      return await host.robots
    } catch (error) {
      host.robots = undefined // unreachable now; ask again on a later call
      throw error
    }
  }

  function ttlOf(entry: CacheEntry, kind: ResourceKind): number {
    if (kind === 'robots') return settings.robotsTtlMs
    return entry.status >= 200 && entry.status < 300 ? settings.ttlMs : settings.notFoundTtlMs
  }

  function fromEntry(entry: CacheEntry, flags: Partial<HttpResponse>): HttpResponse {
    return { status: entry.status, body: entry.body, url: entry.url, fromCache: true, ...flags }
  }

  async function load(url: string, accept: string, kind: ResourceKind): Promise<HttpResponse> {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch (error) {
      throw new HttpFetchError(url, `invalid URL: ${url}`, { cause: error })
    }
    const cached = await readCache(url)
    const now = clock.now()
    if (cached && !settings.force && now - cached.fetchedAt < ttlOf(cached, kind)) {
      counters.cacheHits++
      return fromEntry(cached, {})
    }
    const host = hostOf(parsed)
    const serveStaleOr = (error: HttpFetchError): HttpResponse => {
      counters.failures++
      if (!cached) throw error
      counters.staleServed++
      return fromEntry(cached, { stale: true })
    }
    if (now < host.unreachableUntil)
      return serveStaleOr(new HttpFetchError(url, `${parsed.host} was unreachable moments ago; not retried`))
    if (kind === 'page' && host.obeyRobots) {
      const rules = await robotsFor(parsed, host)
      if (!rules.isAllowed(parsed.pathname + parsed.search)) {
        counters.robotsBlocked++
        throw new HttpDisallowedError(url, `robots.txt of ${parsed.host} disallows ${parsed.pathname}`)
      }
    }
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      accept,
      'accept-encoding': 'gzip',
    }
    if (cached && !settings.force) {
      if (cached.etag) headers['if-none-match'] = cached.etag
      if (cached.lastModified) headers['if-modified-since'] = cached.lastModified
    }
    let answer: NetworkAnswer
    try {
      answer = await send(url, host, headers)
    } catch (error) {
      if (!(error instanceof HttpFetchError)) throw error
      host.unreachableUntil = clock.now() + settings.unreachableCooldownMs
      return serveStaleOr(error)
    }
    if (answer.status === 304 && cached) {
      counters.revalidations++
      await writeCache({
        ...cached,
        fetchedAt: clock.now(),
        ...(answer.etag ? { etag: answer.etag } : {}),
        ...(answer.lastModified ? { lastModified: answer.lastModified } : {}),
      })
      return fromEntry(cached, { fromCache: false, revalidated: true })
    }
    if (isRetryableStatus(answer.status)) {
      counters.failures++
      if (cached) {
        counters.staleServed++
        return fromEntry(cached, { stale: true })
      }
    } else if (isCacheable(answer.status)) {
      const { status, body, etag, lastModified } = answer
      await writeCache({
        url,
        status,
        body,
        fetchedAt: clock.now(),
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      })
    }
    return { status: answer.status, body: answer.body, url, fromCache: false }
  }

  return {
    get(url, getOptions) {
      // One request per URL at a time: concurrent callers of the same URL share the answer.
      const pending = inFlight.get(url)
      if (pending) return pending
      const promise = load(url, getOptions?.accept ?? '*/*', 'page').finally(() => inFlight.delete(url))
      inFlight.set(url, promise)
      return promise
    },
    counters: () => ({ ...counters }),
  }
}
