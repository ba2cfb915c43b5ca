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

/** The shared arrays of a slots job (see `SlotsMessage`): nothing claimed, nothing done. */
export function slotTables(count: number) {
  return {
    next: new Int32Array(new SharedArrayBuffer(4)),
    values: new Float64Array(new SharedArrayBuffer(8 * Math.max(1, count))),
    done: new Int32Array(new SharedArrayBuffer(4 * Math.max(1, count))),
  }
}

/**
 * Claims the job's slots one at a time until none is left, sweeping each whole: what both threads
 * run. The value is written before the slot is marked done, so a reader that sees it done reads
 * the value.
 */
export function claimSlots(
  job: Pick<SlotsMessage, 'next' | 'values' | 'done' | 'count'>,
  sweepSlot: SlotSweep,
) {
  for (;;) {
    const slot = Atomics.add(job.next, 0, 1)
    if (slot >= job.count) return
    job.values[slot] = sweepSlot(slot)
    Atomics.store(job.done, slot, 1)
    Atomics.notify(job.done, slot)
  }
}

/**
 * The leader's part of a slots job: it claims slots beside the helper; then every slot the helper
 * claimed but has not finished, it sweeps too, stopping as soon as the helper's value is in. Why:
 * the leader would only wait otherwise, and a helper that lost its core or failed then costs at
 * most one slot's time; both threads compute a slot's value the same way, to the bit, so it does
 * not matter whose value is kept.
 *
 * @returns the values by slot
 */
export function leadSlots(
  job: Pick<SlotsMessage, 'next' | 'values' | 'done' | 'count'>,
  sweepSlot: SlotSweep,
): number[] {
  claimSlots(job, sweepSlot)
  for (let slot = 0; slot < job.count; slot++) {
    if (Atomics.load(job.done, slot) === 1) continue
    const helperDone = () => {
      if (Atomics.load(job.done, slot) === 1) throw new SweepStopped('the helper swept the slot')
    }
    try {
      const value = sweepSlot(slot, helperDone)
      if (Atomics.load(job.done, slot) === 0) job.values[slot] = value
    } catch (error) {
      if (!(error instanceof SweepStopped)) throw error
    }
  }
  return Array.from(job.values.subarray(0, job.count))
}
