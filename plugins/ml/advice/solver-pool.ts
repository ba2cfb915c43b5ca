import type { PairOutcome } from '../../../core/contracts/advisor.ts'
import { KernelError } from '../../../core/errors.ts'
import { createSolveHandler, type SolveJob, type SolveReply } from './solve-job.ts'

/** What a solve gave: an exact answer, a refusal (unmodelled mechanic), or "too slow". */
export type SolveResult =
  | { readonly kind: 'exact'; readonly outcome: PairOutcome }
  | { readonly kind: 'unsupported'; readonly reason: string }
  | { readonly kind: 'too-slow'; readonly reason: string }

export interface SolverPool {
  /**
   * Solves a pair off the request thread; concurrent calls for the same `key` share one solve
   * (a deferred one rejoins the solves clients wait for).
   */
  solve(job: Omit<SolveJob, 'id'>, key: string): Promise<SolveResult>
  /**
   * Moves a waiting solve behind every solve a client is waiting for: its answer only fills the
   * cache now (its request already answered with the fallback). No effect once it runs.
   */
  defer(key: string): void
  /** Undoes `defer`: a client waits for that solve again. No effect once it runs. */
  promote(key: string): void
  /** Solves waiting or running. */
  backlog(): number
  /**
   * Starts every worker and has each solve a small pair, so that the first requests after a start
   * get exact answers within the advice budget instead of the model's (a cold worker loads the
   * battle engine first: seconds). Resolves with the number of workers ready.
   */
  warm(): Promise<number>
  close(): void
}

export interface SolverPoolOptions {
  /**
   * Worker threads. 0 solves on the calling thread, one solve at a time, with no worker to start
   * (test kernels: a worker's cold start loads the battle engine again, ≈ 1 CPU-second); a solve
   * then holds the thread until it ends, so neither a budget nor `hardTimeoutMs` can cut it short.
   */
  readonly size: number
  /** Solves allowed to wait; more are refused (`ML_SOLVER_BUSY`) rather than queued without bound. */
  readonly maxQueue: number
  /** A solve running longer is stopped (its worker replaced) and reported `too-slow`. */
  readonly hardTimeoutMs: number
}

/**
 * Persistent solver workers. Unlike simulations, a solve that outlives the caller's patience is
 * not killed at the caller's deadline: it finishes and fills the advisor's cache for the next
 * request. Only a solve past `hardTimeoutMs` (a pathological battle) is stopped.
 *
 * @example
 * const pool = createSolverPool({ size: 1, maxQueue: 2000, hardTimeoutMs: 60_000 })
 * const result = await pool.solve({ a: 'pikachu', moveA: 'thunderbolt', b: 'squirtle', moveB: 'tackle', slugs }, key)
 */
