import type { SweepGraph } from './graph.ts'
import type { Layout } from './layout.ts'
import type { Reach } from './reach.ts'
import type { SlotsMessage } from './team-protocol.ts'
import { SweepStopped } from './team-protocol.ts'

/** What a slot's sweep reads of a solved game (a helper thread has it unpacked: `team-game.ts`). */
export interface SlotGame {
  readonly graph: SweepGraph
  readonly reach: Reach
  readonly layout: Layout
}

/**
 * Sweeps one slot whole and returns its value; `check` (when given) is called between stretches of
 * rows and throws to stop.
 */
export type SlotSweep = (slot: number, check?: () => void) => number

/** The shared part of a slots job (see `SlotsMessage`). */
export type SlotsJob = Pick<SlotsMessage, 'next' | 'order' | 'bounds' | 'values' | 'done' | 'count'>

/**
 * The shared arrays of a slots job: nothing claimed, nothing done, every value NaN (not swept).
 * Slots are claimed highest bound first (`bounds[slot]`: a value the slot cannot beat; +∞ when
 * none is known), the lower slot first among equal bounds.
 */
export function slotTables(bounds: readonly number[]): SlotsJob {
  const count = bounds.length
  const order = [...bounds.keys()].sort((x, y) => bounds[y]! - bounds[x]! || x - y)
  const job = {
    count,
    next: new Int32Array(new SharedArrayBuffer(4)),
    order: new Int32Array(new SharedArrayBuffer(4 * Math.max(1, count))),
    bounds: new Float64Array(new SharedArrayBuffer(8 * Math.max(1, count))),
    values: new Float64Array(new SharedArrayBuffer(8 * Math.max(1, count))).fill(Number.NaN),
    done: new Int32Array(new SharedArrayBuffer(4 * Math.max(1, count))),
  }
  job.order.set(order)
  job.bounds.set(bounds)
  return job
}

/**
 * Whether `slot` cannot be the best any more: a slot done has a value above its bound, or equal to
 * it with a lower index (the first slot wins a tie, as in a plain loop over the slots).
 */
export function beaten(job: SlotsJob, slot: number): boolean {
  const bound = job.bounds[slot]!
  for (let other = 0; other < job.count; other++) {
    if (Atomics.load(job.done, other) !== 1) continue
    const value = job.values[other]!
    if (bound < value || (bound === value && other < slot)) return true
  }
  return false
}

/**
 * Claims the job's slots one at a time, in order, until none is left: a slot already beaten (see
 * `beaten`) is marked done unswept (NaN), any other is swept whole. What both threads run. The
 * value is written before the slot is marked done, so a reader that sees it done reads the value.
 */
export function claimSlots(job: SlotsJob, sweepSlot: SlotSweep): void {
  for (;;) {
    const claimed = Atomics.add(job.next, 0, 1)
    if (claimed >= job.count) return
    const slot = job.order[claimed]!
    if (!beaten(job, slot)) job.values[slot] = sweepSlot(slot)
    Atomics.store(job.done, slot, 1)
    Atomics.notify(job.done, slot)
  }
}

/**
 * The leader's part of a slots job: it claims slots beside the helper; then every slot the helper
 * claimed but has not finished, unless beaten already, it sweeps too, stopping as soon as the
 * helper's value is in or another slot beats it. Why: the leader would only wait otherwise, and a
 * helper that lost its core or failed then costs at most one slot's time; both threads compute a
 * slot's value the same way, to the bit, so it does not matter whose value is kept.
 *
 * @returns the values by slot (NaN: beaten, not swept)
 */
export function leadSlots(job: SlotsJob, sweepSlot: SlotSweep): number[] {
  claimSlots(job, sweepSlot)
  for (let slot = 0; slot < job.count; slot++) {
    if (Atomics.load(job.done, slot) === 1 || beaten(job, slot)) continue
    const stop = () => {
      if (Atomics.load(job.done, slot) === 1 || beaten(job, slot))
        throw new SweepStopped('the helper swept the slot, or another beat it')
    }
    try {
      const value = sweepSlot(slot, stop)
      if (Atomics.load(job.done, slot) === 0) job.values[slot] = value
    } catch (error) {
      if (!(error instanceof SweepStopped)) throw error
    }
  }
  // each entry is NaN or that slot's value, whoever wrote it (a helper still sweeping a beaten slot
  // may write it later: the same value)
  return Array.from({ length: job.count }, (_, slot) => job.values[slot]!)
}

/**
 * The best slot of `values` (NaN: not swept) and its value; the first among equals.
 *
 * @example bestSlot([0.2, Number.NaN, 0.5]) // { slot: 2, value: 0.5 }
 */
export function bestSlot(values: readonly number[]): { slot: number; value: number } {
  let best = { slot: 0, value: Number.NEGATIVE_INFINITY }
  values.forEach((value, slot) => {
    if (value > best.value) best = { slot, value }
  })
  return best
}
