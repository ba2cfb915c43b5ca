import { z } from 'zod'
import { upsertRows } from '../../../core/db/bulk.ts'
import type { Db } from '../../../core/db/port.ts'
import { describeError } from '../../../core/errors.ts'
import { defineStage, type StageRuntime } from '../../../core/stages.ts'
import type { EtlConfig } from '../config.ts'
import { ETL_METRICS } from '../metrics.ts'
import type { Extract } from '../model.ts'
import { type Reconciled, reconcile } from '../reconcile/index.ts'
import { moveIds, pokemonIds } from '../repo/ids.ts'
import { syncLearnsets, writeMoves, writePokemon, writeSpecies } from '../repo/pokedex-write.ts'
import { finishRun, recordFindings, startRun } from '../repo/runs.repo.ts'
import { extractShowdown } from '../sources/showdown/index.ts'
import { readStaged, writeStaged } from '../staging.ts'
import { upsertTypeChart, upsertTypes } from '../types.repo.ts'

/** Load steps in order; tests name one in `faultAfter` to prove a mid-way failure changes nothing. */
export const LOAD_STEPS = [
  'types',
  'typeChart',
  'species',
  'pokemon',
  'moves',
  'learnsets',
  'provenance',
] as const
export type LoadStep = (typeof LOAD_STEPS)[number]

export interface LoadReport {
  runId: number
  counts: Record<LoadStep, number>
  changes: Record<LoadStep, number>
  rejects: number
  conflicts: number
  warnings: string[]
}

async function stagedExtracts(config: EtlConfig, dataDir: string, log: StageRuntime['log']) {
  const extracts: { extract: Extract; fetchedAt: string }[] = []
  const warnings: string[] = []
  for (const name of ['showdown', ...config.sources.filter((s) => s !== 'showdown')]) {
    // The offline base is re-extracted every time: it is deterministic and quick, and a staged
    // copy from an older checkout (older packages, older PokéAPI snapshot) would load stale data.
    let staged = name === 'showdown' ? undefined : await readStaged(dataDir, name)
    if (name === 'showdown') {
      staged = { extract: extractShowdown(), fetchedAt: new Date().toISOString() }
      await writeStaged(dataDir, staged.extract, staged.fetchedAt)
    }
    if (staged) extracts.push(staged)
    else {
      warnings.push(`${name}: nothing staged (run etl:extract); loaded without it`)
      log.warn(warnings.at(-1)!)
    }
  }
  return { extracts, warnings }
}

async function writeAll(
  tx: Db,
  data: Reconciled,
  fetchedAt: Map<string, string>,
  now: string,
  faultAfter?: LoadStep,
) {
  const changes = {} as Record<LoadStep, number>
  const step = async (name: LoadStep, fn: () => Promise<number>) => {
    changes[name] = await fn()
    if (faultAfter === name) throw new Error(`fault injected after ${name}`)
  }
  const joined = (entity: keyof Reconciled['provenance']) => (key: string) =>
    (data.provenance[entity].get(key) ?? []).join('+')
  const dex = new Map(data.species.map((s) => [s.slug, s.nationalDex]))
  const pokemon = pokemonIds(data.pokemon, (s) => dex.get(s) ?? 0)
  const existingMoves = new Map(
    (await tx.sql<{ slug: string; id: number }>`SELECT slug, id FROM moves`).map((r) => [r.slug, r.id]),
  )
  const moves = moveIds(data.moves, existingMoves)
  await step('types', () => upsertTypes(tx, data.types, joined('types')('normal') || 'showdown', now))
  await step('typeChart', () => upsertTypeChart(tx, data.typeChart, data.sources[0] ?? 'showdown', now))
  await step('species', () => writeSpecies(tx, data.species, joined('species'), now))
  await step('pokemon', () =>
    writePokemon(tx, data.pokemon, pokemon, (s) => dex.get(s) ?? 0, joined('pokemon'), now),
  )
  await step('moves', () => writeMoves(tx, data.moves, moves, joined('moves'), now))
  await step('learnsets', () =>
    syncLearnsets(tx, data.learnsets, { pokemon, move: moves }, data.sources, now),
  )
  await step('provenance', () =>
    upsertRows(tx, 'provenance', {
      key: ['entity', 'entity_key', 'source'],
      columns: ['entity', 'entity_key', 'source', 'fetched_at'],
      bookkeeping: ['fetched_at'],
      rows: (['species', 'pokemon', 'moves'] as const).flatMap((entity) =>
        [...data.provenance[entity].entries()].flatMap(([key, sources]) =>
          sources.map((s) => [entity, key, s, fetchedAt.get(s) ?? now]),
        ),
      ),
    }),
  )
  return changes
}

