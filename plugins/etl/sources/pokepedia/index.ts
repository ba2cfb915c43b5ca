/**
 * The `pokepedia` source: Let's Go learnsets (level-up, TM with numbers, partner tutor moves) from
 * the French wiki's `/<NomFR>/Génération_7` pages, matched to our move slugs by French name.
 *
 * Primary path, the MediaWiki API's wikitext (`action=parse&prop=wikitext`, the whole page in one
 * request): the learnset tables are module calls (`{{#invoke:Apprentissage|niveau|…}}`) with one
 * `Nom / SL / USUL / LGPE` line a move, a structure editors maintain by hand and a bot checks, that
 * does not move when the skin, the table styling or the module's HTML changes. One request a page,
 * not `prop=sections` + one request a section: at one request a second, 171 pages take ~3 minutes
 * instead of ~10, and splitting headings out of wikitext is a regular expression.
 * Fallback, the rendered HTML (`action=parse&prop=text`, read with linkedom), fetched only for a
 * page whose wikitext section is missing or unfamiliar (a transcluded section, a table whose
 * columns are not SL / USUL / LGPE): there the headers name their games by link title.
 *
 * Politeness is the HTTP client's job, and the caller MUST configure it that way for this host:
 * obey robots.txt, one request at a time, at least 1 s between requests, retries with backoff on
 * 5xx/429, a descriptive User-Agent, gzip, and an on-disk cache (pages rarely change). This module
 * only ever awaits one request at a time.
 */

import { HttpFetchError, type HttpFetcher } from '../../http/types.ts'
import type { Extract, LearnsetEntry, Reject } from '../../model.ts'
import { type ApiAnswer, pageUrl, parseApiUrl, readParseAnswer } from './api.ts'
import { addSectionEntries, type EntryContext } from './entries.ts'
import { createFrenchMoveIndex, hasFrenchMoveNames } from './move-names.ts'
import { type PagePlan, planPages } from './pages.ts'
import { readHtmlSection } from './read-html.ts'
import { readWikitextSection } from './read-wikitext.ts'
import { SECTION_ANCHORS, SECTION_TITLES, type SectionName, type SectionRead } from './sections.ts'

export { createFrenchMoveIndex, type FrenchMoveIndex, foldFrenchName } from './move-names.ts'

export const DEFAULT_POKEPEDIA_URL = 'https://www.pokepedia.fr'

export interface PokepediaOptions {
  /** Site root, without `/api.php` (default `https://www.pokepedia.fr`). */
  baseUrl?: string
  /** French move name → move slug, e.g. from PokéAPI `/move/{slug}` `names[language=fr]`. */
  moveNamesFr?: ReadonlyMap<string, string>
  /** Called after each page (read, rejected or skipped). */
  onProgress?: (progress: { done: number; total: number; page: string }) => void
}

interface RunContext extends EntryContext {
  http: HttpFetcher
  baseUrl: string
}

async function fetchAnswer(run: RunContext, page: string, prop: 'wikitext' | 'text'): Promise<ApiAnswer> {
  const url = parseApiUrl(run.baseUrl, page, prop)
  const response = await run.http.get(url, { accept: 'application/json' })
  if (response.status === 0) throw new HttpFetchError(url, 'host unreachable (status 0)')
  return readParseAnswer(response, prop)
}

function readFrom(answer: ApiAnswer, section: SectionName, read: typeof readWikitextSection): SectionRead {
  return answer.kind === 'content' ? read(answer.content, section) : { ok: false, reason: answer.reason }
}

async function readPage(run: RunContext, plan: PagePlan): Promise<void> {
  const url = pageUrl(run.baseUrl, plan.page)
  const formsOf = (section?: SectionName) =>
    plan.forms.filter((form) => section !== 'tutor' || form.tutor).map((form) => form.slug)
  const reject = (locator: string, reason: string, section?: SectionName): void => {
    run.rejects.push({
      source: 'pokepedia',
      locator,
      raw: plan.page,
      reason: `${reason} (for ${formsOf(section).join(', ')})`,
    })
  }
  const wikitext = await fetchAnswer(run, plan.page, 'wikitext')
  if (wikitext.kind === 'missing') return reject(url, `page not found: ${wikitext.reason}`)
  const sections: SectionName[] = plan.forms.some((form) => form.tutor)
    ? ['level', 'tm', 'tutor']
    : ['level', 'tm']
  let html: ApiAnswer | undefined
  for (const section of sections) {
    const locator = `${url}#${encodeURIComponent(SECTION_ANCHORS[section])}`
    let read = readFrom(wikitext, section, readWikitextSection)
    if (!read.ok) {
      // The HTML is fetched once a page, and only when a wikitext section was not enough.
      html ??= await fetchAnswer(run, plan.page, 'text')
      const fallback = readFrom(html, section, readHtmlSection)
      if (!fallback.ok) {
        const why = `wikitext: ${read.reason}; HTML: ${fallback.reason}`
        reject(locator, `'${SECTION_TITLES[section]}' unreadable (${why})`, section)
        continue
      }
      read = fallback
    }
    addSectionEntries(run, section, read.rows, formsOf(section), locator)
  }
}

/**
 * Reads the Let's Go learnsets of every non-Mega form of `base` from Poképédia.
 *
 * Nothing is lost silently: an unknown French move name, an unreadable row, a page or section
 * that is missing or malformed each become a `Reject` (locator `<page URL>#<section> row <n>`),
 * and the crawl goes on. An unreachable host stops the crawl at once with one warning, and what
 * was read so far is returned. Without any French move name to match against (no `moveNamesFr`,
 * no `names.fr` in the base moves) nothing is fetched: one warning says so.
 *
 * @example
 * const extract = await extractPokepedia(extractShowdown(), cachingFetcher, { moveNamesFr })
 * extract.learnsets?.filter((e) => e.pokemon === 'pikachu-starter' && e.method === 'tutor') // zippy-zap, …
 */
export async function extractPokepedia(
  base: Extract,
  http: HttpFetcher,
  options: PokepediaOptions = {},
): Promise<Extract> {
  const rejects: Reject[] = []
  const warnings: string[] = []
  const entries = new Map<string, LearnsetEntry>()
  const result = (): Extract => ({ source: 'pokepedia', learnsets: [...entries.values()], rejects, warnings })
  const names = { moveNamesFr: options.moveNamesFr, base }
  if (!hasFrenchMoveNames(names)) {
    warnings.push('pokepedia: no French move names (pass moveNamesFr, e.g. from PokéAPI); nothing fetched')
    return result()
  }
  const run: RunContext = {
    http,
    baseUrl: options.baseUrl ?? DEFAULT_POKEPEDIA_URL,
    index: createFrenchMoveIndex(names, warnings),
    lgpeMoves: base.moves ? new Set(base.moves.map((move) => move.slug)) : undefined,
    rejects,
    entries,
  }
  const plans = planPages(base, rejects)
  for (const [i, plan] of plans.entries()) {
    try {
      await readPage(run, plan)
    } catch (error) {
      if (error instanceof HttpFetchError) {
        const host = new URL(run.baseUrl).host
        warnings.push(
          `pokepedia: ${host} unreachable (${error.message}); stopped after ${i} of ${plans.length} pages, keeping what was read`,
        )
        break
      }
      const message = error instanceof Error ? error.message : String(error)
      rejects.push({
        source: 'pokepedia',
        locator: pageUrl(run.baseUrl, plan.page),
        raw: plan.page,
        reason: `failed: ${message}`,
      })
    }
    options.onProgress?.({ done: i + 1, total: plans.length, page: plan.page })
  }
  return result()
}
