import { insertRows } from '../../../core/db/bulk.ts'
import type { Db } from '../../../core/db/port.ts'
import { sql } from '../../../core/db/sql.ts'
import type { Reject } from '../model.ts'
import type { Conflict } from '../reconcile/index.ts'

/** Opens an `etl_runs` row (outside the load transaction, so a failed run is still recorded). */
export async function startRun(db: Db, sources: readonly string[], now: string): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO etl_runs (started_at, status, sources) VALUES (${now}, 'running', ${sources.join(',')}) RETURNING id`,
  )
  return row!.id
}

export async function finishRun(
  db: Db,
  id: number,
  outcome: {
    status: 'succeeded' | 'failed'
    counts?: Record<string, number>
    changes?: Record<string, number>
    warnings?: readonly string[]
    error?: string
  },
): Promise<void> {
  await db.run(sql`
    UPDATE etl_runs SET finished_at = ${new Date().toISOString()}, status = ${outcome.status},
      counts = ${outcome.counts ? JSON.stringify(outcome.counts) : null},
      changes = ${outcome.changes ? JSON.stringify(outcome.changes) : null},
      warnings = ${JSON.stringify(outcome.warnings ?? [])},
      error = ${outcome.error ?? null}
    WHERE id = ${id}`)
}

/** Records the rows sources could not use and the disagreements between sources, for this run. */
export async function recordFindings(
  db: Db,
  runId: number,
  rejects: readonly Reject[],
  conflicts: readonly Conflict[],
) {
  await insertRows(
    db,
    'etl_rejects',
    ['run_id', 'source', 'locator', 'raw', 'reason'],
    rejects.map((r) => [runId, r.source, r.locator, r.raw.slice(0, 4000), r.reason]),
  )
  const text = (v: unknown) =>
    v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v)
  await insertRows(
    db,
    'etl_conflicts',
    [
      'run_id',
      'entity',
      'entity_key',
      'field',
      'chosen_source',
      'chosen_value',
      'other_source',
      'other_value',
    ],
    conflicts.map((c) => [
      runId,
      c.entity,
      c.key,
      c.field,
      c.chosenSource,
      text(c.chosenValue),
      c.otherSource,
      text(c.otherValue),
    ]),
  )
}

/** The latest run, for `/readyz`, the summary and tests. */
export async function lastRun(db: Db) {
  const [row] = await db.sql<{
    id: number
    status: string
    counts: string | null
    changes: string | null
    warnings: string | null
  }>`
    SELECT id, status, counts, changes, warnings FROM etl_runs ORDER BY id DESC LIMIT 1`
  return row
}
