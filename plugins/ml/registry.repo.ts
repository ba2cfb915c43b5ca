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

/**
 * Registers a model directory (idempotent by dir); returns its version number. Two processes may
 * register the same folder at once (the API and the trainer both start with the shipped champion):
 * the loser of the insert finds the winner's row and returns it.
 */
export async function registerVersion(db: Db, v: Omit<ModelVersionRow, 'version'>): Promise<number> {
  const existing = async () =>
    (await db.sql<{ version: number }>`SELECT version FROM ml_model_versions WHERE dir = ${v.dir}`)[0]
      ?.version
  const found = await existing()
  if (found !== undefined) return found
  const [next] = await db.sql<{ n: number }>`SELECT COALESCE(max(version), 0) + 1 AS n FROM ml_model_versions`
  try {
    await db.run(sql`
      INSERT INTO ml_model_versions (version, run_id, dir, sha256, dataset_hash, test_log_loss, created_at)
      VALUES (${next!.n}, ${v.run_id}, ${v.dir}, ${v.sha256}, ${v.dataset_hash}, ${v.test_log_loss}, ${v.created_at})`)
  } catch (error) {
    const raced = await existing()
    if (raced !== undefined) return raced
    throw error
  }
  return next!.n
}

/** Records which MLflow model version mirrors local `version`. */
export async function setMlflowVersion(db: Db, version: number, mlflowVersion: string): Promise<void> {
  await db.run(sql`UPDATE ml_model_versions SET mlflow_version = ${mlflowVersion} WHERE version = ${version}`)
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

/** A registered version with every alias that points at it (sorted) and its MLflow twin. */
export interface ListedVersion extends ModelVersionRow {
  aliases: Alias[]
  mlflow_version: string | null
}

/**
 * Every registered version, oldest first, each with all of its aliases (one version can be both
 * champion and challenger, e.g. right after a challenger is promoted by hand).
 */
export async function listVersions(db: Db): Promise<ListedVersion[]> {
  const versions = await db.sql<ModelVersionRow & { mlflow_version: string | null }>`
    SELECT version, run_id, dir, sha256, dataset_hash, test_log_loss, created_at, mlflow_version
    FROM ml_model_versions ORDER BY version`
  const aliases = await db.sql<{
    alias: Alias
    version: number
  }>`SELECT alias, version FROM ml_aliases ORDER BY alias`
  return versions.map((v) => ({
    ...v,
    aliases: aliases.filter((a) => a.version === v.version).map((a) => a.alias),
  }))
}
