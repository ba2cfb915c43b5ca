/**
 * Optimal-play worker: one LGPE engine, battler factory and fixed-move solver per thread.
 * In: `{ id, job }` (see `OptimalJob`). Out: `{ id, advice }`, `{ id, error: { code, … } }` for a
 * refusal the client can act on, or `{ id, crash }` for a bug.
 */
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { createSolver } from '../solver/index.ts'
import { type OptimalJob, runOptimalJob } from './job.ts'

declare const self: Worker

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const tools = { engine, factory, store: createBufferStore(), fixed: createSolver(engine, factory) }

self.onmessage = (event: MessageEvent<{ id: number; job: OptimalJob }>) => {
  const { id, job } = event.data
  try {
    self.postMessage({ id, ...runOptimalJob(tools, job) })
  } catch (error) {
    self.postMessage({ id, crash: error instanceof Error ? error.message : String(error) })
  }
}
