/**
 * Battle worker: one LGPE engine per thread, running the tasks the pool sends.
 * Messages in: `{ id, tasks, k, labels? }`; out: `{ id, results }` or `{ id, error }`, and
 * `{ ready: true }` once the engine is loaded (the simulation pool starts a job's clock only then).
 * The work itself is `createBattleHandler` (also run on the calling thread by test kernels).
 */
import { createBattleHandler } from './battle-handler.ts'

declare const self: Worker

const handler = createBattleHandler()
const post = (reply: unknown) => self.postMessage(reply)
handler.onStart?.(post)
self.onmessage = (event: MessageEvent) => {
  void handler.onMessage(event.data, post)
}
