import { columnTypes, type Migration } from '../../core/db/migrate.ts'

/**
 * The ETL's schema, as numbered migrations. Type ids are PokéAPI's (normal 1 … fairy 18) so ids
 * mean the same thing here, in PokéAPI and in the predecessor's data.
 */
export const etlMigrations: readonly Migration[] = [
  {
    id: 'etl/0001_types',
    up: (d) => `
      CREATE TABLE types (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name_en TEXT NOT NULL,
        name_fr TEXT NOT NULL,
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE type_chart (
        attacking_id INTEGER NOT NULL REFERENCES types(id),
        defending_id INTEGER NOT NULL REFERENCES types(id),
        multiplier ${columnTypes(d).float} NOT NULL CHECK (multiplier IN (0, 0.5, 1, 2)),
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (attacking_id, defending_id)
      );`,
  },
]
