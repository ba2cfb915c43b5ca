import { Time } from './team-protocol.ts'

/** Counts since the team began; per shared sweep, the last `SWEEPS_KEPT` sweeps. */
export interface TeamStats {
  readonly together: number
  readonly alone: number
  readonly resting: number
  /** Slots jobs shared with the helper (see `TeamRun.slots`), and the slots it had swept when the leader had every value. */
  readonly slotJobs: number
  readonly helperSlots: number
  readonly chunks: number
  readonly helperChunks: number
  /** Per shared sweep: the CPU time both threads got over its wall time (2 when both had a core). */
  readonly cores: readonly number[]
  /** Per shared sweep: the smaller share of its working time a thread had a core (see `minShare`). */
  readonly shares: readonly number[]
  /**
   * Per shared sweep: ms from the leader posting the job to the helper having it, having built its
   * sweeper, beginning its first chunk (NaN for what it did not get to): what the hand-over costs.
   */
  readonly handOver: readonly HandOver[]
  /** Per shared sweep: its wall time on the leader, from packing the game to the helper's result (ms). */
  readonly sweepMs: readonly number[]
}

/** See `TeamStats.handOver`. */
export interface HandOver {
  readonly receivedMs: number
  readonly readyMs: number
  readonly firstChunkMs: number
}

/** Shared sweeps whose figures `stats` keeps (a served team lives for months of solves). */
export const SWEEPS_KEPT = 10_000

/** Appends `value`, dropping the oldest entries past `kept`. */
export function keepLast<T>(list: T[], value: T, kept = SWEEPS_KEPT): void {
  list.push(value)
  if (list.length > kept) list.splice(0, list.length - kept)
}

/** The helper's timeline of one job, from the post (see `Time`). */
export function handOverOf(times: Float64Array): HandOver {
  const since = (slot: number) => (times[slot]! > 0 ? times[slot]! - times[Time.posted]! : Number.NaN)
  return {
    receivedMs: since(Time.received),
    readyMs: since(Time.ready),
    firstChunkMs: since(Time.firstChunk),
  }
}
