import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { Db } from '../../core/db/port.ts'
import { sql } from '../../core/db/sql.ts'
import { KernelError } from '../../core/errors.ts'
import type { Kernel } from '../../core/kernel.ts'
import { createTestKernel, notePostgresSkipped, testEngines } from '../../testing/kernel.ts'
import { loadedPokedexFile } from '../../testing/pokedex-db.ts'
import { etlPlugin } from './index.ts'
import { createCatalogueReader, readCatalogue } from './pokedex-read.repo.ts'
import { finishRun, startRun } from './repo/runs.repo.ts'

notePostgresSkipped()

const runtime = (kernel: Kernel) => ({ log: kernel.log, tty: false, signal: new AbortController().signal })

for (const engine of testEngines()) {
  describe(`Pokédex catalogue on ${engine}`, () => {
    let kernel: Kernel
    beforeAll(async () => {
      kernel = await createTestKernel({ plugins: [etlPlugin], engine })
      await kernel.stages.run('etl:load', {}, runtime(kernel))
    })
    afterAll(() => kernel.stop())

    test('reads every table with derived ranks, weaknesses and indexes, frozen', async () => {
      const c = await readCatalogue(kernel.db)
      expect([c.types.length, c.chart.length, c.species.length, c.pokemon.length, c.moves.length]).toEqual([
        18, 324, 153, 188, 226,
      ])
      expect(c.pokemon.every((p) => (c.learnsetByPokemon.get(p.id)?.length ?? 0) > 0)).toBe(true)
      const pikachu = c.pokemonBySlug.get('pikachu')!
      expect(pikachu).toMatchObject({ id: 25, species_id: 25, type_ids: [13] })
      expect(pikachu.stats.total).toBe(320)
      const faster = c.pokemon.filter((p) => p.stats.spe > pikachu.stats.spe).length
      expect(pikachu.stat_rank.spe).toBe(faster + 1)
      expect(pikachu.weaknesses.map((w) => w.multiplier)).toHaveLength(18)
      expect(pikachu.weaknesses.find((w) => w.type_id === 5)?.multiplier).toBe(2)
      expect(c.moveBySlug.get('zippy-zap')).toMatchObject({ id: 729, always_crit: true, priority: 2 })
      expect(c.learnersByMove.get(729)?.map((l) => [l.pokemon_id, l.method])).toEqual([[10009, 'tutor']])
      expect(Object.isFrozen(c.pokemon)).toBe(true)
      expect(Object.isFrozen(pikachu.stats)).toBe(true)
      expect(Object.isFrozen(c.learnsetByPokemon.get(25))).toBe(true)
    })

    test('the reader caches until a new ETL run commits; a killed run left `running` keeps the cache', async () => {
      const catalogue = createCatalogueReader(kernel.db)
      const [a, b] = await Promise.all([catalogue(), catalogue()])
      expect(b).toBe(a)
      expect(await catalogue()).toBe(a)

      // An ETL killed with SIGKILL after opening its run: the row stays `running` forever and is
      // the newest one. The data did not change, so the cache stays (it was off: issue 13, #1).
      await startRun(kernel.db, ['killed'], new Date().toISOString())
      expect(await catalogue()).toBe(a)
      expect(await catalogue()).toBe(a)

      // A run that commits changes the key with its data, in one transaction.
      const runId = await startRun(kernel.db, ['test'], new Date().toISOString())
      await kernel.db.tx(async (tx) => {
        await tx.run(sql`UPDATE pokemon SET name_fr = ${'Pikachu (test)'} WHERE id = 25`)
        await finishRun(tx, runId, { status: 'succeeded' })
      })
      const after = await catalogue()
      expect(after).not.toBe(a)
      expect(after.pokemonById.get(25)?.name_fr).toBe('Pikachu (test)')
      expect(await catalogue()).toBe(after)

      await kernel.stages.run('etl:load', {}, runtime(kernel))
      const reloaded = await catalogue()
      expect(reloaded).not.toBe(after)
      expect(reloaded.pokemonById.get(25)?.name_fr).toBe('Pikachu')
      expect(reloaded.pokemon).toHaveLength(188)
    })
  })
}

describe('Pokédex catalogue with the database down', () => {
  let kernel: Kernel
  beforeAll(async () => {
    kernel = await createTestKernel({
      plugins: [etlPlugin],
      env: { DATABASE_URL: `sqlite:${await loadedPokedexFile()}` },
    })
  })
  afterAll(() => kernel.stop())

  test('once a check finds it unreachable, calls serve the cache without waiting for a check of their own; one background check brings it back', async () => {
    // The database as the reader sees it: up, or every statement pending until the test settles it
    // (what the PostgreSQL adapter does until DB_TIMEOUT_MS, then DATABASE_UNAVAILABLE).
    let up = true
    const stalled: ((error: Error) => void)[] = []
    const db: Db = {
      ...kernel.db,
      sql: ((strings: TemplateStringsArray, ...values: unknown[]) =>
        up
          ? kernel.db.sql(strings, ...values)
          : new Promise((_, reject) => stalled.push(reject))) as Db['sql'],
    }
    const unavailable = () => new KernelError('DATABASE_UNAVAILABLE', 'the database did not answer')
    const catalogue = createCatalogueReader(db)
    const first = await catalogue()
    up = false
    const during = catalogue()
    expect(stalled).toHaveLength(1) // the first call after the failure waits for its check…
    for (const reject of stalled.splice(0)) reject(unavailable())
    expect(await during).toBe(first) // …which fails: the cache answers
    // Now no call waits: each answers from the cache while one shared check is pending.
    const answered = await Promise.race([
      Promise.all([catalogue(), catalogue(), catalogue()]),
      new Promise((resolve) => setTimeout(resolve, 0, 'waited for the database')),
    ])
    expect(answered).toEqual([first, first, first])
    expect(stalled).toHaveLength(1)
    // The database comes back: the pending check still fails (its time ran out), the next succeeds.
    for (const reject of stalled.splice(0)) reject(unavailable())
    up = true
    expect(await catalogue()).toBe(first) // served from the cache, its check succeeds in the background
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(await catalogue()).toBe(first) // a real check again: same ETL run, same cached value
    expect(stalled).toHaveLength(0)
  })
})
