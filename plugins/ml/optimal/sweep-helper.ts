/**
 * The second thread of a shared sweep (see `sweep-team.ts`): for each solve the leader posts the
 * game it explored and laid out (packed over shared buffers: `team-game.ts`) with the shared
 * tables; the helper builds its own
 * row sweeper over them and claims chunks of rows beside the leader. It never decides anything
 * the leader does not: the leader chooses whether to sweep together, owns the deadline, and stops
 * the helper through `abort`. It does not explore the game itself: that was ≈ 10 % of a solve's
 * CPU, paid again on the other core, and made the helper start late when its thread was slower.
 * In: `{ kind: 'init', port }` once, then `JobMessage`s; out (on the port): `ResultMessage`s.
 */
import type { MessagePort } from 'node:worker_threads'
import type { BufferStore } from '../solver/grid.ts'
import { createBufferStore } from '../solver/grid.ts'
import { singleMoveSweep } from './best-response.ts'
import { sweepSharedChunks } from './chunk-schedule.ts'
import { createRowSweeper, type RowSweeper } from './row-sweep.ts'
import { createStrategies, liveTurns } from './strategies.ts'
import { unpackGame } from './team-game.ts'
import {
  type InitMessage,
  type JobMessage,
  type ResultMessage,
  Slot,
  type SlotsMessage,
  SweepStopped,
  sharedClock,
  Time,
} from './team-protocol.ts'
import { claimSlots } from './team-slots.ts'

declare const self: Worker

let port: MessagePort | undefined
// the value tables of slots jobs, kept between jobs (their pages stay mapped)
let store: BufferStore | undefined

self.onmessage = (event: MessageEvent<InitMessage | JobMessage | SlotsMessage>) => {
  const data = event.data
  if (data.kind === 'init') {
    port = data.port
    Atomics.store(data.started, 0, 1)
    return
  }
  const { control } = data
  if (data.kind === 'job') data.times[Time.received] = sharedClock()
  // busy first, then the abort flag: the leader sets abort, then waits for busy to be 0
  Atomics.store(control, Slot.helperBusy, 1)
  try {
    if (data.kind === 'job') help(data)
    else helpSlots(data)
  } catch (error) {
    if (!(error instanceof SweepStopped)) {
      Atomics.store(control, Slot.helperFailed, 1)
      console.error(`optimal-play sweep helper: ${error instanceof Error ? error.message : String(error)}`)
    }
  } finally {
    Atomics.store(control, Slot.helperBusy, 0)
    Atomics.notify(control, Slot.helperBusy)
  }
}

function help(job: JobMessage): void {
  const { jobId, control, times } = job
  const check = () => {
    if (Atomics.load(control, Slot.abort)) throw new SweepStopped('the leader stopped')
  }
  check()
  const cpu = process.threadCpuUsage()
  const started = performance.now()
  const idle = { ms: 0 }
  let rows: RowSweeper
  let strategies: ReturnType<typeof createStrategies>
  try {
    const { graph, reach, layout } = unpackGame(job.game)
    strategies = createStrategies(liveTurns(graph, reach), reach, layout.count, job.strategies)
    const options = {
      rule: { kind: 'game' } as const,
      tolerance: job.tolerance,
      maxSweeps: 1,
      deadline: Number.POSITIVE_INFINITY,
      timeLimitMs: job.timeLimitMs,
    }
    rows = createRowSweeper(graph, reach, layout, job.grid, options, strategies)
    times[Time.ready] = sharedClock()
    check()
    sweepSharedChunks(
      timed(rows, times),
      job.chunks,
      check,
      () => Atomics.add(control, Slot.helperChunks, 1),
      idle,
    )
  } finally {
    const used = process.threadCpuUsage(cpu)
    Atomics.store(control, Slot.helperCpuUs, Math.round(used.user + used.system))
    Atomics.store(control, Slot.helperActiveUs, Math.round(1000 * (performance.now() - started - idle.ms)))
  }
  if (Atomics.load(control, Slot.helperChunks) === 0) return
  const mixed: [number, number, Float64Array][] = []
  strategies.mixed.forEach((cells, node) => {
    for (const [cell, probs] of cells ?? []) mixed.push([node, cell, probs])
  })
  const result: ResultMessage = { jobId, mixed, residual: rows.residual() }
  port?.postMessage(result)
}

/**
 * A slots job (`team-slots.ts`): claims slots beside the leader and sweeps each whole, until none
 * is left or the leader says stop. The value tables come from the thread's own store (mapped after
 * its first job).
 */
function helpSlots(job: SlotsMessage): void {
  const stop = () => {
    if (Atomics.load(job.control, Slot.abort)) throw new SweepStopped('the leader stopped')
  }
  stop()
  const game = unpackGame(job.game)
  store ??= createBufferStore()
  const tables = store
  claimSlots(job, (slot) => {
    // no deadline of its own: the leader owns it and stops the helper (`abort`) when it passes
    const limits = { timeLimitMs: job.timeLimitMs, deadline: Number.POSITIVE_INFINITY, check: stop }
    const value = singleMoveSweep(game, job.rootAt, slot, limits, tables)
    Atomics.add(job.control, Slot.helperChunks, 1)
    return value
  })
}

/** `rows`, writing when its first chunk begins into the timeline (see `Time`). */
function timed(rows: RowSweeper, times: Float64Array): RowSweeper {
  let first = true
  return {
    topA: rows.topA,
    topB: rows.topB,
    sweepCells(a, from, to, abandon) {
      if (first) {
        times[Time.firstChunk] = sharedClock()
        first = false
      }
      return rows.sweepCells(a, from, to, abandon)
    },
    residual: () => rows.residual(),
    order: rows.order,
  }
}
