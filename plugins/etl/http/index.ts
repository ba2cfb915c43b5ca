/**
 * The ETL's HTTP layer: the `HttpFetcher` contract, the polite caching client that implements it
 * for live runs, and the recorded fetcher that implements it for tests.
 */

export { createHttpClient, type HttpClient } from './client.ts'
export {
  buildUserAgent,
  DEFAULT_HOST_POLICY,
  type HostPolicy,
  HTTP_CLIENT_DEFAULTS,
  type HttpClientOptions,
  type HttpCounters,
  KNOWN_HOST_POLICIES,
} from './client-options.ts'
export {
  createRecordedFetcher,
  type RecordedFetcher,
  type RecordedFetcherOptions,
  type RecordedResponse,
} from './recorded-fetcher.ts'
export { HttpDisallowedError, HttpFetchError, type HttpFetcher, type HttpResponse } from './types.ts'
