/**
 * Options, defaults and counters of the polite HTTP client (see `client.ts`).
 *
 * Why defaults per host: the two live sources publish different etiquette. PokéAPI asks for a
 * local cache and no abuse (a few parallel requests are fine, robots.txt is not required);
 * Poképédia, a volunteer-run wiki, asks for one request at a time, about a second apart, within
 * its robots.txt. Hosts not listed get the cautious `DEFAULT_HOST_POLICY`.
 */
import type { HostPolicy } from './host-gate.ts'

export type { HostPolicy } from './host-gate.ts'

/** `fetch` as the client calls it (injectable for tests). */
export type FetchFunction = (url: string, init: RequestInit) => Promise<Response>

export interface HttpClientOptions {
  /** Directory of the on-disk cache, e.g. `<DATA_DIR>/http-cache` (created on first write). */
  cacheDir: string
  /** Full User-Agent, e.g. `PredictionDex-ETL/0.1 (+https://example.org/predictiondex)`; see `buildUserAgent`. */
  userAgent: string
  /** How long a cached 2xx answer is used without asking the server again. Default 30 days. */
  ttlMs?: number
  /** How long a cached 404/410 is trusted, so a missing page is not hammered. Default 1 day. */
  notFoundTtlMs?: number
  /** How long a cached robots.txt is trusted. Default 1 day. */
  robotsTtlMs?: number
  /** Ignore the cache (but still update it): every URL is fetched again, unconditionally. */
  force?: boolean
  /** Per-attempt timeout, headers and body included. Default 20 s. */
  timeoutMs?: number
  /** Extra attempts after a 5xx or 429. Default 3. */
  retries?: number
  /** Extra attempts after a network error (refused, DNS, timeout). Default 2: a dead host fails fast. */
  networkRetries?: number
  /** Exponential backoff bounds. Default 500 ms doubling up to 30 s, with jitter. */
  backoff?: { baseMs: number; maxMs: number }
  /** Longest `Retry-After` honoured as given (longer ones are capped). Default 2 min. */
  maxRetryAfterMs?: number
  /** After a host proved unreachable, later requests to it fail at once for this long. Default 60 s. */
  unreachableCooldownMs?: number
  /** Policies by host (`pokeapi.co`, `www.pokepedia.fr`, or `127.0.0.1:8080` with a port); merged over the built-in ones. */
  hosts?: Record<string, Partial<HostPolicy>>
  /** Policy for hosts not in `hosts`. */
  defaultHostPolicy?: Partial<HostPolicy>
  fetch?: FetchFunction
  sleep?: (ms: number) => Promise<void>
  /** Epoch milliseconds (stored in cache entries, so it must be wall-clock time in production). */
  now?: () => number
  /** Jitter source in [0, 1). */
  random?: () => number
}

/** What the client did, for the run summary. */
export interface HttpCounters {
  /** Network requests sent (every attempt, robots.txt included). */
  requests: number
  /** Answers served from a fresh cache entry, with no network round trip. */
  cacheHits: number
  /** Conditional requests answered `304 Not Modified`. */
  revalidations: number
  /** Attempts repeated after a 5xx, a 429 or a network error. */
  retries: number
  /** Calls that ended unreachable or with a 5xx/429 after every retry. */
  failures: number
  /** URLs refused because robots.txt disallows them. */
  robotsBlocked: number
  /** Expired cache entries served because the network failed. */
  staleServed: number
  /** Cache files that could not be read back (refetched and overwritten). */
  corruptCacheEntries: number
  /** Cache files that could not be written (the answer was still returned). */
  cacheWriteErrors: number
}

export function zeroCounters(): HttpCounters {
  return {
    requests: 0,
    cacheHits: 0,
    revalidations: 0,
    retries: 0,
    failures: 0,
    robotsBlocked: 0,
    staleServed: 0,
    corruptCacheEntries: 0,
    cacheWriteErrors: 0,
  }
}

const DAY_MS = 24 * 60 * 60 * 1000

export const HTTP_CLIENT_DEFAULTS = {
  ttlMs: 30 * DAY_MS,
  notFoundTtlMs: DAY_MS,
  robotsTtlMs: DAY_MS,
  timeoutMs: 20_000,
  retries: 3,
  networkRetries: 2,
  backoff: { baseMs: 500, maxMs: 30_000 },
  maxRetryAfterMs: 120_000,
  unreachableCooldownMs: 60_000,
} as const

/** Built-in etiquette of the hosts the ETL knows. */
export const KNOWN_HOST_POLICIES: Readonly<Record<string, HostPolicy>> = {
  'pokeapi.co': { maxConcurrent: 4, minIntervalMs: 0, obeyRobots: false },
  'www.pokepedia.fr': { maxConcurrent: 1, minIntervalMs: 1000, obeyRobots: true },
}

/** For any other host: one request at a time, a quarter second apart, within robots.txt. */
export const DEFAULT_HOST_POLICY: HostPolicy = { maxConcurrent: 1, minIntervalMs: 250, obeyRobots: true }

/**
 * The policy for a URL's host: `hosts[host:port]`, then `hosts[hostname]`, then the built-in
 * one, then the default; partial policies are completed from the default.
 *
 * @example
 * policyFor(new URL('https://pokeapi.co/api/v2/pokemon/1'), {}, {}).maxConcurrent // 4
 */
export function policyFor(
  url: URL,
  hosts: Record<string, Partial<HostPolicy>>,
  fallback: Partial<HostPolicy>,
): HostPolicy {
  const given = hosts[url.host] ?? hosts[url.hostname]
  const known = KNOWN_HOST_POLICIES[url.host] ?? KNOWN_HOST_POLICIES[url.hostname]
  return { ...DEFAULT_HOST_POLICY, ...fallback, ...known, ...given }
}

/**
 * A descriptive User-Agent: product/version and a URL where the site owner can find who we are.
 *
 * @example
 * buildUserAgent({ version: '0.1', contactUrl: 'https://example.org/predictiondex' })
 * // 'PredictionDex-ETL/0.1 (+https://example.org/predictiondex)'
 */
export function buildUserAgent(options: { product?: string; version: string; contactUrl: string }): string {
  return `${options.product ?? 'PredictionDex-ETL'}/${options.version} (+${options.contactUrl})`
}
