import type { Db } from '../../../core/db/port.ts'
import { KernelError } from '../../../core/errors.ts'
import { defineStage } from '../../../core/stages.ts'
import { countTypes } from '../types.repo.ts'

/** One quality gate: what was expected, what was found. */
export interface GateResult {
  gate: string
  expected: string
  actual: string
  ok: boolean
}

/** Runs the quality gates on the loaded database. */
export async function runGates(db: Db): Promise<GateResult[]> {
  const { types, cells } = await countTypes(db)
  const [orphans] = await db.sql<{ n: number }>`
    SELECT count(*) AS n FROM type_chart c
    WHERE NOT EXISTS (SELECT 1 FROM types t WHERE t.id = c.attacking_id)
       OR NOT EXISTS (SELECT 1 FROM types t WHERE t.id = c.defending_id)`
  return [
    { gate: 'types', expected: '18', actual: String(types), ok: types === 18 },
    { gate: 'type chart cells', expected: '324', actual: String(cells), ok: cells === 324 },
    { gate: 'chart orphans', expected: '0', actual: String(orphans?.n ?? 0), ok: (orphans?.n ?? 0) === 0 },
  ]
}

/** Renders gate results as an aligned table. */
export function formatGates(results: readonly GateResult[]): string {
  return results
    .map(
      (r) =>
        `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.gate.padEnd(28)} expected ${r.expected.padEnd(8)} found ${r.actual}`,
    )
    .join('\n')
}

/**
 * `etl:verify`: the quality gates; fails the run (exit 1) with the table when any gate breaks.
 *
 * @example
 * bun run stage etl:verify
 */
export function createVerifyStage(deps: { db: Db }) {
  return defineStage({
    name: 'etl:verify',
    description: 'Quality gates on the loaded database',
    async run() {
      const results = await runGates(deps.db)
      const table = formatGates(results)
      if (results.some((r) => !r.ok))
        throw new KernelError('ETL_GATES_FAILED', `quality gates failed:\n${table}`)
      return `etl:verify: all ${results.length} gates pass\n${table}`
    },
  })
}
