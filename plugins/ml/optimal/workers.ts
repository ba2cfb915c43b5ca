import { KernelError } from '../../../core/errors.ts'
import { callingThread, type ThreadLike } from '../calling-thread.ts'
import { createOptimalHandler } from './handler.ts'
import type { OptimalJob } from './job.ts'
import type { OptimalJobRunner } from './service.ts'

export interface OptimalWorkersOptions {
  /** Solves allowed to wait; more are refused (`OPTIMAL_BUSY`) rather than queued without bound. */
  readonly maxQueue: number
  /** A solve running longer (its own time limit failed to stop it) is killed: `OPTIMAL_TIME_LIMIT`. */
  readonly hardTimeoutMs: number
  /**
   * Solves on the calling thread instead of a worker (test kernels, `ML_OPTIMAL_WORKER=false`): no
   * worker's cold start (the battle engine loaded again), but a solve then holds the thread.
   */
  readonly inThread?: boolean
  /** Threads per solve (2: a second thread sweeps beside the worker, see `SweepTeam`); default 1. */
  readonly sweepThreads?: number
}

export interface OptimalWorkers {
  readonly run: OptimalJobRunner
  close(): void
}

/**
 * One optimal-play worker thread, solves one at a time in arrival order. The solve stops itself at
 * its time limit (a coded refusal); the hard timeout only guards against a worker that hangs.
 *
 * @example const workers = createOptimalWorkers({ maxQueue: 16, hardTimeoutMs: 20_000 })
 */
export function createOptimalWorkers(options: OptimalWorkersOptions): OptimalWorkers {
  type Entry = {
    job: OptimalJob
    resolve: (value: Awaited<ReturnType<OptimalJobRunner>>) => void
    reject: (error: Error) => void
  }
  const waiting: Entry[] = []
  let worker: ThreadLike | undefined
  let busy = false
  let closed = false
  let nextId = 0
  const pump = () => {
    if (busy || closed) return
    const entry = waiting.shift()
    if (!entry) return
    busy = true
    worker ??= options.inThread
      ? callingThread(createOptimalHandler())
      : new Worker(new URL('./worker.ts', import.meta.url))
    const current = worker
    const id = ++nextId
    const finish = (settle: () => void) => {
      clearTimeout(timer)
      busy = false
      settle()
      pump()
    }
    const timer = setTimeout(() => {
      current.terminate()
      worker = undefined
      finish(() =>
        entry.resolve({
          error: {
            code: 'OPTIMAL_TIME_LIMIT',
            message: `the solve took longer than ${options.hardTimeoutMs} ms`,
            limit: options.hardTimeoutMs,
          },
        }),
      )
    }, options.hardTimeoutMs)
    current.onmessage = (event: MessageEvent) => {
      const data = event.data as { id: number; crash?: string } & Awaited<ReturnType<OptimalJobRunner>>
      if (data.id !== id) return
      if (data.crash !== undefined) finish(() => entry.reject(new KernelError('OPTIMAL_FAILED', data.crash!)))
      else
        finish(() =>
          entry.resolve({
            ...(data.advice ? { advice: data.advice } : {}),
            ...(data.error ? { error: data.error } : {}),
          }),
        )
    }
    current.onerror = (event) => {
      worker = undefined
      finish(() =>
        entry.reject(new KernelError('OPTIMAL_FAILED', `optimal-play worker crashed: ${event.message}`)),
      )
    }
    current.postMessage({ id, job: entry.job, sweepThreads: options.sweepThreads ?? 1 })
  }
  return {
    run(job) {
      if (closed)
        return Promise.reject(new KernelError('OPTIMAL_CLOSED', 'the optimal-play workers are stopped'))
      if (waiting.length >= options.maxQueue) {
        return Promise.reject(
          new KernelError('OPTIMAL_BUSY', `${options.maxQueue} optimal-play solves are already waiting`),
        )
      }
      return new Promise((resolve, reject) => {
        waiting.push({ job, resolve, reject })
        pump()
      })
    },
    close() {
      closed = true
      worker?.terminate()
      worker = undefined
      for (const entry of waiting.splice(0))
        entry.reject(new KernelError('OPTIMAL_CLOSED', 'the optimal-play workers are stopped'))
    },
  }
}
