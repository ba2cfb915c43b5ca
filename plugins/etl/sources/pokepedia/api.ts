/**
 * Poképédia page names and MediaWiki API calls.
 *
 * One `action=parse` request a page and a format: `prop=wikitext` for the whole page (primary),
 * `prop=text` for the rendered HTML (fallback). `redirects=1` follows renamed pages;
 * `formatversion=2` gives plain strings instead of `{"*": …}` objects (both shapes are read).
 */
import type { HttpResponse } from '../../http/types.ts'

/**
 * The learnset sub-page of a French Pokémon name: spaces → `_`, then `/Génération_7`.
 *
 * @example
 * learnsetPageOf("Rattata d'Alola") // "Rattata_d'Alola/Génération_7"
 */
export function learnsetPageOf(frenchName: string): string {
  return `${frenchName.trim().replace(/\s+/g, '_')}/Génération_7`
}

/**
 * The human URL of a page (what a reject points a maintainer to), each path segment URL-encoded.
 *
 * @example
 * pageUrl('https://www.pokepedia.fr', 'Évoli/Génération_7') // 'https://www.pokepedia.fr/%C3%89voli/G%C3%A9n%C3%A9ration_7'
 */
export function pageUrl(baseUrl: string, page: string): string {
  return `${trimSlash(baseUrl)}/${page.split('/').map(encodeURIComponent).join('/')}`
}

/**
 * The API URL returning a page's wikitext (`wikitext`) or rendered HTML (`text`).
 *
 * @example
 * parseApiUrl('https://www.pokepedia.fr', 'Pikachu/Génération_7', 'wikitext')
 * // 'https://www.pokepedia.fr/api.php?action=parse&format=json&formatversion=2&redirects=1&prop=wikitext&page=Pikachu%2FG%C3%A9n%C3%A9ration_7'
 */
export function parseApiUrl(baseUrl: string, page: string, prop: 'wikitext' | 'text'): string {
  const query = `action=parse&format=json&formatversion=2&redirects=1&prop=${prop}&page=${encodeURIComponent(page)}`
  return `${trimSlash(baseUrl)}/api.php?${query}`
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

/** What one API answer means for the extractor. */
export type ApiAnswer =
  | { kind: 'content'; content: string }
  | { kind: 'missing'; reason: string }
  | { kind: 'failed'; reason: string }

/**
 * Decodes an `action=parse` response. MediaWiki answers a missing page with HTTP 200 and
 * `{"error": {"code": "missingtitle"}}`, so "page not found" is read from the body as well as
 * from a 404.
 *
 * @example
 * readParseAnswer({ status: 404, body: '', fromCache: false, url }, 'wikitext') // { kind: 'missing', reason: 'HTTP 404' }
 */
export function readParseAnswer(response: HttpResponse, prop: 'wikitext' | 'text'): ApiAnswer {
  if (response.status === 404 || response.status === 410)
    return { kind: 'missing', reason: `HTTP ${response.status}` }
  if (response.status < 200 || response.status >= 300)
    return { kind: 'failed', reason: `HTTP ${response.status}` }
  let json: unknown
  try {
    json = JSON.parse(response.body)
  } catch {
    return { kind: 'failed', reason: 'the API answer is not JSON' }
  }
  const body = json as { error?: { code?: string; info?: string }; parse?: Record<string, unknown> }
  if (body.error) {
    const why = `${body.error.code ?? 'error'}: ${body.error.info ?? ''}`.trim()
    return body.error.code === 'missingtitle'
      ? { kind: 'missing', reason: why }
      : { kind: 'failed', reason: why }
  }
  const value = body.parse?.[prop]
  const content = typeof value === 'string' ? value : (value as { '*'?: unknown } | undefined)?.['*']
  if (typeof content !== 'string') return { kind: 'failed', reason: `the API answer has no parse.${prop}` }
  return { kind: 'content', content }
}
