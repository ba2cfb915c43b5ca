import { afterAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { allMigrations } from '../core/catalogue.ts'
import { createKernel, type Kernel } from '../core/kernel.ts'
import { createMemoryLogger } from '../core/log.ts'
import { etlPlugin } from '../plugins/etl/index.ts'
import { createCatalogueReader } from '../plugins/etl/pokedex-read.repo.ts'
import { freshDatabaseUrl, testEngines } from '../testing/kernel.ts'
import { ROOT } from './support.ts'

/**
 * The ETL killed with SIGKILL at seeded random points, on each engine, then re-run (issue 13, #1
 * and the attack's 37 kills): the re-run succeeds, the quality gates pass, no staging temp file
 * is left, and the killed runs (left `running` forever) do not turn the catalogue cache off.
 */
const KILLS = 4

/** mulberry32: seeded delays in [150, 3000) ms. */
function delays(seed: number, n: number): number[] {
  let state = seed >>> 0
  return Array.from({ length: n }, () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return 150 + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2850)
  })
}

function stage(args: string[], env: Record<string, string>) {
  return Bun.spawn(['bun', join(ROOT, 'core', 'cli', 'stage.ts'), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'error', ...env },
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  })
}

for (const engine of testEngines()) {
  describe(`ETL killed at random points on ${engine}`, () => {
    const kernels: Kernel[] = []
    afterAll(async () => {
      for (const k of kernels) await k.stop()
    })

    test(`${KILLS} SIGKILLs mid-run, then a run to the end: loads, verifies, caches`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), `pdx-etl-kill-${engine}-`))
      const databaseUrl =
        engine === 'sqlite' ? `sqlite:${join(dataDir, 'pokedex.sqlite')}` : await freshDatabaseUrl('postgres')
      const env = { DATA_DIR: dataDir, DATABASE_URL: databaseUrl }
      const killedAt: string[] = []
      for (const ms of delays(engine === 'sqlite' ? 13 : 31, KILLS)) {
        const run = stage(['etl:load'], env)
        const outcome = await Promise.race([
          run.exited.then((code) => `exited ${code}`),
          Bun.sleep(ms).then(() => 'kill'),
        ])
        if (outcome === 'kill') run.kill('SIGKILL')
        await run.exited
        killedAt.push(`${ms} ms: ${outcome}`)
      }
      console.log(`${engine}: kills at ${killedAt.join(', ')}`)

      const load = stage(['etl:load'], env)
      const [loadCode, loadErr] = await Promise.all([load.exited, new Response(load.stderr).text()])
      expect({ loadCode, loadErr }).toEqual({ loadCode: 0, loadErr: '' })
      const verify = stage(['etl:verify'], env)
      const [verifyCode, verifyOut] = await Promise.all([verify.exited, new Response(verify.stdout).text()])
      expect({ verifyCode, verifyOut: verifyCode === 0 ? '' : verifyOut }).toEqual({
        verifyCode: 0,
        verifyOut: '',
      })
      const staging = join(dataDir, 'etl', 'staging')
      expect(readdirSync(staging).filter((name) => name.endsWith('.tmp'))).toEqual([])

      const kernel = await createKernel({
        plugins: [etlPlugin],
        role: 'test',
        env,
        logger: createMemoryLogger('error'),
        defaultMetrics: false,
        migrations: allMigrations(),
      })
      kernels.push(kernel)
      const [{ n }] = (await kernel.db.sql<{ n: number }>`SELECT count(*) AS n FROM pokemon`) as [
        { n: number },
      ]
      expect(n).toBe(188)
      // A killed run left after the last good one: the cache must stay on (it fell to 54 req/s).
      await kernel.db
        .sql`INSERT INTO etl_runs (started_at, status, sources) VALUES (${new Date().toISOString()}, 'running', 'showdown')`
      const catalogue = createCatalogueReader(kernel.db)
      expect(await catalogue()).toBe(await catalogue())
    }, 240_000)
  })
}
