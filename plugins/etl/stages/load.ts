import type { Db } from '../../../core/db/port.ts'
import type { Logger } from '../../../core/log.ts'
import { defineStage } from '../../../core/stages.ts'
import { extractShowdown } from '../sources/showdown/index.ts'
import { upsertTypeChart, upsertTypes } from '../types.repo.ts'

/**
 * `etl:load`: extracts the offline Showdown data and loads it in one transaction, so a failure
 * leaves the previous data untouched, and a re-run of a complete load changes 0 rows.
 *
 * @example
 * bun run stage etl:load
 */
export function createLoadStage(deps: { db: Db; log: Logger }) {
  return defineStage({
    name: 'etl:load',
    description: 'Extract the offline LGPE data and load it (idempotent)',
    async run() {
      const started = performance.now()
      const extract = extractShowdown()
      const now = new Date().toISOString()
      const changes = await deps.db.tx(async (tx) => ({
        types: await upsertTypes(tx, extract.types ?? [], extract.source, now),
        typeChart: await upsertTypeChart(tx, extract.typeChart ?? [], extract.source, now),
      }))
      const seconds = ((performance.now() - started) / 1000).toFixed(2)
      return `etl:load: ${extract.types?.length ?? 0} types (${changes.types} changed), ${extract.typeChart?.length ?? 0} chart cells (${changes.typeChart} changed) in ${seconds}s`
    },
  })
}
