import { createLgpeEngine } from '../battle/engine.ts'
import { createTaskRunner, type LabelSource, type TaskResult } from './run-task.ts'
import type { MatchupTask } from './tasks.ts'

/**
 * Runs tasks on `workers` threads (0 = in this thread, for tests and tiny runs), in chunks, and
 * calls `onChunk` with each finished chunk **in task order**, so a writer can append and a crash
 * loses at most the chunks in flight. Results never depend on the number of workers.
 *
 * @example
 * await runTasks(tasks, { k: 16, workers: 2, onChunk: (start, results) => write(start, results) })
 */
export async function runTasks(
  tasks: readonly MatchupTask[],
  options: {
    k: number
    workers: number
    /** `exact`: fixed-move rows the solver covers are answered exactly instead of by battles. */
    labels?: LabelSource
    chunkSize?: number
    onChunk: (start: number, results: TaskResult[]) => Promise<void> | void
    signal?: AbortSignal
  },
): Promise<void> {
  const chunkSize = options.chunkSize ?? 8
  const chunks: { start: number; tasks: MatchupTask[] }[] = []
  for (let i = 0; i < tasks.length; i += chunkSize)
    chunks.push({ start: i, tasks: tasks.slice(i, i + chunkSize) })
  if (options.workers <= 0) {
    const run = createTaskRunner(createLgpeEngine(), options.labels)
    for (const chunk of chunks) {
      if (options.signal?.aborted) throw new Error('aborted')
      await options.onChunk(
        chunk.start,
        chunk.tasks.map((t) => run(t, options.k)),
      )
    }
    return
  }
  const done = new Map<number, TaskResult[]>()
  let nextToEmit = 0
  let nextToSend = 0
  const emitReady = async () => {
    while (nextToEmit < chunks.length && done.has(nextToEmit)) {
      const results = done.get(nextToEmit)!
      done.delete(nextToEmit)
      await options.onChunk(chunks[nextToEmit]!.start, results)
      nextToEmit++
    }
  }
  const pool = Array.from(
    { length: Math.min(options.workers, chunks.length) },
    () => new Worker(new URL('./worker.ts', import.meta.url)),
  )
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false
      let emitting = Promise.resolve()
      const send = (worker: Worker) => {
        if (failed || options.signal?.aborted) return
        if (nextToSend >= chunks.length) return
        const id = nextToSend++
        worker.postMessage({ id, tasks: chunks[id]!.tasks, k: options.k, labels: options.labels })
      }
      for (const worker of pool) {
        worker.onmessage = (
          event: MessageEvent<{ id: number; ready?: true; results?: TaskResult[]; error?: string }>,
        ) => {
          if (event.data.ready) return
          if (event.data.error !== undefined) {
            failed = true
            reject(new Error(`battle worker failed: ${event.data.error}`))
            return
          }
          done.set(event.data.id, event.data.results!)
          emitting = emitting.then(emitReady).then(() => {
            if (nextToEmit === chunks.length) resolve()
          }, reject)
          send(worker)
        }
        worker.onerror = (event) => {
          failed = true
          reject(new Error(`battle worker crashed: ${event.message}`))
        }
        send(worker)
        send(worker)
      }
      if (chunks.length === 0) resolve()
    })
  } finally {
    for (const worker of pool) worker.terminate()
  }
}
