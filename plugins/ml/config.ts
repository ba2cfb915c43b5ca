import { z } from 'zod'
import { envBoolean } from '../../core/config.ts'

/** ml plugin settings (env prefix `ML_`). */
export const mlConfig = z.object({
  workers: z.coerce
    .number()
    .int()
    .min(0)
    .max(32)
    .default(2)
    .describe('Battle worker threads for datasets (0 = main thread; 2 suits a 2-core machine)'),
  simWorkers: z.coerce
    .number()
    .int()
    .min(0)
    .max(8)
    .default(1)
    .describe(
      'Worker threads for on-demand simulations (POST /api/v1/simulate) and for the engine battles of pairs the exact solver declines; 0 runs them on the calling thread, where no timeout can stop them (test kernels)',
    ),
  simQueue: z.coerce
    .number()
    .int()
    .min(0)
    .max(1000)
    .default(8)
    .describe('Simulations allowed to wait for a worker before 503'),
  reloadIntervalMs: z.coerce
    .number()
    .int()
    .min(1000)
    .max(3_600_000)
    .default(30_000)
    .describe('How often a server checks MODELS_DIR/champion for a new champion (hot swap)'),
  simTimeoutMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(120_000)
    .default(10_000)
    .describe('A simulation is stopped after this long'),
  solverWorkers: z.coerce
    .number()
    .int()
    .min(0)
    .max(8)
    .default(1)
    .describe(
      'Worker threads for exact solves (predictions, the web app); 0 solves on the calling thread, which then waits for each solve whatever the advice budget (test kernels)',
    ),
  adviceBudgetMs: z.coerce
    .number()
    .int()
    .min(10)
    .max(60_000)
    .default(1000)
    .describe('Time a prediction waits for exact answers before answering the rest with the model'),
  solverCacheSize: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .default(20_000)
    .describe('Move pairs whose exact (or engine-sampled) answer is kept in memory'),
  optimalTimeLimitMs: z.coerce
    .number()
    .int()
    .min(100)
    .max(600_000)
    .default(8000)
    .describe(
      'An optimal-play solve stops after this long (422 OPTIMAL_TIME_LIMIT); keep it under the API timeout',
    ),
  optimalMaxStates: z.coerce
    .number()
    .int()
    .min(100)
    .max(1_000_000)
    .default(30_000)
    .describe('Discrete battle states an optimal-play solve may explore (422 OPTIMAL_STATE_LIMIT above)'),
  optimalMaxCells: z.coerce
    .number()
    .int()
    .min(10_000)
    .max(500_000_000)
    .default(25_000_000)
    .describe(
      'States × HP cells an optimal-play solve may value, 8 bytes each (422 OPTIMAL_CELL_LIMIT above)',
    ),
  optimalCacheSize: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(256)
    .describe('Optimal-play answers kept in memory'),
  optimalThreads: z.coerce
    .number()
    .int()
    .min(1)
    .max(2)
    .default(2)
    .describe(
      'Threads per optimal-play solve: 2 sweeps a large game with a second thread (the same answer; sent alone for a while when the other core turns out busy); 1 keeps every solve on one core',
    ),
  sampledBattles: z.coerce
    .number()
    .int()
    .min(500)
    .max(100_000)
    .default(1000)
    .describe('Engine battles for a pair the exact solver does not model'),
  trainThreads: z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .default(2)
    .describe(
      'Threads that train a model, the calling thread included (the model is byte-identical for any value)',
    ),
  warmMatchups: envBoolean
    .default(true)
    .describe(
      'Start the threats and exact-solver workers at start, so a first ranking or best move pays no cold start (test kernels turn it off)',
    ),
  optimalWorker: envBoolean
    .default(true)
    .describe(
      'Solve optimal-play games in a worker thread, off the request thread; false solves on the calling thread and saves the worker (test kernels turn it off)',
    ),
  matchupWorker: envBoolean
    .default(true)
    .describe(
      'Rank threats (every form against one Pokémon) in a worker thread, off the request thread; false ranks on the calling thread and saves the worker (test kernels turn it off)',
    ),
  inferenceWorker: envBoolean
    .default(true)
    .describe(
      'Score with the model in a worker thread, off the request thread; false scores on the calling thread and saves the worker (test kernels turn it off)',
    ),
  skipIfExists: envBoolean
    .default(false)
    .describe('ml:train does nothing when a champion model exists (the trainer container exits at once)'),
  mlflowTrackingUri: z
    .string()
    .url()
    .optional()
    .meta({ env: 'MLFLOW_TRACKING_URI' })
    .describe(
      'MLflow server; when set, runs, artifacts, model versions and every alias change are mirrored there (the local registry stays the truth)',
    ),
})
export type MlConfig = z.infer<typeof mlConfig>
