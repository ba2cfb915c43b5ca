import { MessageChannel, type MessagePort, receiveMessageOnPort } from 'node:worker_threads'
import { createBufferStore } from '../solver/grid.ts'
import { createSharedChunks, sweepSharedChunks } from './chunk-schedule.ts'
import { checkDeadline } from './errors.ts'
import type { SweepGraph } from './graph.ts'
import type { Layout } from './layout.ts'
import { type Reach, reachableCells } from './reach.ts'
import { createRowSweeper } from './row-sweep.ts'
import { createStrategies, detach, liveTurns, strategyBytes } from './strategies.ts'
import type { SweepOptions, SweepResult } from './sweep.ts'
import { sweepOrder } from './sweep-order.ts'
import { packGame } from './team-game.ts'
import { createBusyJudge, type SweepTeamOptions, threadShares } from './team-judge.ts'
import type { InitMessage, JobMessage, ResultMessage } from './team-protocol.ts'
import {
  CONTROL_SLOTS,
  Slot,
  SweepStopped,
  sharedClock,
  TIME_SLOTS,
  Time,
  waitUntil,
} from './team-protocol.ts'

export { DEFAULT_TEAM_OPTIONS, type SweepTeamOptions, threadShares } from './team-judge.ts'

/**
 * A second thread for the optimal-play sweep: one worker (`sweep-helper.ts`) kept for the team's
 * life. Why: the sweep is ≈ 90 % of a solve, and cell (a, b) only reads cells (a', b') with
 * a' ≤ a and b' ≤ b, so two threads can sweep alternate rows of one game a few cells apart, each
 * claiming the next row when it is free: a busy second core makes the helper do fewer rows, not
 * the solve wait. The values are the same to the bit as one thread's (same sums in the same order:
 * see `RowSync`). Games swept several times (healing: see `SweepOrder`) and small games are swept
 * by one thread.
 */
export interface SweepTeam {
  /** A solve begins (the leader then explores the game). Always `end` the run. */
  begin(): TeamRun
  /**
   * Solves swept together or alone so far (`resting`: alone because the last shared sweep found
   * the other core busy), and the chunks of the shared ones (the helper's share).
   */
  stats(): TeamStats
  /** Stops the helper thread. */
  close(): void
}

