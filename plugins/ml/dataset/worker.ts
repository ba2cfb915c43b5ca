/**
 * Battle worker: one LGPE engine per thread, running the tasks the pool sends.
 * Messages in: `{ id, tasks, k, labels? }`; out: `{ id, results }` or `{ id, error }`, and
 * `{ ready: true }` once the engine is loaded (the simulation pool starts a job's clock only then).
 */
import { createLgpeEngine } from '../battle/engine.ts'
import { createTaskRunner, type LabelSource } from './run-task.ts'
import type { MatchupTask } from './tasks.ts'

declare const self: Worker

const engine = createLgpeEngine()
const runners = new Map<LabelSource, ReturnType<typeof createTaskRunner>>()
self.postMessage({ ready: true })

self.onmessage = (
  event: MessageEvent<{ id: number; tasks: MatchupTask[]; k: number; labels?: LabelSource }>,
) => {
  const { id, tasks, k } = event.data
  const labels = event.data.labels ?? 'engine'
  let run = runners.get(labels)
  if (!run) {
    run = createTaskRunner(engine, labels)
    runners.set(labels, run)
  }
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
