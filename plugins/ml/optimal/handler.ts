import { createLgpeEngine } from '../battle/engine.ts'
import type { ThreadHandler } from '../calling-thread.ts'
import { createBattlerFactory, formReader } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { createSolver } from '../solver/index.ts'
import { type OptimalJob, type OptimalTools, runOptimalJob } from './job.ts'
import { createSweepTeam, DEFAULT_TEAM_OPTIONS, type SweepTeam } from './sweep-team.ts'

/** Work per turn of the event loop while a thread reads the forms' stats (a job waits at most this). */
const READ_SLICE_MS = 4

/**
 * What an optimal-play thread does (the worker module, or the calling thread in `callingThread`):
 * one LGPE engine, battler factory and fixed-move solver, built when the thread starts (and a
 * sweep team, the first time a message asks for `sweepThreads` 2); each `{ id, job }` answered
 * with `{ id, advice }`, `{ id, error: { code, … } }` for a refusal the client can act on, or
 * `{ id, crash }` for a bug. After its first job the thread reads every form's stats while idle, a
 * few milliseconds at a time (see `formReader`), so that later requests do not meet a new form.
 *
 * @example callingThread(createOptimalHandler())
 */
export function createOptimalHandler(): ThreadHandler {
  let tools: OptimalTools | undefined
  let team: SweepTeam | undefined
  let reader: { step(budgetMs: number): boolean } | undefined
  let reading: ReturnType<typeof setTimeout> | undefined
  const readSome = () => {
    reading = undefined
    if (!tools || reader?.step(READ_SLICE_MS) !== false) return
    reading = setTimeout(readSome, 0)
    reading.unref?.()
  }
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
      if (reading) clearTimeout(reading)
      reading = undefined
    },
    onMessage(message, post) {
      const { id, job, sweepThreads = 1 } = message as { id: number; job: OptimalJob; sweepThreads?: number }
      if (sweepThreads > 1) team ??= createSweepTeam(DEFAULT_TEAM_OPTIONS)
      try {
        post({ id, ...runOptimalJob({ ...toolsNow(), ...(sweepThreads > 1 && team ? { team } : {}) }, job) })
      } catch (error) {
        post({ id, crash: error instanceof Error ? error.message : String(error) })
      }
      // the forms' stats are read between jobs, once
      if (!reader && tools) {
        reader = formReader(tools.engine, tools.factory)
        readSome()
      }
    },
  }
}
