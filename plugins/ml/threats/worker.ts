/**
 * Matchup worker: the feature space and the champion's trees in their own thread, so ranking a
 * Pokémon against every form (thousands of move pairs) never blocks the request thread.
 * The work itself is `createMatchupHandler` (also run on the calling thread by test kernels).
 */
import { createMatchupHandler } from './handler.ts'

declare const self: Worker

const handler = createMatchupHandler()
self.onmessage = (event: MessageEvent) => {
  void handler.onMessage(event.data, (reply) => self.postMessage(reply))
}
