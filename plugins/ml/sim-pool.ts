import { KernelError } from '../../core/errors.ts'
import type { TaskResult } from './dataset/run-task.ts'
import type { MatchupTask } from './dataset/tasks.ts'

/**
 * A small persistent pool of battle workers for on-demand simulations (the API's `/simulate`):
 * battles never run on the request thread, at most `size` run at once, at most `queue` wait, and
 * a simulation over its time limit is stopped by terminating its worker (a fresh one replaces it).
 */
export function createSimulationPool(options: { size: number; queue: number; timeoutMs: number }) {
  type Job = { task: MatchupTask; k: number; resolve: (r: TaskResult) => void; reject: (e: Error) => void }
  const idle: Worker[] = []
  const all = new Set<Worker>()
  const waiting: Job[] = []
  let live = 0
  let closed = false
  let nextId = 0
  const spawn = () => {
    const worker = new Worker(new URL('./dataset/worker.ts', import.meta.url))
    all.add(worker)
    return worker
  }

  const runOn = (worker: Worker, job: Job) => {
    const id = ++nextId
    const timer = setTimeout(() => {
      worker.terminate()
      all.delete(worker)
      live--
      job.reject(
        new KernelError(
          'ML_SIMULATION_TIMEOUT',
          `simulation exceeded ${options.timeoutMs} ms; ask for fewer battles`,
        ),
      )
      pump()
    }, options.timeoutMs)
    worker.onmessage = (event: MessageEvent<{ id: number; results?: TaskResult[]; error?: string }>) => {
      if (event.data.id !== id) return
      clearTimeout(timer)
      if (event.data.error !== undefined)
        job.reject(new KernelError('ML_SIMULATION_FAILED', event.data.error))
      else job.resolve(event.data.results![0]!)
      idle.push(worker)
      pump()
    }
    worker.postMessage({ id, tasks: [job.task], k: job.k })
  }

  function pump() {
    while (waiting.length > 0 && !closed) {
      let worker = idle.pop()
      if (!worker && live < options.size) {
        worker = spawn()
        live++
      }
      if (!worker) return
      runOn(worker, waiting.shift()!)
    }
  }

  return {
    run(task: MatchupTask, k: number): Promise<TaskResult> {
      if (closed)
        return Promise.reject(new KernelError('ML_SIMULATION_CLOSED', 'the simulation pool is stopped'))
      const capacity = idle.length > 0 || live < options.size
      if (!capacity && waiting.length >= options.queue) {
        return Promise.reject(
          new KernelError(
            'ML_SIMULATION_BUSY',
            `${options.queue} simulations are already waiting; retry shortly`,
          ),
        )
      }
      return new Promise<TaskResult>((resolve, reject) => {
        waiting.push({ task, k, resolve, reject })
        pump()
      })
    },
    close() {
      closed = true
      for (const w of all) w.terminate()
      all.clear()
      for (const job of waiting.splice(0))
        job.reject(new KernelError('ML_SIMULATION_CLOSED', 'the simulation pool is stopped'))
    },
  }
}
