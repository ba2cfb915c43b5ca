import type { Db } from '../../../core/db/port.ts'
import { KernelError } from '../../../core/errors.ts'
import { defineStage } from '../../../core/stages.ts'
import { ETL_METRICS } from '../metrics.ts'
import { countTypes } from '../types.repo.ts'

/** One quality gate: what was expected, what was found. */
export interface GateResult {
  gate: string
  expected: string
  actual: string
  ok: boolean
}

/** Forms whose LGPE learnset has no damaging move at all (Ditto only knows Transform). */
export const NO_DAMAGING_MOVE = ['ditto'] as const

const count = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0

/** Runs the quality gates on the loaded database. */
export async function runGates(db: Db): Promise<GateResult[]> {
  const { types, cells } = await countTypes(db)
  const forms = await count(db.sql`SELECT count(*) AS n FROM pokemon`)
  const species = await count(db.sql`SELECT count(*) AS n FROM species`)
  const moves = await count(db.sql`SELECT count(*) AS n FROM moves`)
  const badTypes = await db.sql<{ slug: string }>`
    SELECT slug FROM pokemon WHERE type1_id IS NULL OR type1_id = type2_id ORDER BY slug`
  const badStats = await db.sql<{ slug: string }>`
    SELECT slug FROM pokemon
    WHERE hp NOT BETWEEN 1 AND 255 OR atk NOT BETWEEN 1 AND 255 OR def NOT BETWEEN 1 AND 255
       OR spa NOT BETWEEN 1 AND 255 OR spd NOT BETWEEN 1 AND 255 OR spe NOT BETWEEN 1 AND 255 ORDER BY slug`
  const noDamaging = (
    await db.sql<{ slug: string }>`
    SELECT p.slug FROM pokemon p
    WHERE NOT EXISTS (
      SELECT 1 FROM learnsets l JOIN moves m ON m.id = l.move_id
      WHERE l.pokemon_id = p.id AND m.category <> 'status')
    ORDER BY p.slug`
  ).map((r) => r.slug)
  const orphans =
    (await count(
      db.sql`SELECT count(*) AS n FROM type_chart c WHERE NOT EXISTS (SELECT 1 FROM types t WHERE t.id = c.attacking_id) OR NOT EXISTS (SELECT 1 FROM types t WHERE t.id = c.defending_id)`,
    )) +
    (await count(
      db.sql`SELECT count(*) AS n FROM pokemon p WHERE NOT EXISTS (SELECT 1 FROM species s WHERE s.id = p.species_id)`,
    )) +
    (await count(
      db.sql`SELECT count(*) AS n FROM learnsets l WHERE NOT EXISTS (SELECT 1 FROM pokemon p WHERE p.id = l.pokemon_id) OR NOT EXISTS (SELECT 1 FROM moves m WHERE m.id = l.move_id)`,
    ))
  const noLearnset = (
    await db.sql<{ slug: string }>`
    SELECT slug FROM pokemon p WHERE NOT EXISTS (SELECT 1 FROM learnsets l WHERE l.pokemon_id = p.id) ORDER BY slug`
  ).map((r) => r.slug)
  const list = (items: readonly string[]) => (items.length === 0 ? 'none' : items.join(', '))
  return [
    { gate: 'battle forms', expected: '188', actual: String(forms), ok: forms === 188 },
    { gate: 'species', expected: '153', actual: String(species), ok: species === 153 },
    { gate: 'moves', expected: '226', actual: String(moves), ok: moves === 226 },
    { gate: 'types', expected: '18', actual: String(types), ok: types === 18 },
    { gate: 'type chart cells', expected: '324', actual: String(cells), ok: cells === 324 },
    {
      gate: 'forms with 1–2 distinct types',
      expected: 'all',
      actual: `bad: ${list(badTypes.map((r) => r.slug))}`,
      ok: badTypes.length === 0,
    },
    {
      gate: 'forms with 6 stats in 1–255',
      expected: 'all',
      actual: `bad: ${list(badStats.map((r) => r.slug))}`,
      ok: badStats.length === 0,
    },
    {
      gate: 'forms with a learnset',
      expected: 'all',
      actual: `missing: ${list(noLearnset)}`,
      ok: noLearnset.length === 0,
    },
    {
      gate: 'forms with no damaging move',
      expected: list(NO_DAMAGING_MOVE),
      actual: list(noDamaging),
      ok: list(noDamaging) === list(NO_DAMAGING_MOVE),
    },
    { gate: 'orphan rows', expected: '0', actual: String(orphans), ok: orphans === 0 },
  ]
}

/** Renders gate results as an aligned table. */
export function formatGates(results: readonly GateResult[]): string {
  return results
    .map(
      (r) =>
        `  ${r.ok ? 'ok  ' : 'FAIL'} ${r.gate.padEnd(30)} expected ${r.expected.padEnd(6)} found ${r.actual}`,
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
    async run(_input, runtime) {
      const results = await runGates(deps.db)
      runtime.report(ETL_METRICS.gatesFailed, results.filter((r) => !r.ok).length)
      const table = formatGates(results)
      if (results.some((r) => !r.ok))
        throw new KernelError('ETL_GATES_FAILED', `quality gates failed:\n${table}`)
      return `etl:verify: all ${results.length} gates pass\n${table}`
    },
  })
}
