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
}

export interface HttpFetcher {
  /**
   * GET a URL as text. Resolves for every HTTP status (4xx/5xx included, after retries for 5xx/429);
   * rejects only with an `HttpFetchError` when the host is unreachable (DNS, refused, timeout).
   */
  get(url: string, options?: { accept?: string }): Promise<HttpResponse>
}

/** The host could not be reached (the run goes on with a warning; nothing is deleted). */
export class HttpFetchError extends Error {
  readonly code = 'HTTP_UNREACHABLE'
  constructor(
    readonly url: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'HttpFetchError'
  }
}
