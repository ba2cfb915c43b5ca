import { createLgpeEngine } from '../battle/engine.ts'
import type { ThreadHandler } from '../calling-thread.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { createSolver } from '../solver/index.ts'
import { type OptimalJob, type OptimalTools, runOptimalJob } from './job.ts'
import { createSweepTeam, DEFAULT_TEAM_OPTIONS, type SweepTeam } from './sweep-team.ts'

/**
 * What an optimal-play thread does (the worker module, or the calling thread in `callingThread`):
 * one LGPE engine, battler factory and fixed-move solver, built when the thread starts (and a
 * sweep team, the first time a message asks for `sweepThreads` 2); each `{ id, job }` answered
 * with `{ id, advice }`, `{ id, error: { code, … } }` for a refusal the client can act on, or
 * `{ id, crash }` for a bug.
 *
 * @example callingThread(createOptimalHandler())
 */
export function createOptimalHandler(): ThreadHandler {
  let tools: OptimalTools | undefined
  let team: SweepTeam | undefined
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
    onStop() {
      team?.close()
      team = undefined
    },
    onMessage(message, post) {
      const { id, job, sweepThreads = 1 } = message as { id: number; job: OptimalJob; sweepThreads?: number }
      if (sweepThreads > 1) team ??= createSweepTeam(DEFAULT_TEAM_OPTIONS)
      try {
        post({ id, ...runOptimalJob({ ...toolsNow(), ...(sweepThreads > 1 && team ? { team } : {}) }, job) })
      } catch (error) {
        post({ id, crash: error instanceof Error ? error.message : String(error) })
      }
    },
  }
}
