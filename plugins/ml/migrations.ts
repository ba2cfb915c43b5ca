import { columnTypes, type Migration } from '../../core/db/migrate.ts'

/**
 * The local experiment store and model registry (always on; MLflow mirrors it when configured).
 * Model files live in MODELS_DIR/<dir>/; the database records versions, metrics and aliases.
 */
export const mlMigrations: readonly Migration[] = [
  {
    id: 'ml/0001_registry',
    up: (d) => {
      const { id, float } = columnTypes(d)
      return `
      CREATE TABLE ml_experiments (
        id ${id},
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );
      CREATE TABLE ml_runs (
        id ${id},
        experiment_id INTEGER NOT NULL REFERENCES ml_experiments(id),
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        params TEXT NOT NULL,
        metrics TEXT,
        tags TEXT,
        mlflow_run_id TEXT,
        error TEXT
      );
      CREATE TABLE ml_artifacts (
        run_id INTEGER NOT NULL REFERENCES ml_runs(id),
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        PRIMARY KEY (run_id, path)
      );
      CREATE TABLE ml_model_versions (
        version INTEGER PRIMARY KEY,
        run_id INTEGER REFERENCES ml_runs(id),
        dir TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        dataset_hash TEXT NOT NULL,
        test_log_loss ${float} NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE ml_aliases (
        alias TEXT PRIMARY KEY CHECK (alias IN ('champion', 'challenger')),
        version INTEGER NOT NULL REFERENCES ml_model_versions(version),
        updated_at TEXT NOT NULL
      );`
    },
  },
  {
    // The MLflow version each local version is mirrored as (null until mirrored), so alias changes
    // made here (ml:promote, a rollback) can be repeated there.
    id: 'ml/0002_mlflow_version',
    up: () => 'ALTER TABLE ml_model_versions ADD COLUMN mlflow_version TEXT;',
  },
]
