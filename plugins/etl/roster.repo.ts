import type { FormRow, MoveRow, Roster } from '../../core/contracts/pokedex.ts'
import type { Db } from '../../core/db/port.ts'

/**
 * Reads the battle roster: every form with stats and types, every move, who can use what, and the
 * type chart. Four queries, a few thousand rows: cheap enough to read once per stage or per model.
 */
export async function readRoster(db: Db): Promise<Roster> {
  const forms = await db.sql<Omit<FormRow, 'types'> & { type1: string; type2: string | null }>`
    SELECT p.id, p.slug, p.species_id, p.form, p.name_en, p.name_fr, t1.slug AS type1, t2.slug AS type2,
           p.hp, p.atk, p.def, p.spa, p.spd, p.spe, p.showdown_id
    FROM pokemon p JOIN types t1 ON t1.id = p.type1_id LEFT JOIN types t2 ON t2.id = p.type2_id
    ORDER BY p.id`
  const moves = await db.sql<Omit<MoveRow, 'always_crit'> & { always_crit: number }>`
    SELECT m.id, m.slug, m.name_en, m.name_fr, t.slug AS type, m.category, m.power, m.accuracy, m.pp, m.priority,
           m.crit_ratio, m.always_crit, m.multi_hit_min, m.multi_hit_max, m.effect_class, m.showdown_id
    FROM moves m JOIN types t ON t.id = m.type_id ORDER BY m.id`
  const pairs = await db.sql<{ pokemon: string; move: string }>`
    SELECT DISTINCT p.slug AS pokemon, m.slug AS move
    FROM learnsets l JOIN pokemon p ON p.id = l.pokemon_id JOIN moves m ON m.id = l.move_id
    ORDER BY p.slug, m.slug`
  const chart = await db.sql<{ a: string; d: string; m: number }>`
    SELECT a.slug AS a, d.slug AS d, c.multiplier AS m
    FROM type_chart c JOIN types a ON a.id = c.attacking_id JOIN types d ON d.id = c.defending_id`
  const learnable = new Map<string, string[]>()
  for (const { pokemon, move } of pairs) learnable.set(pokemon, [...(learnable.get(pokemon) ?? []), move])
  return {
    forms: forms.map(({ type1, type2, ...f }) => ({ ...f, types: type2 ? [type1, type2] : [type1] })),
    moves: moves.map((m) => ({ ...m, always_crit: m.always_crit === 1 })),
    learnable,
    chart: chart.map((c) => [c.a, c.d, c.m]),
  }
}
