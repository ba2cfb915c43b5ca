/**
 * The real battle worker, started late: it sleeps `SLOW_START_MS` before loading, as a cold start
 * on a busy machine does. For the simulation pool's tests.
 */
await Bun.sleep(Number(process.env.SLOW_START_MS ?? 2000))
await import('../../plugins/ml/dataset/worker.ts')

export {}