export function createSolverPool(options: SolverPoolOptions): SolverPool {
  type Job = {
    job: Omit<SolveJob, 'id'>
    key: string
    resolve: (r: SolveResult) => void
    reject: (e: Error) => void
  }
  // two queues: solves a client waits for, then solves that only fill the cache (deferred), so
  // a backlog left by answered requests never delays a live one
  const waiting: Job[] = []
  const deferred: Job[] = []
  const inFlight = new Map<string, Promise<SolveResult>>()
  const idle: SolverThread[] = []
  const all = new Set<SolverThread>()
  const inThread = options.size === 0
  const threads = Math.max(1, options.size)
  let running = 0
  let closed = false
  let nextId = 0

  const spawn = () => {
    const worker = inThread ? callingThread() : new Worker(new URL('./solver-worker.ts', import.meta.url))
    all.add(worker)
    return worker
  }

  const runOn = (worker: SolverThread, entry: Job) => {
    const id = ++nextId
    running++
    const finish = (result: SolveResult | Error, keep: boolean) => {
      clearTimeout(timer)
      running--
      if (keep) idle.push(worker)
      if (result instanceof Error) entry.reject(result)
      else entry.resolve(result)
      pump()
    }
    const timer = setTimeout(() => {
      worker.terminate()
      all.delete(worker)
      finish({ kind: 'too-slow', reason: `the exact solve took over ${options.hardTimeoutMs} ms` }, false)
    }, options.hardTimeoutMs)
    worker.onmessage = (event) => {
      const data = event.data
      if (data.id !== id) return
      if ('outcome' in data) finish({ kind: 'exact', outcome: data.outcome }, true)
      else if ('unsupported' in data) finish({ kind: 'unsupported', reason: data.unsupported }, true)
      else finish(new KernelError('ML_SOLVER_FAILED', data.error ?? 'the solver failed'), true)
    }
    worker.onerror = (event) => {
      all.delete(worker)
      finish(new KernelError('ML_SOLVER_FAILED', `solver worker crashed: ${event.message}`), false)
    }
    worker.postMessage({ id, ...entry.job })
  }

  function pump() {
    while (waiting.length + deferred.length > 0 && !closed) {
      let worker = idle.pop()
      if (!worker && all.size < threads) worker = spawn()
      if (!worker) return
      runOn(worker, (waiting.shift() ?? deferred.shift())!)
    }
  }

  /** Moves the job of `key` from one queue to the other (no-op when it is not there). */
  const move = (key: string, from: Job[], to: Job[]) => {
    const at = from.findIndex((entry) => entry.key === key)
    if (at >= 0) to.push(...from.splice(at, 1))
  }

  return {
    solve(job, key) {
      const known = inFlight.get(key)
      if (known) {
        move(key, deferred, waiting)
        return known
      }
      if (closed) return Promise.reject(new KernelError('ML_SOLVER_CLOSED', 'the solver pool is stopped'))
      if (waiting.length + deferred.length >= options.maxQueue) {
        return Promise.reject(
          new KernelError('ML_SOLVER_BUSY', `${options.maxQueue} exact solves are already waiting`),
        )
      }
      const promise = new Promise<SolveResult>((resolve, reject) => {
        waiting.push({ job, key, resolve, reject })
        pump()
      }).finally(() => inFlight.delete(key))
      inFlight.set(key, promise)
      return promise
    },
    defer: (key) => move(key, waiting, deferred),
    promote: (key) => move(key, deferred, waiting),
    backlog: () => waiting.length + deferred.length + running,
    async warm() {
      const small = { a: 'pikachu', moveA: 'thunderbolt', b: 'squirtle', moveB: 'tackle' }
      const solves = Array.from({ length: options.size }, (_, i) =>
        this.solve({ ...small, slugs: { moveA: 'thunderbolt', moveB: 'tackle' } }, `warm-up ${i}`),
      )
      await Promise.all(solves)
      return inThread ? 0 : all.size
    },
    close() {
      closed = true
      for (const worker of all) worker.terminate()
      all.clear()
      idle.length = 0
      for (const entry of [...waiting.splice(0), ...deferred.splice(0)])
        entry.reject(new KernelError('ML_SOLVER_CLOSED', 'the solver pool is stopped'))
    },
  }
}

/** What the pool needs of a solver thread: a `Worker`, or the calling thread (`callingThread`). */
interface SolverThread {
  onmessage: ((event: MessageEvent<SolveReply>) => void) | null
  onerror: ((event: ErrorEvent) => void) | null
  postMessage(job: SolveJob): void
  terminate(): void
}

/**
 * The calling thread dressed as a solver worker: a job is solved on a later turn of the event loop
 * (so the caller's own timers are set first) and answered at once; after `terminate` nothing is.
 */
function callingThread(): SolverThread {
  const solve = createSolveHandler()
  let stopped = false
  const thread: SolverThread = {
    onmessage: null,
    onerror: null,
    postMessage(job) {
      setTimeout(() => {
        if (!stopped) thread.onmessage?.(new MessageEvent('message', { data: solve(job) }))
      }, 0)
    },
    terminate() {
      stopped = true
    },
  }
  return thread
}