/** Counts since the team began; per shared sweep, the last `SWEEPS_KEPT` sweeps. */
export interface TeamStats {
  readonly together: number
  readonly alone: number
  readonly resting: number
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

/** One solve of a team (see `SweepTeam.begin`). */
export interface TeamRun {
  /**
   * Sweeps the game with the helper when it is worth it, into a shared table (`grid`, valid until
   * `end`); null when the caller should sweep alone (the helper has been told).
   *
   * @throws OptimalLimitError past the deadline, like `sweep`.
   */
  sweep(
    graph: SweepGraph,
    reach: Reach,
    layout: Layout,
    options: SweepOptions,
  ): { readonly grid: Float64Array; readonly result: SweepResult } | null
  /** Ends the solve: the helper is out of the shared tables, the table goes back zeroed. */
  end(): void
}

/** Shared sweeps whose figures `stats` keeps (a served team lives for months of solves). */
export const SWEEPS_KEPT = 10_000

/** Appends `value`, dropping the oldest entries past `kept`. */
export function keepLast<T>(list: T[], value: T, kept = SWEEPS_KEPT): void {
  list.push(value)
  if (list.length > kept) list.splice(0, list.length - kept)
}

/** How long the leader waits for a helper to leave the tables before it drops them instead. */
const LEAVE_TIMEOUT_MS = 5_000

/** @example const team = createSweepTeam(DEFAULT_TEAM_OPTIONS); solveGame(…, { team }); team.close() */
export function createSweepTeam(options: SweepTeamOptions): SweepTeam {
  const grids = createBufferStore(4, (capacity) => new Float64Array(new SharedArrayBuffer(8 * capacity)))
  let worker: Worker | undefined
  let port: MessagePort | undefined
  let jobs = 0
  const stats = {
    together: 0,
    alone: 0,
    resting: 0,
    chunks: 0,
    helperChunks: 0,
    cores: [] as number[],
    shares: [] as number[],
    handOver: [] as HandOver[],
    sweepMs: [] as number[],
  }
  const judge = createBusyJudge(options)
  // [0] = 1 once the helper thread has started (loaded its code and read its first message)
  const started = new Int32Array(new SharedArrayBuffer(4))
  const helper = () => {
    if (!worker) {
      const channel = new MessageChannel()
      worker = new Worker(new URL('./sweep-helper.ts', import.meta.url))
      const init: InitMessage = { kind: 'init', port: channel.port2, started }
      worker.postMessage(init, [channel.port2 as unknown as Transferable])
      port = channel.port1
    }
    return worker
  }
  return {
    begin() {
      if (judge.rest()) {
        stats.resting++
        return { sweep: () => null, end() {} }
      }
      helper() // started early: its first job then finds it ready
      const jobId = ++jobs
      const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS))
      let lent: { grid: Float64Array; size: number } | undefined
      return {
        sweep(graph, reach, layout, sweepOptions) {
          const cells = reachableCells(reach)
          const topA = Math.max(0, ...liveTurns(graph, reach).map((id) => reach.hiA[id]!))
          const repeated = (sweepOptions.order ?? sweepOrder(layout)).kind === 'repeat'
          if (repeated || cells < options.minCells || topA < 2 || sweepOptions.rule.kind !== 'game') {
            stats.alone++
            return null
          }
          const handOver = performance.now()
          const cpu = process.threadCpuUsage()
          const grid = grids.take(layout.gridSize)
          lent = { grid, size: layout.gridSize }
          const turnIds = liveTurns(graph, reach)
          // the pure choices in a shared table of the store (mapped already: see `lendStrategies`)
          const words = Math.max(1, Math.ceil(strategyBytes(turnIds, reach) / 8))
          const table = grids.take(words)
          const shared = table.buffer as SharedArrayBuffer
          const chunks = createSharedChunks(topA)
          const times = new Float64Array(new SharedArrayBuffer(8 * TIME_SLOTS))
          const message: JobMessage = {
            kind: 'job',
            jobId,
            control,
            times,
            // shared buffers only: the helper sweeps the game without exploring it, nothing is copied
            game: packGame(graph, reach, layout),
            grid,
            strategies: shared,
            chunks,
            tolerance: sweepOptions.tolerance,
            timeLimitMs: sweepOptions.timeLimitMs,
          }
          // a helper still starting (loading its code) joins late: that says nothing of the other core
          const judged = Atomics.load(started, 0) === 1
          times[Time.posted] = sharedClock()
          // posted before the leader's own set-up: the helper builds its sweeper meanwhile
          helper().postMessage(message)
          const check = () => {
            checkDeadline(sweepOptions)
            if (Atomics.load(control, Slot.helperFailed)) throw new SweepStopped('the sweep helper failed')
          }
          const strategies = createStrategies(turnIds, reach, layout.count, shared)
          const sweeper = createRowSweeper(graph, reach, layout, grid, sweepOptions, strategies)
          const idle = { ms: 0 }
          sweepSharedChunks(sweeper, chunks, check, () => {}, idle)
          const used = process.threadCpuUsage(cpu)
          const wallUs = 1000 * (performance.now() - handOver)
          waitUntil(control, Slot.helperBusy, () => Atomics.load(control, Slot.helperBusy) === 0, check)
          const helperCpuUs = Atomics.load(control, Slot.helperCpuUs)
          keepLast(stats.cores, (used.user + used.system + helperCpuUs) / wallUs)
          const share = threadShares(
            used.user + used.system,
            wallUs - 1000 * idle.ms,
            helperCpuUs,
            Atomics.load(control, Slot.helperActiveUs),
          )
          keepLast(stats.shares, share)
          judge.record(share, judged)
          let residual = sweeper.residual()
          stats.together++
          stats.chunks += Atomics.load(chunks.progress, 0)
          stats.helperChunks += Atomics.load(control, Slot.helperChunks)
          if (Atomics.load(control, Slot.helperChunks) > 0) {
            const result = takeResult(port!, jobId, check)
            residual = Math.max(residual, result.residual)
            for (const [node, cell, probs] of result.mixed) strategies.mixed[node]!.set(cell, probs)
          }
          keepLast(stats.handOver, handOverOf(times))
          keepLast(stats.sweepMs, performance.now() - handOver)
          let lentTable = true
          const giveBack = () => {
            if (lentTable) {
              detach(strategies)
              grids.give(table.fill(0, 0, words))
            }
            lentTable = false
          }
          return { grid, result: { strategies, sweeps: 1, residual, giveBack } }
        },
        end() {
          Atomics.store(control, Slot.abort, 1)
          const out = waitUntil(
            control,
            Slot.helperBusy,
            () => Atomics.load(control, Slot.helperBusy) === 0,
            () => {},
            LEAVE_TIMEOUT_MS,
          )
          // a helper that did not leave may still write: its table is dropped, not lent again
          if (lent && out) grids.give(lent.grid.fill(0, 0, lent.size))
          lent = undefined
        },
      }
    },
    stats: () => ({
      ...stats,
      cores: [...stats.cores],
      shares: [...stats.shares],
      handOver: [...stats.handOver],
      sweepMs: [...stats.sweepMs],
    }),
    close() {
      worker?.terminate()
      worker = undefined
      Atomics.store(started, 0, 0)
      port?.close()
      port = undefined
    },
  }
}

/** The helper's result for this job (it posted it before leaving the tables). */
function takeResult(port: MessagePort, jobId: number, check: () => void): ResultMessage {
  const started = performance.now()
  for (;;) {
    const received = receiveMessageOnPort(port)
    if (received) {
      const message = received.message as ResultMessage
      if (message.jobId === jobId) return message
      continue
    }
    check()
    if (performance.now() - started > LEAVE_TIMEOUT_MS)
      throw new SweepStopped('no result from the sweep helper')
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 0.1)
  }
}

/** The helper's timeline of one job, from the post (see `Time`). */
function handOverOf(times: Float64Array): HandOver {
  const since = (slot: number) => (times[slot]! > 0 ? times[slot]! - times[Time.posted]! : Number.NaN)
  return {
    receivedMs: since(Time.received),
    readyMs: since(Time.ready),
    firstChunkMs: since(Time.firstChunk),
  }
}
