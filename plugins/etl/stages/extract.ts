import { z } from 'zod'
import { envBoolean } from '../../../core/config.ts'
import { describeError, UsageError } from '../../../core/errors.ts'
import { defineStage, type StageRuntime } from '../../../core/stages.ts'
import type { EtlConfig, SourceName } from '../config.ts'
import type { HttpClient } from '../http/index.ts'
import type { Extract } from '../model.ts'
import { frenchMoveNames, SOURCES } from '../sources/registry.ts'
import { extractShowdown } from '../sources/showdown/index.ts'
import { readStaged, writeStaged } from '../staging.ts'

export const extractInput = z
  .object({
    force: envBoolean.default(false).describe('refetch live sources, ignoring the HTTP cache'),
    csvDir: z.string().min(1).optional().describe('folder with the CSV files (csv source)'),
  })
  .strict()
export type ExtractInput = z.infer<typeof extractInput>

/** One line per source for the run summary. */
export interface SourceOutcome {
  source: string
  ok: boolean
  counts: Record<string, number>
  rejects: number
  warnings: string[]
}

function countsOf(e: Extract): Record<string, number> {
  return Object.fromEntries(
    (['types', 'typeChart', 'species', 'pokemon', 'moves', 'learnsets'] as const)
      .filter((k) => e[k] !== undefined)
      .map((k) => [k, e[k]!.length]),
  )
}

/**
 * Runs every configured source and stages its extract. A live source that fails (unreachable,
 * broken) becomes a warning: its previous staged extract, if any, stays and is used by the load.
 */
export async function runExtract(
  config: EtlConfig,
  dataDir: string,
  input: ExtractInput,
  runtime: Pick<StageRuntime, 'log' | 'tty'>,
  /** Tests pass an HTTP client with local host policies; otherwise one polite client per run. */
  overrides: { http?: HttpClient } = {},
): Promise<SourceOutcome[]> {
  const base = extractShowdown()
  const outcomes: SourceOutcome[] = []
  let moveNamesFr = frenchMoveNames((await readStaged(dataDir, 'pokeapi'))?.extract)
  // `--csv-dir` without the csv source was silently ignored (and etl:load reads ETL_SOURCES too).
  if (input.csvDir && !config.sources.includes('csv')) {
    throw new UsageError(
      'ETL_CSV_DIR_MISSING',
      `--csv-dir is read by the csv source, which ETL_SOURCES (${config.sources.join(',')}) does not list: set ETL_SOURCES=${[...config.sources, 'csv'].join(',')}`,
    )
  }
  const names: SourceName[] = ['showdown', ...config.sources.filter((s) => s !== 'showdown')]
  for (const name of names) {
    const source = SOURCES[name]
    const started = new Date().toISOString()
    try {
      const extract =
        name === 'showdown'
          ? base
          : await source.extract({
              base,
              config,
              dataDir,
              force: input.force,
              csvDir: input.csvDir ?? config.csvDir,
              log: runtime.log,
              tty: runtime.tty,
              http: overrides.http,
              moveNamesFr,
            })
      if (name === 'pokeapi') moveNamesFr = frenchMoveNames(extract) ?? moveNamesFr
      await writeStaged(dataDir, extract, started)
      outcomes.push({
        source: name,
        ok: true,
        counts: countsOf(extract),
        rejects: extract.rejects.length,
        warnings: extract.warnings,
      })
    } catch (error) {
      if (!source.live) throw error
      const warning = `${name} failed, previous data kept: ${describeError(error)}`
      runtime.log.warn(warning)
      outcomes.push({ source: name, ok: false, counts: {}, rejects: 0, warnings: [warning] })
    }
  }
  return outcomes
}

export function formatOutcomes(outcomes: readonly SourceOutcome[]): string {
  return outcomes
    .map((o) => {
      const counts = Object.entries(o.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')
      return `  ${o.ok ? 'ok  ' : 'WARN'} ${o.source.padEnd(10)} ${counts || '(nothing)'}; ${o.rejects} rejects, ${o.warnings.length} warnings`
    })
    .join('\n')
}

/**
 * `etl:extract`: fetch or read every source into the staging area.
 *
 * @example
 * bun run stage etl:extract -- --force
 */
export function createExtractStage(deps: { config: EtlConfig; dataDir: string }) {
  return defineStage({
    name: 'etl:extract',
    description: 'Read every configured source into the staging area (live sources cached)',
    input: extractInput,
    async run(input, runtime) {
      const outcomes = await runExtract(deps.config, deps.dataDir, input, runtime)
      return `etl:extract\n${formatOutcomes(outcomes)}`
    },
  })
}
