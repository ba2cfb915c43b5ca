/**
 * Optimal-play worker: one LGPE engine, battler factory and fixed-move solver per thread.
 * In: `{ id, job, sweepThreads }` (see `OptimalJob`). Out: `{ id, advice }`, `{ id, error: { code,
 * … } }` for a refusal the client can act on, or `{ id, crash }` for a bug. The work itself is
 * `createOptimalHandler` (also run on the calling thread by test kernels).
 */
import { createOptimalHandler } from './handler.ts'

declare const self: Worker

const handler = createOptimalHandler()
const post = (reply: unknown) => self.postMessage(reply)
handler.onStart?.(post)
self.onmessage = (event: MessageEvent) => {
  void handler.onMessage(event.data, post)
}
