import { createLgpeEngine } from '../battle/engine.ts'
import type { ThreadHandler } from '../calling-thread.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { createSolver } from '../solver/index.ts'
import { type OptimalJob, type OptimalTools, runOptimalJob } from './job.ts'

/**
 * What an optimal-play thread does (the worker module, or the calling thread in `callingThread`):
 * one LGPE engine, battler factory and fixed-move solver, built when the thread starts; each
 * `{ id, job }` answered with `{ id, advice }`, `{ id, error: { code, … } }` for a refusal the
 * client can act on, or `{ id, crash }` for a bug.
 *
 * @example callingThread(createOptimalHandler())
 */
export function createOptimalHandler(): ThreadHandler {
  let tools: OptimalTools | undefined
  const toolsNow = (): OptimalTools => {
    if (tools) return tools
    const engine = createLgpeEngine()
    const factory = createBattlerFactory(engine)
    tools = { engine, factory, store: createBufferStore(), fixed: createSolver(engine, factory) }
    return tools
  }
  return {
    onStart() {
      toolsNow()
    },
    onMessage(message, post) {
      const { id, job } = message as { id: number; job: OptimalJob }
      try {
        post({ id, ...runOptimalJob(toolsNow(), job) })
      } catch (error) {
        post({ id, crash: error instanceof Error ? error.message : String(error) })
      }
    },
  }
}
