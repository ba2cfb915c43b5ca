import { KernelError } from '../../../core/errors.ts'
/**
 * The contract between live ETL sources (PokéAPI, Poképédia) and the polite, caching HTTP client.
 *
 * Why an interface: extractors are tested on recorded responses through an in-memory fetcher,
 * and the real client (on-disk cache, ETag/Last-Modified revalidation, TTL, retries with backoff,
 * rate limit, robots.txt, User-Agent) is tested once, against a local server.
 */
export interface HttpResponse {
  /** Final HTTP status (after retries). 0 when the host could not be reached at all. */
  status: number
  body: string
  /** True when served from the on-disk cache without a network round trip. */
  fromCache: boolean
  url: string
  /** True when a conditional request got `304 Not Modified` and the cached body was served. */
  revalidated?: boolean
  /** True when the network failed and an expired cached copy was served instead (stale-if-error). */
  stale?: boolean
}

export interface HttpFetcher {
  /**
   * GET a URL as text. Resolves for every HTTP status (4xx/5xx included, after retries for 5xx/429);
   * rejects with an `HttpFetchError` when the host is unreachable (DNS, refused, timeout), or with
   * an `HttpDisallowedError` when the host's robots.txt forbids the URL (hosts configured to obey it).
   */
  get(url: string, options?: { accept?: string }): Promise<HttpResponse>
}

/** The host could not be reached (the run goes on with a warning; nothing is deleted). */
export class HttpFetchError extends KernelError {
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('HTTP_UNREACHABLE', message, { plugin: 'etl', ...options })
    this.name = 'HttpFetchError'
  }
}

/**
 * The host's robots.txt forbids this URL for our user agent: the page is skipped, never fetched.
 * Extractors treat it like a 404 (a reject for that page), not like a dead host.
 */
export class HttpDisallowedError extends KernelError {
  constructor(
    readonly url: string,
    message: string,
  ) {
    super('HTTP_ROBOTS_DISALLOWED', message, { plugin: 'etl' })
    this.name = 'HttpDisallowedError'
  }
}
