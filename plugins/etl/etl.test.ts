import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kernel } from '../../core/kernel.ts'
import { createTestKernel, notePostgresSkipped, testEngines } from '../../testing/kernel.ts'
import { etlConfig } from './config.ts'
import { etlPlugin } from './index.ts'
import { runLoad } from './stages/load.ts'

notePostgresSkipped()

const config = etlConfig.parse({})

for (const engine of testEngines()) {
  describe(`ETL on ${engine}`, () => {
    let kernel: Kernel
    let dataDir: string
    const runtime = () => ({ log: kernel.log, tty: false, signal: new AbortController().signal })
    const one = async <T>(query: Promise<T[]>) => (await query)[0]!
    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'pdx-etl-'))
      kernel = await createTestKernel({ plugins: [etlPlugin], engine, env: { DATA_DIR: dataDir } })
      for (const stage of ['etl:extract', 'etl:load', 'etl:verify'])
        await kernel.stages.run(stage, stage === 'etl:extract' ? { force: false } : {}, runtime())
    })
    afterAll(() => kernel.stop())

    test('Partner Pikachu learns Zippy Zap: 50 BP, +2 priority, always crits', async () => {
      const row = await one(kernel.db.sql<Record<string, unknown>>`
        SELECT m.power, m.priority, m.always_crit, m.pp, l.method FROM learnsets l
        JOIN pokemon p ON p.id = l.pokemon_id JOIN moves m ON m.id = l.move_id
        WHERE p.slug = 'pikachu-starter' AND m.slug = 'zippy-zap'`)
      expect(row).toEqual({ power: 50, priority: 2, always_crit: 1, pp: 15, method: 'tutor' })
    })

    test('forms have their LGPE types and numbers', async () => {
      const types = (slug: string) =>
        one(kernel.db.sql<{ t1: string; t2: string | null }>`
          SELECT t1.slug AS t1, t2.slug AS t2 FROM pokemon p JOIN types t1 ON t1.id = p.type1_id
          LEFT JOIN types t2 ON t2.id = p.type2_id WHERE p.slug = ${slug}`)
      expect(await types('raichu-alola')).toEqual({ t1: 'electric', t2: 'psychic' })
      expect(await types('charizard-mega-x')).toEqual({ t1: 'fire', t2: 'dragon' })
      const melmetal = await one(
        kernel.db.sql<{
          id: number
          species_id: number
        }>`SELECT id, species_id FROM pokemon WHERE slug = 'melmetal'`,
      )
      expect(melmetal).toEqual({ id: 809, species_id: 809 })
      expect(
        (await one(kernel.db.sql<{ id: number }>`SELECT id FROM pokemon WHERE slug = 'pikachu'`)).id,
      ).toBe(25)
    })

    test('moves carry LGPE values, not today’s', async () => {
      const power = async (slug: string) =>
        (await one(kernel.db.sql<{ power: number }>`SELECT power FROM moves WHERE slug = ${slug}`)).power
      expect(await power('absorb')).toBe(40)
      expect(await power('solar-beam')).toBe(200)
      expect(await power('mega-drain')).toBe(75)
      expect(
        (await one(kernel.db.sql<{ priority: number }>`SELECT priority FROM moves WHERE slug = 'teleport'`))
          .priority,
      ).toBe(-6)
    })

    test('a move learned at two levels keeps both entries', async () => {
      const rows = await kernel.db.sql<{ method: string; level: number }>`
        SELECT l.method, l.level FROM learnsets l JOIN pokemon p ON p.id = l.pokemon_id JOIN moves m ON m.id = l.move_id
        WHERE p.slug = 'ivysaur' AND m.slug = 'leech-seed' ORDER BY l.level`
      expect(rows).toEqual([
        { method: 'start', level: 0 },
        { method: 'level-up', level: 9 },
      ])
    })

    test('pre-evolution moves are inherited with their ancestor; Megas get their base learnset', async () => {
      const inherited = await one(kernel.db.sql<{ ancestor: string }>`
        SELECT a.slug AS ancestor FROM learnsets l JOIN pokemon p ON p.id = l.pokemon_id
        JOIN moves m ON m.id = l.move_id JOIN pokemon a ON a.id = l.ancestor_id
        WHERE p.slug = 'butterfree' AND m.slug = 'string-shot' AND l.method = 'inherited'`)
      expect(inherited.ancestor).toBe('caterpie')
      const counts = await kernel.db.sql<{ slug: string; n: number }>`
        SELECT p.slug, count(*) AS n FROM learnsets l JOIN pokemon p ON p.id = l.pokemon_id
        WHERE p.slug IN ('charizard', 'charizard-mega-x') GROUP BY p.slug ORDER BY p.slug`
      expect(counts[0]!.n).toBeGreaterThan(20)
      expect(counts[1]!.n).toBe(counts[0]!.n)
    })

    test('a second load reports 0 changes and identical counts', async () => {
      const report = await runLoad(kernel.db, config, dataDir, runtime())
      expect(Object.values(report.changes).every((n) => n === 0)).toBe(true)
      expect(report.counts).toMatchObject({
        pokemon: 188,
        species: 153,
        moves: 226,
        types: 18,
        typeChart: 324,
      })
    })

    test('a load that fails mid-way leaves every table as it was, records the failure, and a re-run completes', async () => {
      const before = await kernel.db.sql`SELECT count(*) AS n, max(updated_at) AS at FROM learnsets`
      await kernel.db.tx(async (tx) => {
        await tx.sql`DELETE FROM learnsets WHERE pokemon_id = 25`
        await tx.sql`UPDATE moves SET power = 41 WHERE slug = 'absorb'`
      })
      await expect(runLoad(kernel.db, config, dataDir, runtime(), { faultAfter: 'moves' })).rejects.toThrow(
        'fault injected after moves',
      )
      const absorb = await one(
        kernel.db.sql<{ power: number }>`SELECT power FROM moves WHERE slug = 'absorb'`,
      )
      expect(absorb.power).toBe(41)
      const failed = await one(
        kernel.db.sql<{
          status: string
          error: string
        }>`SELECT status, error FROM etl_runs ORDER BY id DESC LIMIT 1`,
      )
      expect(failed.status).toBe('failed')
      expect(failed.error).toContain('fault injected after moves')
      const repaired = await runLoad(kernel.db, config, dataDir, runtime())
      expect(repaired.changes.moves).toBe(1)
      expect(repaired.changes.learnsets).toBeGreaterThan(10)
      expect((await kernel.db.sql`SELECT count(*) AS n FROM learnsets`)[0]).toEqual({
        n: (before[0] as { n: number }).n,
      })
    })

    test('enrichment a source cannot supply this run is never nulled', async () => {
      await kernel.db.sql`UPDATE moves SET name_fr = 'Vive-Attaque' WHERE slug = 'quick-attack'`
      const report = await runLoad(kernel.db, config, dataDir, runtime())
      expect(report.changes.moves).toBe(0)
      expect(
        (await one(kernel.db.sql<{ name_fr: string }>`SELECT name_fr FROM moves WHERE slug = 'quick-attack'`))
          .name_fr,
      ).toBe('Vive-Attaque')
    })

    test('etl:export writes the four files with the documented columns', async () => {
      const out = mkdtempSync(join(tmpdir(), 'pdx-export-'))
      await kernel.stages.run('etl:export', { out, format: 'csv' }, runtime())
      const header = (name: string) =>
        readFileSync(join(out, `${name}.csv`), 'utf8')
          .split('\n')[0]!
          .split(',')
      expect(header('pokemon').slice(0, 13)).toEqual(
        'slug,national_dex,name_en,name_fr,form,type1,type2,hp,atk,def,spa,spd,spe'.split(','),
      )
      expect(header('moves').slice(0, 9)).toEqual(
        'slug,name_en,name_fr,type,category,power,accuracy,pp,priority'.split(','),
      )
      expect(header('learnsets').slice(0, 4)).toEqual(['pokemon_slug', 'move_slug', 'method', 'level'])
      expect(header('type_chart')).toEqual(['attacking', 'defending', 'multiplier'])
      const chart = readFileSync(join(out, 'type_chart.csv'), 'utf8').trim().split('\n')
      expect(chart).toHaveLength(325)
      expect(chart).toContain('normal,ghost,0')
      await kernel.stages.run('etl:export', { out, format: 'json' }, runtime())
      expect(JSON.parse(readFileSync(join(out, 'pokemon.json'), 'utf8'))).toHaveLength(188)
    })

    test('a broken gate fails etl:verify with the table', async () => {
      await kernel.db.sql`UPDATE pokemon SET hp = 0 WHERE slug = 'pikachu'`
      await expect(kernel.stages.run('etl:verify', {}, runtime())).rejects.toMatchObject({
        cause: { code: 'ETL_GATES_FAILED' },
      })
      await kernel.db.sql`UPDATE pokemon SET hp = 35 WHERE slug = 'pikachu'`
    })
  })
}
