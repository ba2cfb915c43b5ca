import { GbdtError } from './errors.ts'
import { createThreadLocal, runTask } from './kernels.ts'
import type { SharedTraining } from './shared-training.ts'
import {
  CLAIM,
  createTeamControl,
  DONE,
  drainTasks,
  failureMessage,
  MAX_TASKS,
  N_TASKS,
  READY,
  SPIN_MS,
  SPINS_PER_CLOCK_READ,
  STOP,
  type TeamControl,
} from './team-protocol.ts'

/** Threads (the calling thread included) sharing the jobs of one training run. */
export interface TrainingTeam {
  readonly threads: number
  /**
   * Runs tasks `0..nTasks` of the job whose arguments are in `shared.intArgs`/`floatArgs` and returns
   * when every task is done. `alone` runs them on the calling thread (small jobs, where waking a
   * worker costs more than the work); the result is the same either way.
   */
  run(nTasks: number, alone?: boolean): void
  /** Stops the workers (idempotent). */
  close(): void
}

/** How long the main thread waits for a worker to start before giving up. */
const START_TIMEOUT_MS = 30_000
/** A task of one job taking longer than this means a worker died (tasks take milliseconds). */
const STALL_TIMEOUT_MS = 600_000

/**
 * Starts `threads − 1` workers on the run's shared memory (synchronously: the caller blocks until
 * they are ready) and returns the team; with `threads` = 1 no worker is started and every job runs
 * on the calling thread.
 *
 * @example
 * const team = createTrainingTeam(shared, 2)
 * try { ... team.run(nTasks) ... } finally { team.close() }
 */
export function createTrainingTeam(shared: SharedTraining, threads: number): TrainingTeam {
  if (threads <= 1) return soloTeam(shared)
  const local = createThreadLocal()
  const team = createTeamControl()
  const { control } = team
  const workers: Worker[] = []
  let generation = 0
  let closed = false
  const close = () => {
    if (closed) return
    closed = true
    Atomics.store(control, STOP, 1)
    Atomics.notify(control, CLAIM)
    for (const worker of workers) worker.terminate()
  }
  try {
    for (let i = 1; i < threads; i++) {
      const worker = new Worker(new URL('./team-worker.ts', import.meta.url))
      worker.postMessage({ buffers: shared.buffers, team })
      workers.push(worker)
    }
    waitForWorkers(control, threads - 1)
  } catch (error) {
    close()
    throw error
  }
  return {
    threads,
    run(nTasks, alone = false) {
      if (nTasks > MAX_TASKS) throw new GbdtError('GBDT_THREAD_FAILED', `${nTasks} tasks in one job`)
      if (alone) {
        for (let t = 0; t < nTasks; t++) runTask(shared, t, local)
        return
      }
      generation = (generation + 1) & 0x7fff
      Atomics.store(control, DONE, 0)
      Atomics.store(control, N_TASKS, nTasks)
      Atomics.store(control, CLAIM, (generation << 16) | nTasks)
      Atomics.notify(control, CLAIM)
      drainTasks(team, shared, local)
      waitForJob(control, nTasks)
      throwOnFailure(team)
    },
    close,
  }
}

function soloTeam(shared: SharedTraining): TrainingTeam {
  const local = createThreadLocal()
  return {
    threads: 1,
    run(nTasks) {
      for (let t = 0; t < nTasks; t++) runTask(shared, t, local)
    },
    close() {},
  }
}

function waitForWorkers(control: Int32Array, expected: number): void {
  const deadline = performance.now() + START_TIMEOUT_MS
  for (;;) {
    const ready = Atomics.load(control, READY)
    if (ready >= expected) return
    const left = deadline - performance.now()
    if (left <= 0) {
      throw new GbdtError(
        'GBDT_THREAD_FAILED',
        `${ready} of ${expected} training workers started within ${START_TIMEOUT_MS} ms`,
      )
    }
    Atomics.wait(control, READY, ready, left)
  }
}

function waitForJob(control: Int32Array, nTasks: number): void {
  const sleepAt = performance.now() + SPIN_MS
  let spins = 0
  let lastDone = -1
  let since = 0
  for (;;) {
    const done = Atomics.load(control, DONE)
    if (done >= nTasks) return
    if (++spins % SPINS_PER_CLOCK_READ !== 0 || performance.now() < sleepAt) continue
    if (done !== lastDone) {
      lastDone = done
      since = performance.now()
    } else if (performance.now() - since > STALL_TIMEOUT_MS) {
      throw new GbdtError(
        'GBDT_THREAD_FAILED',
        `a training worker made no progress for ${STALL_TIMEOUT_MS / 1000} s (${done} of ${nTasks} tasks done)`,
      )
    }
    Atomics.wait(control, DONE, done, 1000)
  }
}

function throwOnFailure(team: TeamControl): void {
  const message = failureMessage(team)
  if (message !== null) throw new GbdtError('GBDT_THREAD_FAILED', `a training thread failed: ${message}`)
}
