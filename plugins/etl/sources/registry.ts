import { join } from 'node:path'
import { KernelError, UsageError } from '../../../core/errors.ts'
import type { Logger } from '../../../core/log.ts'
import { createProgress } from '../../../core/progress.ts'
import type { EtlConfig, SourceName } from '../config.ts'
import { buildUserAgent, createHttpClient, type HttpClient } from '../http/index.ts'
import type { Extract } from '../model.ts'
import { extractCsv } from './csv/index.ts'
import { extractPokeApi } from './pokeapi/index.ts'
import { extractPokepedia } from './pokepedia/index.ts'
import { extractShowdown } from './showdown/index.ts'

/** What a source extractor gets: the offline base extract, settings and run options. */
export interface SourceContext {
  base: Extract
  config: EtlConfig
  dataDir: string
  force: boolean
  csvDir?: string | undefined
  log: Logger
  tty: boolean
  /** A ready client (tests); by default each live source gets `createEtlHttpClient(ctx)`. */
  http?: HttpClient | undefined
  /** French move name → slug, from PokéAPI (this run or its staged extract): Poképédia and CSV need it. */
  moveNamesFr?: ReadonlyMap<string, string>
}

export interface SourceDefinition {
  name: SourceName
  /** Live sources talk to the network; a failure to reach them is a warning, not a failed run. */
  live: boolean
  extract(ctx: SourceContext): Promise<Extract>
}

/** One polite, caching HTTP client per run, shared by the live sources (per-host policies inside). */
export function createEtlHttpClient(ctx: SourceContext): HttpClient {
  return createHttpClient({
    cacheDir: join(ctx.dataDir, 'http-cache'),
    userAgent: buildUserAgent({
      version: '0.1',
      contactUrl: ctx.config.contact ?? 'no contact configured: set ETL_CONTACT',
    }),
    ttlMs: ctx.config.cacheTtlDays * 86_400_000,
    force: ctx.force,
  })
}

async function withProgress(
  ctx: SourceContext,
  label: string,
  run: (onProgress: (done: number, total: number) => void) => Promise<Extract>,
) {
  const progress = createProgress({ label, total: 1, log: ctx.log, tty: ctx.tty })
  const extract = await run((done, total) => progress.update(done, total))
  progress.done(`${label}: done`)
  return extract
}

/** Every source the ETL knows, by name. */
export const SOURCES: Readonly<Record<SourceName, SourceDefinition>> = {
  showdown: { name: 'showdown', live: false, extract: async () => extractShowdown() },
  pokeapi: {
    name: 'pokeapi',
    live: true,
    async extract(ctx) {
      const http = ctx.http ?? createEtlHttpClient(ctx)
      const extract = await withProgress(ctx, 'pokeapi', (onProgress) =>
        extractPokeApi(ctx.base, http, { baseUrl: ctx.config.pokeapiUrl, onProgress }),
      )
      ctx.log.info('pokeapi http', { ...http.counters() })
      // A host that stopped answering leaves a partial extract: report the source as failed (the
      // summary said "ok") and keep the previous staged extract instead of overwriting it.
      const unreachable = extract.warnings.find((w) => w.startsWith('pokeapi unreachable: '))
      if (unreachable) throw new KernelError('ETL_SOURCE_UNREACHABLE', unreachable, { plugin: 'etl' })
      return extract
    },
  },
  pokepedia: {
    name: 'pokepedia',
    live: true,
    async extract(ctx) {
      const http = ctx.http ?? createEtlHttpClient(ctx)
      const progress = createProgress({ label: 'pokepedia', total: 1, log: ctx.log, tty: ctx.tty })
      const extract = await extractPokepedia(ctx.base, http, {
        baseUrl: ctx.config.pokepediaUrl,
        ...(ctx.moveNamesFr ? { moveNamesFr: ctx.moveNamesFr } : {}),
        onProgress: (p) => progress.update(p.done, p.total),
      })
      progress.done('pokepedia: done')
      ctx.log.info('pokepedia http', { ...http.counters() })
      return extract
    },
  },
  csv: {
    name: 'csv',
    live: false,
    async extract(ctx) {
      const dir = ctx.csvDir ?? ctx.config.csvDir
      if (!dir)
        throw new UsageError(
          'ETL_CSV_DIR_MISSING',
          'the csv source needs a folder: --csv-dir DIR or ETL_CSV_DIR',
        )
      return extractCsv(dir, { base: ctx.base, ...(ctx.moveNamesFr ? { moveNamesFr: ctx.moveNamesFr } : {}) })
    },
  },
}

/** French move names → slugs from a PokéAPI extract. */
export function frenchMoveNames(extract: Extract | undefined): Map<string, string> | undefined {
  const moves = extract?.moves?.filter((m) => m.names.fr)
  return moves && moves.length > 0 ? new Map(moves.map((m) => [m.names.fr!, m.slug])) : undefined
}
