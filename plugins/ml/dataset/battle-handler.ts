import { createLgpeEngine } from '../battle/engine.ts'
import type { ThreadHandler } from '../calling-thread.ts'
import { createTaskRunner, type LabelSource } from './run-task.ts'
import type { MatchupTask } from './tasks.ts'

/** A battle job as the pools post it: K battles of each task, labelled by `labels`. */
export interface BattleJob {
  readonly id: number
  readonly tasks: MatchupTask[]
  readonly k: number
  readonly labels?: LabelSource
}

/**
 * What a battle thread does (the worker module, or the calling thread in `callingThread`): one LGPE
 * engine, built when the thread starts, then `{ ready: true }`; each job answered with
 * `{ id, results }` or `{ id, error: 'CODE: message' }` (the pools map catalogued codes back).
 *
 * @example callingThread(createBattleHandler())
 */
export function createBattleHandler(): ThreadHandler {
  let engine: ReturnType<typeof createLgpeEngine> | undefined
  const runners = new Map<LabelSource, ReturnType<typeof createTaskRunner>>()
  return {
    onStart(post) {
      engine = createLgpeEngine()
      post({ ready: true })
    },
    onMessage(message, post) {
      const { id, tasks, k } = message as BattleJob
      const labels = (message as BattleJob).labels ?? 'engine'
      engine ??= createLgpeEngine()
      let run = runners.get(labels)
      if (!run) {
        run = createTaskRunner(engine, labels)
        runners.set(labels, run)
      }
      try {
        post({ id, results: tasks.map((t) => run(t, k)) })
      } catch (error) {
        post({
          id,
          error:
            error instanceof Error
              ? `${(error as { code?: string }).code ?? 'ERROR'}: ${error.message}`
              : String(error),
        })
      }
    },
  }
}
