import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kernel } from '../../core/kernel.ts'
import { closedPort, type LocalServer, startLocalServer } from '../../testing/etl/http.ts'
import { readFixtures } from '../../testing/etl/pokeapi-fixtures.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { etlConfig } from './config.ts'
import { createHttpClient } from './http/index.ts'
import { etlPlugin } from './index.ts'
import { formatOutcomes, runExtract } from './stages/extract.ts'
import { runLoad } from './stages/load.ts'

/**
 * The whole ETL with a live source, end to end: PokéAPI is a local server answering with the
 * recorded fixtures (a few Pokémon and moves; everything else 404s), through the real caching
 * client. No request leaves the machine.
 */
let kernel: Kernel
let dataDir: string
let server: LocalServer
const fixtures = readFixtures()
const runtime = () => ({ log: kernel.log, tty: false })
const client = (host: string) =>
  createHttpClient({
    cacheDir: join(dataDir, 'http-cache'),
    userAgent: 'PredictionDex-ETL/test (+tests)',
    hosts: { [host]: { maxConcurrent: 8, minIntervalMs: 0, obeyRobots: false } },
    retries: 0,
    networkRetries: 0,
  })
const one = async <T>(q: Promise<T[]>) => (await q)[0]!

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pdx-live-'))
  server = startLocalServer((request) => {
    const path = new URL(request.url).pathname.replace(/^\/api\/v2\//, '').replace(/\/$/, '')
    const body = fixtures.get(path)
    return body
      ? new Response(body, { headers: { 'content-type': 'application/json' } })
      : new Response('Not Found', { status: 404 })
  })
  kernel = await createTestKernel({ plugins: [etlPlugin], env: { DATA_DIR: dataDir } })
})
afterAll(async () => {
  server.stop()
  await kernel.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('ETL with PokéAPI', () => {
  test('PokéAPI enriches French move names and sprites; 404s become rejects with their URL; conflicts are recorded', async () => {
    const config = etlConfig.parse({ sources: 'showdown,pokeapi', pokeapiUrl: `${server.origin}/api/v2` })
    const outcomes = await runExtract(config, dataDir, { force: false }, runtime(), {
      http: client(server.host),
    })
    expect(outcomes.map((o) => [o.source, o.ok])).toEqual([
      ['showdown', true],
      ['pokeapi', true],
    ])
    const report = await runLoad(kernel.db, config, dataDir, runtime())
    expect(report.counts.pokemon).toBe(188)
    const zippy = await one(
      kernel.db.sql<{
        name_fr: string
        power: number
        source: string
      }>`SELECT name_fr, power, source FROM moves WHERE slug = 'zippy-zap'`,
    )
    expect(zippy.name_fr).toBeTruthy()
    expect(zippy.power).toBe(50)
    expect(zippy.source).toBe('showdown+pokeapi')
    const pikachu = await one(
      kernel.db.sql<{ sprite_front: string | null }>`SELECT sprite_front FROM pokemon WHERE slug = 'pikachu'`,
    )
    expect(pikachu.sprite_front).toMatch(/^https?:\/\//)
    const rejects = await kernel.db.sql<{ locator: string; reason: string }>`
      SELECT locator, reason FROM etl_rejects WHERE run_id = ${report.runId} AND source = 'pokeapi'`
    expect(rejects.length).toBeGreaterThan(100)
    expect(rejects.some((r) => r.locator.includes('/pokemon/meltan'))).toBe(true)
    const conflicts = await kernel.db.sql<{ entity: string; field: string; chosen_source: string }>`
      SELECT entity, field, chosen_source FROM etl_conflicts WHERE run_id = ${report.runId}`
    expect(conflicts.length).toBeGreaterThan(0)
    expect(
      conflicts.filter((c) => c.entity === 'learnsets').every((c) => c.chosen_source === 'showdown'),
    ).toBe(true)
  })

  test('an unreachable host is a warning, not "ok": the run completes and nothing loaded earlier is lost (issue 13, #11)', async () => {
    const config = etlConfig.parse({
      sources: 'showdown,pokeapi',
      pokeapiUrl: `http://127.0.0.1:${closedPort()}/api/v2`,
    })
    const before = await one(
      kernel.db.sql<{ name_fr: string }>`SELECT name_fr FROM moves WHERE slug = 'zippy-zap'`,
    )
    const outcomes = await runExtract(config, join(dataDir, 'elsewhere'), { force: false }, runtime(), {
      http: client(new URL(config.pokeapiUrl).host),
    })
    expect(outcomes.find((o) => o.source === 'pokeapi')).toMatchObject({ ok: false })
    expect(formatOutcomes(outcomes)).toMatch(/WARN pokeapi/)
    expect(outcomes.find((o) => o.source === 'pokeapi')?.warnings.join(' ')).toMatch(/unreachable/i)
    const report = await runLoad(kernel.db, config, join(dataDir, 'elsewhere'), runtime())
    expect(report.counts.pokemon).toBe(188)
    const after = await one(
      kernel.db.sql<{ name_fr: string }>`SELECT name_fr FROM moves WHERE slug = 'zippy-zap'`,
    )
    expect(after.name_fr).toBe(before.name_fr)
  })
})
