import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Migration } from '../core/db/migrate.ts'
import { openPostgres } from '../core/db/postgres.ts'
import { createKernel, type Kernel } from '../core/kernel.ts'
import { createMemoryLogger } from '../core/log.ts'
import type { PluginDefinition } from '../core/plugin.ts'

/**
 * Test helpers. PostgreSQL suites run when `TEST_DATABASE_URL` is set (CI always sets it); locally,
 * without it, `describeEngines` runs the SQLite half and prints one line saying how to run the rest.
 */

export type Engine = 'sqlite' | 'postgres'

/** Engines to run contract tests against in this process. */
export function testEngines(env: Record<string, string | undefined> = process.env): Engine[] {
  return env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']
}

let warned = false
/** Prints, once per process, that the PostgreSQL half did not run and how to run it. */
export function notePostgresSkipped(env: Record<string, string | undefined> = process.env): void {
  if (env.TEST_DATABASE_URL || warned) return
  warned = true
  console.log(
    'PostgreSQL contract tests did not run: set TEST_DATABASE_URL=postgres://user@127.0.0.1:5432/db (an empty, disposable database) to run them; .ci/run does.',
  )
}

/**
 * A fresh, empty database URL for one test: SQLite in memory, or a new schema in the test
 * PostgreSQL database (so tests never see each other's tables).
 */
export async function freshDatabaseUrl(engine: Engine): Promise<string> {
  if (engine === 'sqlite') return 'sqlite::memory:'
  const base = process.env.TEST_DATABASE_URL
  if (!base) throw new Error('TEST_DATABASE_URL is not set')
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  const admin = openPostgres(base, { max: 1 })
  await admin.exec(`CREATE SCHEMA ${schema}`)
  await admin.close()
  const url = new URL(base)
  url.searchParams.set('options', `-c search_path=${schema}`)
  return url.toString()
}

/**
 * Boots a kernel for tests: quiet logger kept in memory, no process metrics, fresh database.
 *
 * @example
 * const kernel = await createTestKernel({ plugins: [etlPlugin], engine: 'sqlite' })
 * const res = await kernel.app.request('/readyz')
 */
export async function createTestKernel(options: {
  plugins: readonly PluginDefinition<any>[]
  engine?: Engine
  env?: Record<string, string>
  role?: string
  migrations?: readonly Migration[]
}): Promise<Kernel & { logs: ReturnType<typeof createMemoryLogger>['lines'] }> {
  const logger = createMemoryLogger('debug')
  const kernel = await createKernel({
    plugins: options.plugins,
    role: options.role ?? 'test',
    // A fresh DATA_DIR too: the default ./data holds whatever earlier runs staged (a stale staged
    // extract made tests pass or fail depending on the machine's history).
    env: {
      DATABASE_URL: await freshDatabaseUrl(options.engine ?? 'sqlite'),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pdx-test-data-')),
      // Warming the threats worker costs ~3 CPU-seconds per kernel start (a worker loading the
      // engine and the model), paid by every suite that boots the ml plugin and never ranks
      // threats; the threats suite turns it back on.
      ML_WARM_MATCHUPS: 'false',
      // The model scores on the test thread: an inference worker's cold start (onnxruntime and its
      // WebAssembly loaded again) is ≈ 1 CPU-second per kernel, and this process has already
      // loaded them. The worker runner has its own tests (plugins/ml/onnx/onnx.test.ts).
      ML_INFERENCE_WORKER: 'false',
      // Exact solves on the test thread too: a solver worker's cold start loads the battle engine
      // again (≈ 1 CPU-second), and this process has it loaded. A suite that tests the advice
      // budget needs a worker (predict-advice.test.ts); the pool has its own tests.
      ML_SOLVER_WORKERS: '0',
      // The same for simulations and sampled pairs, optimal-play solves and threat rankings: each of
      // their workers loads the battle engine again at its first use (≈ 1 CPU-second, four per API
      // kernel). Their worker paths keep their own suites: sim-pool.test.ts and predict.test.ts
      // (simulations), predict-optimal.test.ts (optimal play), threats.test.ts (rankings).
      ML_SIM_WORKERS: '0',
      ML_OPTIMAL_WORKER: 'false',
      // one sweep thread: the test processes fill the cores already, and the team has its own
      // suite (sweep-team.test.ts); predict-optimal.test.ts serves with the default (2)
      ML_OPTIMAL_THREADS: '1',
      ML_MATCHUP_WORKER: 'false',
      // Training on the test thread alone: the test processes already fill the cores, and each
      // training team's worker costs its start and its hand-offs (train.test.ts: 20.4 → 17.8
      // CPU-s). The model is the same for any thread count (plugins/ml/gbdt/threads.test.ts).
      ML_TRAIN_THREADS: '1',
      ...options.env,
    },
    logger,
    defaultMetrics: false,
    stopTimeoutMs: 200,
    ...(options.migrations ? { migrations: options.migrations } : {}),
  })
  return Object.assign(kernel, { logs: logger.lines })
}

/**
 * The plugin with some of its parsed settings replaced, for a test that wants a value below what
 * production allows (the property suites' 100 sampled battles; `ML_SAMPLED_BATTLES` keeps its
 * production minimum). The rest of its configuration is parsed from the environment as usual.
 *
 * @example
 * createTestKernel({ plugins: [etlPlugin, withConfig(mlPlugin, { sampledBattles: 100 })] })
 */
export function withConfig<C>(plugin: PluginDefinition<C>, overrides: Partial<C>): PluginDefinition<C> {
  return { ...plugin, setup: (ctx) => plugin.setup({ ...ctx, config: { ...ctx.config, ...overrides } }) }
}
