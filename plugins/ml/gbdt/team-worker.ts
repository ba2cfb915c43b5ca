/**
 * A training thread: receives the run's shared memory once, then claims tasks whenever the main
 * thread posts a job (see team-protocol.ts). It never sends messages: the hot path is atomics only.
 * It returns when `STOP` is set; the main thread then terminates it.
 */
import { createThreadLocal } from './kernels.ts'
import { type SharedBuffers, viewSharedTraining } from './shared-training.ts'
import { CLAIM, drainTasks, READY, STOP, type TeamControl, waitForNextJob } from './team-protocol.ts'

declare const self: Worker

self.onmessage = (event: MessageEvent<{ buffers: SharedBuffers; team: TeamControl }>) => {
  const { team } = event.data
  const shared = viewSharedTraining(event.data.buffers)
  const local = createThreadLocal()
  const { control } = team
  let seen = Atomics.load(control, CLAIM)
  Atomics.add(control, READY, 1)
  Atomics.notify(control, READY)
  for (;;) {
    waitForNextJob(control, seen)
    if (Atomics.load(control, STOP) !== 0) break
    seen = drainTasks(team, shared, local)
  }
}
