import { insertRows, upsertRows } from '../../core/db/bulk.ts'
import type { Db } from '../../core/db/port.ts'
import { sql } from '../../core/db/sql.ts'

export type Alias = 'champion' | 'challenger'

export interface ModelVersionRow {
  version: number
  run_id: number | null
  dir: string
  sha256: string
  dataset_hash: string
  test_log_loss: number
  created_at: string
}

/** Experiments, runs and artifacts: the always-on local tracking store. */
export async function startTrackedRun(
  db: Db,
  experiment: string,
  name: string,
  params: Record<string, unknown>,
): Promise<number> {
  const now = new Date().toISOString()
  await upsertRows(db, 'ml_experiments', {
    key: ['name'],
    columns: ['name', 'created_at'],
    bookkeeping: ['created_at'],
    rows: [[experiment, now]],
  })
  const [exp] = await db.sql<{ id: number }>`SELECT id FROM ml_experiments WHERE name = ${experiment}`
  const [run] = await db.query<{ id: number }>(
    sql`INSERT INTO ml_runs (experiment_id, name, status, started_at, params) VALUES (${exp!.id}, ${name}, 'running', ${now}, ${JSON.stringify(params)}) RETURNING id`,
  )
  return run!.id
}

export async function finishTrackedRun(
  db: Db,
  runId: number,
  outcome: {
    status: 'finished' | 'failed'
    metrics?: Record<string, number>
    tags?: Record<string, string>
    mlflowRunId?: string
    error?: string
  },
): Promise<void> {
  await db.run(sql`
    UPDATE ml_runs SET status = ${outcome.status}, finished_at = ${new Date().toISOString()},
      metrics = ${outcome.metrics ? JSON.stringify(outcome.metrics) : null}, tags = ${outcome.tags ? JSON.stringify(outcome.tags) : null},
      mlflow_run_id = ${outcome.mlflowRunId ?? null}, error = ${outcome.error ?? null}
    WHERE id = ${runId}`)
}

export async function recordArtifacts(
  db: Db,
  runId: number,
  artifacts: readonly { path: string; sha256: string; bytes: number }[],
) {
  await insertRows(
    db,
    'ml_artifacts',
    ['run_id', 'path', 'sha256', 'bytes'],
    artifacts.map((a) => [runId, a.path, a.sha256, a.bytes]),
  )
}

/** Registers a model directory (idempotent by dir); returns its version number. */
export async function registerVersion(db: Db, v: Omit<ModelVersionRow, 'version'>): Promise<number> {
  const [existing] = await db.sql<{
    version: number
  }>`SELECT version FROM ml_model_versions WHERE dir = ${v.dir}`
  if (existing) return existing.version
  const [next] = await db.sql<{ n: number }>`SELECT COALESCE(max(version), 0) + 1 AS n FROM ml_model_versions`
  await db.run(sql`
    INSERT INTO ml_model_versions (version, run_id, dir, sha256, dataset_hash, test_log_loss, created_at)
    VALUES (${next!.n}, ${v.run_id}, ${v.dir}, ${v.sha256}, ${v.dataset_hash}, ${v.test_log_loss}, ${v.created_at})`)
  return next!.n
}

export async function setAlias(db: Db, alias: Alias, version: number): Promise<void> {
  await upsertRows(db, 'ml_aliases', {
    key: ['alias'],
    columns: ['alias', 'version', 'updated_at'],
    bookkeeping: ['updated_at'],
    rows: [[alias, version, new Date().toISOString()]],
  })
}

export async function versionByAlias(db: Db, alias: Alias): Promise<ModelVersionRow | undefined> {
  const [row] = await db.sql<ModelVersionRow>`
    SELECT v.version, v.run_id, v.dir, v.sha256, v.dataset_hash, v.test_log_loss, v.created_at
    FROM ml_aliases a JOIN ml_model_versions v ON v.version = a.version WHERE a.alias = ${alias}`
  return row
}

/** Every registered version with all of its aliases (a version can be champion and challenger). */
export async function listVersions(db: Db): Promise<(ModelVersionRow & { aliases: string[] })[]> {
  const versions = await db.sql<ModelVersionRow>`
    SELECT v.version, v.run_id, v.dir, v.sha256, v.dataset_hash, v.test_log_loss, v.created_at
    FROM ml_model_versions v ORDER BY v.version`
  const aliases = await db.sql<{ alias: string; version: number }>`
    SELECT alias, version FROM ml_aliases ORDER BY alias`
  return versions.map((v) => ({
    ...v,
    aliases: aliases.filter((a) => a.version === v.version).map((a) => a.alias),
  }))
}