/**
 * Reconciles the staged extracts and writes them in ONE transaction: a failure anywhere leaves
 * every table as it was (the run is still recorded as failed, with its error).
 */
export async function runLoad(
  db: Db,
  config: EtlConfig,
  dataDir: string,
  runtime: Pick<StageRuntime, 'log'>,
  options: { faultAfter?: LoadStep } = {},
): Promise<LoadReport> {
  const { extracts, warnings } = await stagedExtracts(config, dataDir, runtime.log)
  const data = reconcile(extracts.map((e) => e.extract))
  const fetchedAt = new Map(extracts.map((e) => [e.extract.source, e.fetchedAt]))
  const now = new Date().toISOString()
  const runId = await startRun(db, data.sources, now)
  try {
    const counts: Record<LoadStep, number> = {
      types: data.types.length,
      typeChart: data.typeChart.length,
      species: data.species.length,
      pokemon: data.pokemon.length,
      moves: data.moves.length,
      learnsets: data.learnsets.length,
      provenance: (['species', 'pokemon', 'moves'] as const).reduce(
        (n, e) => n + [...data.provenance[e].values()].flat().length,
        0,
      ),
    }
    const allWarnings = [...warnings, ...data.warnings]
    // The run becomes `succeeded` in the same transaction as the data: readers key their caches on
    // the latest succeeded run, so a run killed mid-way (left `running` forever) changes nothing.
    const changes = await db.tx(async (tx) => {
      const result = await writeAll(tx, data, fetchedAt, now, options.faultAfter)
      await recordFindings(tx, runId, data.rejects, data.conflicts)
      await finishRun(tx, runId, { status: 'succeeded', counts, changes: result, warnings: allWarnings })
      return result
    })
    return {
      runId,
      counts,
      changes,
      rejects: data.rejects.length,
      conflicts: data.conflicts.length,
      warnings: allWarnings,
    }
  } catch (error) {
    await finishRun(db, runId, { status: 'failed', warnings, error: describeError(error) })
    throw error
  }
}

/** The end-of-run table: rows and real changes per table. */
export function formatLoadReport(report: LoadReport): string {
  const lines = LOAD_STEPS.map(
    (s) =>
      `  ${s.padEnd(12)} ${String(report.counts[s]).padStart(6)} rows  ${String(report.changes[s]).padStart(6)} changed`,
  )
  const total = LOAD_STEPS.reduce((n, s) => n + report.changes[s], 0)
  return [
    `etl:load run #${report.runId}: ${total} changes, ${report.rejects} rejects, ${report.conflicts} source disagreements, ${report.warnings.length} warnings`,
    ...lines,
  ].join('\n')
}

/**
 * `etl:load`: reconcile the staged extracts and load them (idempotent; one transaction).
 *
 * @example
 * bun run stage etl:load
 */
export function createLoadStage(deps: { db: Db; config: EtlConfig; dataDir: string }) {
  return defineStage({
    name: 'etl:load',
    description: 'Reconcile the staged sources and load them in one transaction (idempotent)',
    input: z.object({}).strict(),
    async run(_input, runtime) {
      const report = await runLoad(deps.db, deps.config, deps.dataDir, runtime)
      for (const table of LOAD_STEPS) {
        runtime.report(ETL_METRICS.rows, report.counts[table], { table })
        runtime.report(ETL_METRICS.rowsChanged, report.changes[table], { table })
      }
      runtime.report(ETL_METRICS.rejects, report.rejects)
      runtime.report(ETL_METRICS.conflicts, report.conflicts)
      runtime.report(ETL_METRICS.warnings, report.warnings.length)
      return formatLoadReport(report)
    },
  })
}
