/**
 * Battle worker: one LGPE engine per thread, running the tasks the pool sends.
 * Messages in: `{ id, tasks, k }`; out: `{ id, results }` or `{ id, error }`.
 */
import { createLgpeEngine } from '../battle/engine.ts'
import { createTaskRunner } from './run-task.ts'
import type { MatchupTask } from './tasks.ts'

declare const self: Worker

const run = createTaskRunner(createLgpeEngine())

self.onmessage = (event: MessageEvent<{ id: number; tasks: MatchupTask[]; k: number }>) => {
  const { id, tasks, k } = event.data
  try {
    self.postMessage({ id, results: tasks.map((t) => run(t, k)) })
  } catch (error) {
    self.postMessage({
      id,
      error:
        error instanceof Error
          ? `${(error as { code?: string }).code ?? 'ERROR'}: ${error.message}`
          : String(error),
    })
  }
}
