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
  {
    id: 'etl/0002_pokedex',
    up: (d) => {
      const { float } = columnTypes(d)
      return `
      CREATE TABLE species (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name_en TEXT NOT NULL,
        name_fr TEXT,
        evolves_from_id INTEGER REFERENCES species(id) DEFERRABLE INITIALLY DEFERRED,
        evolution_trigger TEXT,
        evolution_level INTEGER,
        evolution_item TEXT,
        evolution_detail TEXT,
        flavor_en TEXT,
        flavor_fr TEXT,
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE pokemon (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        species_id INTEGER NOT NULL REFERENCES species(id),
        form TEXT NOT NULL CHECK (form IN ('base', 'alola', 'mega', 'partner')),
        name_en TEXT NOT NULL,
        name_fr TEXT,
        type1_id INTEGER NOT NULL REFERENCES types(id),
        type2_id INTEGER REFERENCES types(id),
        hp INTEGER NOT NULL, atk INTEGER NOT NULL, def INTEGER NOT NULL,
        spa INTEGER NOT NULL, spd INTEGER NOT NULL, spe INTEGER NOT NULL,
        height_m ${float},
        weight_kg ${float},
        sprite_front TEXT,
        sprite_shiny TEXT,
        sprite_artwork TEXT,
        showdown_id TEXT,
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX pokemon_species ON pokemon (species_id);
      CREATE TABLE moves (
        id INTEGER PRIMARY KEY,
        slug TEXT NOT NULL UNIQUE,
        name_en TEXT NOT NULL,
        name_fr TEXT,
        type_id INTEGER NOT NULL REFERENCES types(id),
        category TEXT NOT NULL CHECK (category IN ('physical', 'special', 'status')),
        power INTEGER,
        accuracy INTEGER,
        pp INTEGER NOT NULL,
        priority INTEGER NOT NULL,
        crit_ratio INTEGER NOT NULL,
        always_crit INTEGER NOT NULL,
        multi_hit_min INTEGER,
        multi_hit_max INTEGER,
        recoil ${float},
        drain ${float},
        effect_class TEXT NOT NULL,
        secondary TEXT,
        description_en TEXT,
        description_fr TEXT,
        showdown_id TEXT,
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE learnsets (
        pokemon_id INTEGER NOT NULL REFERENCES pokemon(id),
        move_id INTEGER NOT NULL REFERENCES moves(id),
        method TEXT NOT NULL CHECK (method IN ('level-up', 'start', 'evolution', 'tm', 'tutor', 'inherited')),
        level INTEGER,
        tm INTEGER,
        ancestor_id INTEGER REFERENCES pokemon(id),
        entry_key TEXT NOT NULL,
        source TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (pokemon_id, entry_key)
      );
      CREATE INDEX learnsets_move ON learnsets (move_id);
      CREATE TABLE provenance (
        entity TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        source TEXT NOT NULL,
        fetched_at TEXT NOT NULL,
        PRIMARY KEY (entity, entity_key, source)
      );
      CREATE TABLE etl_runs (
        id ${columnTypes(d).id},
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        sources TEXT NOT NULL,
        counts TEXT,
        changes TEXT,
        warnings TEXT,
        error TEXT
      );
      CREATE TABLE etl_rejects (
        id ${columnTypes(d).id},
        run_id INTEGER NOT NULL REFERENCES etl_runs(id),
        source TEXT NOT NULL,
        locator TEXT NOT NULL,
        raw TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE TABLE etl_conflicts (
        id ${columnTypes(d).id},
        run_id INTEGER NOT NULL REFERENCES etl_runs(id),
        entity TEXT NOT NULL,
        entity_key TEXT NOT NULL,
        field TEXT NOT NULL,
        chosen_source TEXT NOT NULL,
        chosen_value TEXT,
        other_source TEXT NOT NULL,
        other_value TEXT
      );`
    },
  },
]
