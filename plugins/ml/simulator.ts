import type { Simulator } from '../../core/contracts/simulator.ts'
import { type BattleService, prepareMatchup, summarizeMatchup } from './battle-service.ts'
import { createSimulationPool } from './sim-pool.ts'

/**
 * The `ml.simulator` service: validated matchups run in a bounded worker pool, off the request
 * thread, so a simulation never stalls other requests (with `workers: 0`, on the calling thread:
 * test kernels).
 */
export function createSimulator(
  battles: BattleService,
  options: { workers: number; queue: number; timeoutMs: number },
) {
  const pool = createSimulationPool({
    size: Math.max(1, options.workers),
    inThread: options.workers === 0,
    queue: options.queue,
    timeoutMs: options.timeoutMs,
  })
  const simulator: Simulator & { close(): void } = {
    async simulate(request) {
      const task = prepareMatchup(await battles.roster(), request)
      return summarizeMatchup(task, request.k, await pool.run(task, request.k))
    },
    close: () => pool.close(),
  }
  return simulator
}
