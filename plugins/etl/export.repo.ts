import type { Db } from '../../core/db/port.ts'

/**
 * The rows `etl:export` writes, with the documented column names (docs/data.md). Types are
 * lower-case English slugs; learnset levels are empty for methods without a level.
 */
export async function exportTables(
  db: Db,
): Promise<Record<'pokemon' | 'moves' | 'learnsets' | 'type_chart', Record<string, unknown>[]>> {
  const pokemon = await db.sql`
    SELECT p.slug, s.id AS national_dex, p.name_en, p.name_fr, p.form, t1.slug AS type1, t2.slug AS type2,
           p.hp, p.atk, p.def, p.spa, p.spd, p.spe, p.height_m, p.weight_kg, p.sprite_front
    FROM pokemon p JOIN species s ON s.id = p.species_id
    JOIN types t1 ON t1.id = p.type1_id LEFT JOIN types t2 ON t2.id = p.type2_id
    ORDER BY p.id`
  const moves = await db.sql`
    SELECT m.slug, m.name_en, m.name_fr, t.slug AS type, m.category, m.power, m.accuracy, m.pp, m.priority,
           m.effect_class, m.always_crit, m.crit_ratio
    FROM moves m JOIN types t ON t.id = m.type_id ORDER BY m.id`
  const learnsets = await db.sql`
    SELECT p.slug AS pokemon_slug, m.slug AS move_slug, l.method, l.level, l.tm, a.slug AS ancestor_slug
    FROM learnsets l JOIN pokemon p ON p.id = l.pokemon_id JOIN moves m ON m.id = l.move_id
    LEFT JOIN pokemon a ON a.id = l.ancestor_id
    ORDER BY p.id, l.method, l.level, m.slug`
  const typeChart = await db.sql`
    SELECT a.slug AS attacking, d.slug AS defending, c.multiplier
    FROM type_chart c JOIN types a ON a.id = c.attacking_id JOIN types d ON d.id = c.defending_id
    ORDER BY a.id, d.id`
  return { pokemon, moves, learnsets, type_chart: typeChart }
}
