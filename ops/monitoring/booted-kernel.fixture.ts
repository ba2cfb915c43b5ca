import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { allMigrations, pluginsForRole } from '../../core/catalogue.ts'
import { createKernel, type Kernel } from '../../core/kernel.ts'
import { createMemoryLogger } from '../../core/log.ts'
import { generateApiKey } from '../../plugins/api/security/index.ts'

/** A matchup the shipped champion model can score. */
export const SAMPLE_BEST_MOVE = {
  pokemon_a: 'pikachu',
  moves_a: ['thunderbolt', 'quick-attack', 'iron-tail', 'thunder'],
  pokemon_b: 'gengar',
}

export interface BootedKernel {
  readonly kernel: Kernel
  readonly key: string
  /** GET /metrics as Prometheus scrapes it. */
  scrape(): Promise<string>
  request(path: string, init?: RequestInit): Promise<Response>
  close(): Promise<void>
}

/**
 * Boots the `all` role as production does (process metrics included) on SQLite in memory, with
 * the ETL loaded, the shipped champion model served and one API key: every metric the api and ui
 * roles expose is present once `exercise()` has sent a prediction and a rejected key.
 *
 * @example
 * const app = await bootKernel(); await exercise(app); parseExposition(await app.scrape())
 */
export async function bootKernel(env: Record<string, string> = {}): Promise<BootedKernel> {
  const { key, hash } = generateApiKey()
  const dataDir = mkdtempSync(join(tmpdir(), 'pdx-monitoring-'))
  const kernel = await createKernel({
    plugins: pluginsForRole('all'),
    role: 'all',
    env: {
      DATABASE_URL: 'sqlite::memory:',
      DATA_DIR: dataDir,
      MODELS_DIR: join(import.meta.dir, '..', '..', 'models'),
      API_KEYS: hash,
      ...env,
    },
    migrations: allMigrations(),
    logger: createMemoryLogger('error'),
    stopTimeoutMs: 500,
  })
  await kernel.stages.run(
    'etl:load',
    {},
    { log: kernel.log, tty: false, signal: new AbortController().signal },
  )
  await kernel.start()
  const request = (path: string, init?: RequestInit) =>
    Promise.resolve(kernel.app.request(path, init)) as Promise<Response>
  return {
    kernel,
    key,
    request,
    scrape: async () => (await request('/metrics')).text(),
    async close() {
      await kernel.stop()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Sends the requests that make every labelled series appear: reads, a prediction, a bad key. */
export async function exercise(app: BootedKernel): Promise<void> {
  const json = { 'content-type': 'application/json' }
  const expectStatus = async (response: Promise<Response>, status: number, what: string) => {
    const r = await response
    if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${await r.text()}`)
  }
  await expectStatus(app.request('/api/v1/types'), 200, 'types')
  await expectStatus(app.request('/'), 200, 'home page')
  await expectStatus(
    app.request('/api/v1/predict/best-move', {
      method: 'POST',
      headers: { ...json, 'x-api-key': app.key },
      body: JSON.stringify(SAMPLE_BEST_MOVE),
    }),
    200,
    'best-move',
  )
  await expectStatus(
    app.request('/api/v1/predict/best-move', {
      method: 'POST',
      headers: { ...json, 'x-api-key': 'not-a-key' },
      body: JSON.stringify(SAMPLE_BEST_MOVE),
    }),
    403,
    'best-move with a bad key',
  )
}
