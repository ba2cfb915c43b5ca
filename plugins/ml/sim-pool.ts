import { isErrorCode } from '../../core/error-catalogue.ts'
import { KernelError } from '../../core/errors.ts'
import { callingThread, type ThreadLike } from './calling-thread.ts'
import { createBattleHandler } from './dataset/battle-handler.ts'
import type { TaskResult } from './dataset/run-task.ts'
import type { MatchupTask } from './dataset/tasks.ts'

type Job = { task: MatchupTask; k: number; resolve: (r: TaskResult) => void; reject: (e: Error) => void }
type Reply = { id?: number; ready?: true; results?: TaskResult[]; error?: string }

/**
 * A small persistent pool of battle workers for on-demand simulations (the API's `/simulate`):
 * battles never run on the request thread, at most `size` run at once, at most `queue` wait, and
 * a simulation over its time limit is stopped by terminating its worker.
 *
 * Why the ready handshake: a worker's cold start (loading the engine, seconds on a busy machine)
 * must not count against a simulation's budget. Counting it made a slow start time out, which
 * killed the worker, so the next call started cold again and failed the same way, for good
 * (issue 13, #2). Now a job is sent only to a worker that said `ready`, its timer starts then, and
 * a worker killed for a timeout is replaced at once, so the next call finds a warm one.
 */
export function createSimulationPool(options: {
  size: number
  queue: number
  timeoutMs: number
  /** The battle worker module (tests pass one with a slow start). */
  workerUrl?: URL
  /**
   * Battles on the calling thread instead of workers (test kernels, `ML_SIM_WORKERS=0`): no
   * worker's cold start to pay, but a simulation then holds the thread and no timeout can stop it.
   */
  inThread?: boolean
}) {
  const workerUrl = options.workerUrl ?? new URL('./dataset/worker.ts', import.meta.url)
  const idle: ThreadLike[] = []
  const all = new Set<ThreadLike>()
  const waiting: Job[] = []
  let starting = 0
  let closed = false
  let nextId = 0

  const spawn = () => {
    const worker: ThreadLike = options.inThread ? callingThread(createBattleHandler()) : new Worker(workerUrl)
    all.add(worker)
    starting++
    worker.onmessage = (event: MessageEvent<Reply>) => {
      if (!event.data.ready) return
      starting--
      idle.push(worker)
      pump()
    }
    worker.onerror = () => {
      // A worker that fails to load: forget it; the next call spawns another.
      if (!all.delete(worker)) return
      starting--
      worker.terminate()
      waiting.shift()?.reject(new KernelError('ML_SIMULATION_FAILED', 'a battle worker failed to start'))
    }
  }

  const retire = (worker: ThreadLike) => {
    worker.terminate()
    all.delete(worker)
  }

  const runOn = (worker: ThreadLike, job: Job) => {
    const id = ++nextId
    const timer = setTimeout(() => {
      retire(worker)
      job.reject(
        new KernelError(
          'ML_SIMULATION_TIMEOUT',
          `simulation exceeded ${options.timeoutMs} ms; ask for fewer battles`,
        ),
      )
      if (!closed) spawn()
    }, options.timeoutMs)
    worker.onmessage = (event: MessageEvent<Reply>) => {
      if (event.data.id !== id) return
      clearTimeout(timer)
      if (event.data.error !== undefined) job.reject(workerError(event.data.error))
      else job.resolve(event.data.results![0]!)
      idle.push(worker)
      pump()
    }
    worker.postMessage({ id, tasks: [job.task], k: job.k })
  }

  function pump() {
    while (waiting.length > 0 && !closed) {
      const worker = idle.pop()
      if (!worker) {
        if (all.size < options.size && starting < waiting.length) spawn()
        return
      }
      runOn(worker, waiting.shift()!)
    }
  }

  return {
    run(task: MatchupTask, k: number): Promise<TaskResult> {
      if (closed)
        return Promise.reject(new KernelError('ML_SIMULATION_CLOSED', 'the simulation pool is stopped'))
      const capacity = idle.length + (options.size - (all.size - starting)) - waiting.length
      if (capacity <= 0 && waiting.length >= options.queue) {
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
    /** Workers alive (starting, idle or busy); for tests and metrics. */
    size: () => all.size,
    close() {
      closed = true
      for (const w of all) w.terminate()
      all.clear()
      for (const job of waiting.splice(0))
        job.reject(new KernelError('ML_SIMULATION_CLOSED', 'the simulation pool is stopped'))
    },
  }
}

/**
 * A worker's error (`CODE: message`) as the error it was when its code is a catalogued battle
 * error — a policy the battle refuses (e.g. `optimal` over its budget) is the client's 400, not a
 * failed simulation; anything else is `ML_SIMULATION_FAILED`.
 */
function workerError(text: string): KernelError {
  const match = /^(BATTLE_[A-Z_]+): ([\s\S]*)$/.exec(text)
  if (match && isErrorCode(match[1])) return new KernelError(match[1], match[2]!)
  return new KernelError('ML_SIMULATION_FAILED', text)
}
