import type { SharedChunks } from './chunk-schedule.ts'
import type { OptimalLimits, OptimalRequest } from './solve.ts'

/**
 * What the two threads of a shared sweep agree on (see `sweep-team.ts`, `sweep-helper.ts`): the
 * slots of the control array (an Int32Array over a SharedArrayBuffer, one per solve) and the
 * messages.
 */
export const Slot = {
  /** 0 until the leader has laid the game out: 1 sweep together (buffers posted), −1 do not. */
  ready: 0,
  /** 1 while the helper may claim or sweep chunks of this solve. */
  helperBusy: 1,
  /** Chunks the helper swept (its mixed cells then come in a message). */
  helperChunks: 2,
  /** The leader stopped (error, time limit) or is done: the helper leaves at once. */
  abort: 3,
  /** The helper failed (its chunk may be unfinished): the leader sweeps alone again. */
  helperFailed: 4,
  /** CPU time (µs) the helper spent sweeping chunks, to judge whether it had a core. */
  helperCpuUs: 5,
} as const
export const CONTROL_SLOTS = 8

/** The leader's job for the helper: the same request, so the helper explores the same game. */
export interface HelperJob {
  readonly request: OptimalRequest
  readonly tracked: readonly [boolean[], boolean[]]
  readonly limits: OptimalLimits
}

/** Leader → helper (worker message): a solve begins. */
export interface JobMessage {
  readonly kind: 'job'
  readonly jobId: number
  readonly job: HelperJob
  readonly control: Int32Array
}

/** Leader → helper (port), before `ready` = 1: the shared tables and the layout's fingerprint. */
export interface BuffersMessage {
  readonly jobId: number
  readonly grid: Float64Array
  readonly strategies: SharedArrayBuffer
  readonly chunks: SharedChunks
  readonly gridSize: number
  readonly count: number
  readonly tolerance: number
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
