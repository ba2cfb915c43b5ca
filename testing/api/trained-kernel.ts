import { join } from 'node:path'
import type { Kernel } from '../../core/kernel.ts'
import { apiPlugin } from '../../plugins/api/index.ts'
import { generateApiKey } from '../../plugins/api/security/index.ts'
import { etlPlugin } from '../../plugins/etl/index.ts'
import type { MlConfig } from '../../plugins/ml/config.ts'
import { mlPlugin } from '../../plugins/ml/index.ts'
import { createTestKernel, type Engine, freshDatabaseUrl, withConfig } from '../kernel.ts'
import { loadedPokedexFile } from '../pokedex-db.ts'

/** The champion a fresh clone ships (read only: serving never writes to MODELS_DIR). */
export const SHIPPED_MODELS_DIR = join(import.meta.dir, '..', '..', 'models')

/**
 * Time budgets far above need, so that a loaded machine (six CPU burners beside the suite) slows
 * the tests down instead of turning a worker's cold start into a 503 TIMEOUT: the suites test what
 * the API answers, not how fast. A suite that tests a budget sets its own value in `env`.
 */
export const LOAD_TOLERANT_BUDGETS = {
  API_REQUEST_TIMEOUT_MS: '120000',
  ML_SIM_TIMEOUT_MS: '120000',
} as const

export interface TrainedApiKernel {
  readonly kernel: Kernel
  /** A valid API key (its hash is the kernel's only `API_KEYS` entry). */
  readonly key: string
  /** The configured hash: a leaked hash must never work as a key. */
  readonly hash: string
  /** Stops the kernel. */
  close(): Promise<void>
}

/**
 * Boots etl + ml + api serving the shipped champion model over a loaded Pokédex, with one
 * generated API key, so every route, predictions included, answers as in production.
 *
 * Why the shipped champion and the shared Pokédex file: suites used to train their own model and
 * run the ETL each (four trainings, three copies of one recipe); on a loaded machine that made the
 * suite slow and fragile. Training itself is tested once, in plugins/ml/model/train.test.ts. On
 * PostgreSQL the Pokédex is loaded into a fresh schema (the shared file is SQLite).
 *
 * @example
 * const api = await createTrainedApiKernel({ env: { API_PREDICT_RATE_LIMIT_PER_MINUTE: '100000' } })
 * await api.kernel.app.request('/api/v1/model')
 * await api.close()
 */
export async function createTrainedApiKernel(
  options: {
    engine?: Engine
    env?: Record<string, string>
    /** ml settings below production's bounds (see `withConfig`), e.g. `{ sampledBattles: 100 }`. */
    mlSettings?: Partial<MlConfig>
  } = {},
): Promise<TrainedApiKernel> {
  const { key, hash } = generateApiKey()
  const engine = options.engine ?? 'sqlite'
  const databaseUrl =
    engine === 'sqlite' ? `sqlite:${await loadedPokedexFile()}` : await freshDatabaseUrl('postgres')
  const kernel = await createTestKernel({
    plugins: [etlPlugin, options.mlSettings ? withConfig(mlPlugin, options.mlSettings) : mlPlugin, apiPlugin],
    engine,
    env: {
      DATABASE_URL: databaseUrl,
      MODELS_DIR: SHIPPED_MODELS_DIR,
      API_KEYS: hash,
      ...LOAD_TOLERANT_BUDGETS,
      ...options.env,
    },
  })
  if (engine === 'postgres') {
    await kernel.stages.run(
      'etl:load',
      {},
      { log: kernel.log, tty: false, signal: new AbortController().signal },
    )
  }
  await kernel.start()
  return { kernel, key, hash, close: () => kernel.stop() }
}
