import { runTask, type ThreadLocal } from './kernels.ts'
import type { SharedTraining } from './shared-training.ts'

/**
 * How training threads hand out tasks through one shared `Int32Array` (no messages in the hot path:
 * a job costs two atomic writes and a notify, about as much as a small histogram).
 *
 * `CLAIM` packs a job generation (15 bits) and the number of tasks not yet claimed (16 bits). A
 * thread claims by compare-and-swap (remaining − 1) and only then reads the job's arguments: a job
 * with an unclaimed task cannot finish, so its arguments cannot change under the reader, and a
 * thread that woke late can never run a task of the wrong job.
 */
export const CLAIM = 0
/** Tasks of the current job finished (by any thread). */
export const DONE = 1
export const N_TASKS = 2
/** Set to 1 to make workers exit. */
export const STOP = 3
/** Set to 1 when a task threw; the message is in the error bytes. */
export const FAILED = 4
/** Workers that have started and wait for jobs. */
export const READY = 5
export const CONTROL_WORDS = 8
export const MAX_TASKS = 0xffff
/**
 * How long a waiting thread keeps polling before it sleeps (ms). Why spin at all: a tree is ~15
 * jobs a few hundred µs to a few ms apart, and a sleeping thread on an idle VM core takes tens of
 * µs or more to wake (futex + an idle vCPU), paid twice per job; half a millisecond of polling
 * covers the gaps inside a tree and between trees, and costs nothing on an idle second core.
 */
export const SPIN_MS = 0.5
/** Polls between two clock reads while spinning. */
export const SPINS_PER_CLOCK_READ = 64
/** Bytes kept for the first error message. */
export const ERROR_BYTES = 1024

/** Shared control words and error text of a team (posted to each worker with the buffers). */
export interface TeamControl {
  control: Int32Array
  errorText: Uint8Array
}

/**
 * Creates the control block of a team.
 *
 * @example
 * const team = createTeamControl()
 */
export function createTeamControl(): TeamControl {
  return {
    control: new Int32Array(new SharedArrayBuffer(CONTROL_WORDS * 4)),
    errorText: new Uint8Array(new SharedArrayBuffer(ERROR_BYTES)),
  }
}

/**
 * Returns once the claim word differs from `seen` (a new job) or `STOP` is set: polls for
 * `SPIN_MS`, then sleeps on the claim word.
 *
 * @example
 * waitForNextJob(control, seen)
 */
export function waitForNextJob(control: Int32Array, seen: number): void {
  const sleepAt = performance.now() + SPIN_MS
  let spins = 0
  while (Atomics.load(control, CLAIM) === seen && Atomics.load(control, STOP) === 0) {
    if (++spins % SPINS_PER_CLOCK_READ === 0 && performance.now() > sleepAt) {
      Atomics.wait(control, CLAIM, seen)
    }
  }
}

/**
 * Claims and runs tasks until the current job has none left; returns the last `CLAIM` value seen
 * (a worker waits for it to change). A task that throws is recorded in `FAILED` and still counted
 * as done, so no thread waits forever; the main thread turns it into an error.
 *
 * @example
 * drainTasks(team, shared, local)
 */
export function drainTasks(team: TeamControl, shared: SharedTraining, local: ThreadLocal): number {
  const { control } = team
  let claim = Atomics.load(control, CLAIM)
  while ((claim & MAX_TASKS) !== 0) {
    const previous = Atomics.compareExchange(control, CLAIM, claim, claim - 1)
    if (previous !== claim) {
      claim = previous
      continue
    }
    const nTasks = Atomics.load(control, N_TASKS)
    try {
      runTask(shared, nTasks - (claim & MAX_TASKS), local)
    } catch (error) {
      recordFailure(team, error)
    }
    if (Atomics.add(control, DONE, 1) + 1 === nTasks) Atomics.notify(control, DONE)
    claim = Atomics.load(control, CLAIM)
  }
  return claim
}

function recordFailure(team: TeamControl, error: unknown): void {
  if (Atomics.compareExchange(team.control, FAILED, 0, 1) !== 0) return
  const text = new TextEncoder().encode(
    error instanceof Error ? (error.stack ?? error.message) : String(error),
  )
  team.errorText.set(text.subarray(0, ERROR_BYTES))
}

/** The first recorded task failure, or null. */
export function failureMessage(team: TeamControl): string | null {
  if (Atomics.load(team.control, FAILED) === 0) return null
  const end = team.errorText.indexOf(0)
  return new TextDecoder().decode(team.errorText.slice(0, end < 0 ? ERROR_BYTES : end))
}
