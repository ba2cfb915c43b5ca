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
import type { InitMessage, JobMessage, ResultMessage, SlotsMessage } from './team-protocol.ts'
import {
  CONTROL_SLOTS,
  Slot,
  SweepStopped,
  sharedClock,
  TIME_SLOTS,
  Time,
  waitUntil,
} from './team-protocol.ts'
import { leadSlots, type SlotGame, type SlotSweep, slotTables } from './team-slots.ts'
import { type HandOver, handOverOf, keepLast, type TeamStats } from './team-stats.ts'

export { DEFAULT_TEAM_OPTIONS, type SweepTeamOptions, threadShares } from './team-judge.ts'
export { type HandOver, keepLast, SWEEPS_KEPT, type TeamStats } from './team-stats.ts'

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
  /**
   * Sweeps the slots of a solved game (one per bound: see `slotTables`), each whole, the helper
   * claiming slots beside the leader (see `leadSlots`): the best-single-move values, NaN for a slot
   * another beat. Null when the caller should sweep them alone (a small game: the hand-over would
   * cost more than it saves).
   */
  slots(
    game: SlotGame,
    rootAt: number,
    bounds: readonly number[],
    sweepSlot: SlotSweep,
    limits: { readonly timeLimitMs: number },
  ): number[] | null
  /** Ends the solve: the helper is out of the shared tables, the table goes back zeroed. */
  end(): void
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
    slotJobs: 0,
    helperSlots: 0,
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
        return { sweep: () => null, slots: () => null, end() {} }
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
        slots(game, rootAt, bounds, sweepSlot, limits) {
          if (reachableCells(game.reach) < options.minCells) return null
          const message: SlotsMessage = {
            kind: 'slots',
            jobId,
            control,
            game: packGame(game.graph, game.reach, game.layout),
            rootAt,
            ...slotTables(bounds),
            timeLimitMs: limits.timeLimitMs,
          }
          helper().postMessage(message)
          const values = leadSlots(message, sweepSlot)
          stats.slotJobs++
          stats.helperSlots += Atomics.load(control, Slot.helperChunks)
          return values
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
