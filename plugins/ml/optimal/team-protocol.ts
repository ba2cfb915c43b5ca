import type { MessagePort } from 'node:worker_threads'
import type { SharedChunks } from './chunk-schedule.ts'
import type { PackedGame } from './team-game.ts'

/**
 * What the two threads of a shared sweep agree on (see `sweep-team.ts`, `sweep-helper.ts`): the
 * slots of the control array (an Int32Array over a SharedArrayBuffer, one per solve) and the
 * messages.
 */
export const Slot = {
  /** 1 while the helper may claim or sweep chunks of this solve. */
  helperBusy: 0,
  /** Chunks the helper swept (its mixed cells then come in a message), or slots of a slots job. */
  helperChunks: 1,
  /** The leader stopped (error, time limit) or is done: the helper leaves at once. */
  abort: 2,
  /** The helper failed (its chunk may be unfinished): the leader sweeps alone again. */
  helperFailed: 3,
  /** CPU time (µs) the helper spent on the job (its set-up and chunks), to judge whether it had a core. */
  helperCpuUs: 4,
  /** Wall time (µs) the helper spent on the job, but for its sleeps waiting for the leader's chunks. */
  helperActiveUs: 5,
} as const
export const CONTROL_SLOTS = 8

/**
 * The hand-over's timeline (a Float64Array over a SharedArrayBuffer, one per solve): when the
 * leader posted the job and when the helper had it, had built its sweeper and began its first
 * chunk, in ms since the epoch (`performance.timeOrigin + performance.now()`: one clock for both
 * threads). What `TeamStats.helperStartMs` reports: how late the helper joins a sweep.
 */
export const Time = { posted: 0, received: 1, ready: 2, firstChunk: 3 } as const
export const TIME_SLOTS = 4

/** Now on the clock both threads share (see `Time`). */
export const sharedClock = () => performance.timeOrigin + performance.now()

/** Leader → helper (worker message), first: the port for results, and the flag it sets once started. */
export interface InitMessage {
  readonly kind: 'init'
  readonly port: MessagePort
  /** [0]: the helper sets 1 when it reads this message (its code is loaded). */
  readonly started: Int32Array
}

/**
 * Leader → helper (worker message), once the leader has explored and laid out the game and chose
 * to sweep it together: the game packed over shared buffers (the helper does not explore it
 * again, and posting it copies nothing), the shared tables, and the control array of this solve.
 */
export interface JobMessage {
  readonly kind: 'job'
  readonly jobId: number
  readonly control: Int32Array
  readonly times: Float64Array
  readonly game: PackedGame
  readonly grid: Float64Array
  readonly strategies: SharedArrayBuffer
  readonly chunks: SharedChunks
  readonly tolerance: number
  readonly timeLimitMs: number
}

/**
 * Leader → helper (worker message), after a solve: sweeps of one game that each thread does whole
 * (the best-single-move values: `team-slots.ts`). Each thread claims the next slot (`next[0]`),
 * writes its value (`values[slot]`) unless another slot beat it already, then marks it done
 * (`done[slot]` = 1).
 */
export interface SlotsMessage {
  readonly kind: 'slots'
  readonly jobId: number
  readonly control: Int32Array
  readonly game: PackedGame
  /** Where the starting state's cell is in the value table (`Layout.gridAt` + the HP). */
  readonly rootAt: number
  readonly count: number
  /** `next[0]` indexes `order`: the slots, highest bound first. */
  readonly next: Int32Array
  readonly order: Int32Array
  /** Per slot: a value it cannot beat (+∞ when none is known); a slot beaten already is not swept. */
  readonly bounds: Float64Array
  /** Per slot: its value, NaN until swept (or when beaten). */
  readonly values: Float64Array
  readonly done: Int32Array
  readonly timeLimitMs: number
}

/** Helper → leader (port), when it swept rows: its mixed cells and what did not settle. */
export interface ResultMessage {
  readonly jobId: number
  /** (node, cell, A's then B's probabilities) of every mixed cell the helper recorded. */
  readonly mixed: readonly (readonly [number, number, Float64Array])[]
  readonly residual: number
}

/** Thrown inside a wait when the other thread asks to stop. */
export class SweepStopped extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'SweepStopped'
  }
}

/**
 * Waits until `done()` (sleeping up to `sleepMs` at a time on `control[slot]`), calling `check`
 * between sleeps (it throws to stop); false after `timeoutMs`.
 */
export function waitUntil(
  control: Int32Array,
  slot: number,
  done: () => boolean,
  check: () => void,
  timeoutMs = Number.POSITIVE_INFINITY,
): boolean {
  const started = performance.now()
  while (!done()) {
    check()
    if (performance.now() - started > timeoutMs) return false
    Atomics.wait(control, slot, Atomics.load(control, slot), 0.2)
  }
  return true
}
