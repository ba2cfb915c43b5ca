/**
 * An in-memory `HttpFetcher` that answers from recordings, for extractor tests.
 *
 * Why: extractors must be tested on real-shaped responses without any network. A recording is a
 * status and a body; a list of them is played in order (the last one repeats), which is how a
 * test shows "a 500, then the page". URLs nobody recorded answer 404 like a real server, and
 * hosts or URL prefixes marked unreachable throw `HttpFetchError` like a dead network.
 */
import { HttpFetchError, type HttpFetcher, type HttpResponse } from './types.ts'

export interface RecordedResponse {
  status: number
  body: string
}

export interface RecordedFetcher extends HttpFetcher {
  /** Every URL asked for, in order (unreachable ones included). */
  readonly calls: string[]
}

export interface RecordedFetcherOptions {
  /** Entries that throw `HttpFetchError`: a host (`pokeapi.co`), a full URL, or a URL prefix. */
  unreachable?: Iterable<string>
}

function isUnreachable(url: string, unreachable: readonly string[]): boolean {
  let host = ''
  try {
    host = new URL(url).host
  } catch {
    return true
  }
  return unreachable.some((entry) => entry === host || url.startsWith(entry))
}

/**
 * Creates a fetcher over recordings keyed by absolute URL.
 *
 * @example
 * const http = createRecordedFetcher(
 *   { 'https://pokeapi.co/api/v2/move/absorb': { status: 200, body: '{"id":71}' },
 *     'https://pokeapi.co/api/v2/move/flaky': [{ status: 500, body: '' }, { status: 200, body: '{}' }] },
 *   { unreachable: ['www.pokepedia.fr'] },
 * )
 * await http.get('https://pokeapi.co/api/v2/move/missing') // { status: 404, ... }
 */
export function createRecordedFetcher(
  recordings: Record<string, RecordedResponse | readonly RecordedResponse[]>,
  options: RecordedFetcherOptions = {},
): RecordedFetcher {
  const unreachable = [...(options.unreachable ?? [])]
  const played = new Map<string, number>()
  const calls: string[] = []
  return {
    calls,
    async get(url): Promise<HttpResponse> {
      calls.push(url)
      if (isUnreachable(url, unreachable))
        throw new HttpFetchError(url, `GET ${url} failed: unreachable (recorded)`)
      const recording = recordings[url]
      if (recording === undefined) return { status: 404, body: 'Not Found', fromCache: false, url }
      const sequence: readonly RecordedResponse[] = Array.isArray(recording) ? recording : [recording]
      const index = played.get(url) ?? 0
      played.set(url, index + 1)
      const answer = sequence[Math.min(index, sequence.length - 1)]
      if (answer === undefined) return { status: 404, body: 'Not Found', fromCache: false, url }
      return { status: answer.status, body: answer.body, fromCache: false, url }
    },
  }
}
