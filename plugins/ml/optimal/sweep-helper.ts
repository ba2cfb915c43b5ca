/**
 * The second thread of a shared sweep (see `sweep-team.ts`): for each solve it prepares the same
 * game as the leader (meanwhile the leader does the same), waits for the leader's shared tables,
 * then claims and sweeps chunks of rows beside it. It never decides anything the leader does not: the leader
 * chooses whether to sweep together, owns the deadline, and stops the helper through `abort`.
 * In: `{ kind: 'init', port }` once, then `JobMessage`s; out (on the port): `ResultMessage`s.
 */
import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { sweepSharedChunks } from './chunk-schedule.ts'
import { createRowSweeper } from './row-sweep.ts'
import { type PreparedGame, prepareGame } from './solve.ts'
import { createStrategies, liveTurns } from './strategies.ts'
import {
  type BuffersMessage,
  type JobMessage,
  type ResultMessage,
  Slot,
  SweepStopped,
  waitUntil,
} from './team-protocol.ts'

declare const self: Worker

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
let port: MessagePort | undefined

self.onmessage = (event: MessageEvent<{ kind: 'init'; port: MessagePort } | JobMessage>) => {
  const data = event.data
  if (data.kind === 'init') {
    port = data.port
    return
  }
  const { control } = data
  try {
    help(data)
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

const stopIfAborted = (control: Int32Array) => () => {
  if (Atomics.load(control, Slot.abort)) throw new SweepStopped('the leader stopped')
}

function help({ jobId, job, control }: JobMessage): void {
  if (Atomics.load(control, Slot.ready) === -1 || Atomics.load(control, Slot.abort)) return
  let prepared: PreparedGame
  try {
    prepared = prepareGame(engine, factory, job.request, job.limits, job.tracked)
  } catch {
    return // the leader meets the same refusal
  }
  const check = stopIfAborted(control)
  check()
  waitUntil(control, Slot.ready, () => Atomics.load(control, Slot.ready) !== 0, check)
  if (Atomics.load(control, Slot.ready) !== 1) return
  const buffers = takeBuffers(jobId)
  const { graph, reach, layout } = prepared
  if (!buffers || buffers.gridSize !== layout.gridSize || buffers.count !== layout.count) {
    throw new Error(`job ${jobId}: the helper's layout differs from the leader's`)
  }
  check()
  const strategies = createStrategies(liveTurns(graph, reach), reach, layout.count, buffers.strategies)
  const options = {
    rule: { kind: 'game' } as const,
    tolerance: buffers.tolerance,
    maxSweeps: 1,
    deadline: Number.POSITIVE_INFINITY,
    timeLimitMs: job.limits.timeLimitMs,
  }
  const rows = createRowSweeper(graph, reach, layout, buffers.grid, options, strategies)
  Atomics.store(control, Slot.helperBusy, 1)
  check()
  const cpu = process.threadCpuUsage()
  try {
    sweepSharedChunks(rows, buffers.chunks, check, () => Atomics.add(control, Slot.helperChunks, 1))
  } finally {
    const used = process.threadCpuUsage(cpu)
    Atomics.store(control, Slot.helperCpuUs, Math.round(used.user + used.system))
  }
  if (Atomics.load(control, Slot.helperChunks) === 0) return
  const mixed: [number, number, Float64Array][] = []
  strategies.mixed.forEach((cells, node) => {
    for (const [cell, probs] of cells ?? []) mixed.push([node, cell, probs])
  })
  const result: ResultMessage = { jobId, mixed, residual: rows.residual() }
  port?.postMessage(result)
}

/** The leader's buffers for this job (older messages, of jobs this helper skipped, are dropped). */
function takeBuffers(jobId: number): BuffersMessage | undefined {
  for (;;) {
    const received = port ? receiveMessageOnPort(port) : undefined
    if (!received) return undefined
    const message = received.message as BuffersMessage
    if (message.jobId === jobId) return message
  }
}
