import type { Roster } from '../../../core/contracts/pokedex.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import type { ThreadHandler } from '../calling-thread.ts'
import { indexRoster } from '../features/roster-index.ts'
import { createFeatureSpace, type FeatureSpace } from '../features/vector.ts'
import type { GbdtModel } from '../gbdt/model.ts'
import { parseModel } from '../gbdt/serialize.ts'
import { readModelDir } from '../model/files.ts'
import { opponentTables } from './tables.ts'

type Message =
  | { type: 'init'; roster: Roster }
  | { type: 'model'; modelsDir: string; dir: string }
  | { type: 'tables'; id: number; a: string; moves: string[] }

/**
 * What a matchup thread does (the worker module, or the calling thread in `callingThread`): the
 * feature space and the champion's trees, then one batch of opponent tables per request.
 * In: `{ type: 'init', roster }`, `{ type: 'model', modelsDir, dir }`, `{ type: 'tables', id, a, moves }`.
 * Out: `{ type: 'ready' }`, `{ type: 'model', dir }`, `{ id, tables }` or `{ id, error }`.
 *
 * @example callingThread(createMatchupHandler())
 */
export function createMatchupHandler(): ThreadHandler {
  let space: FeatureSpace | undefined
  let model: GbdtModel | undefined
  return {
    async onMessage(data, post) {
      const message = data as Message
      try {
        if (message.type === 'init') {
          space = createFeatureSpace(indexRoster(message.roster), createLgpeEngine().dex)
          post({ type: 'ready' })
        } else if (message.type === 'model') {
          model = parseModel((await readModelDir(message.modelsDir, message.dir)).json)
          post({ type: 'model', dir: message.dir })
        } else {
          if (!space || !model) throw new Error('the matchup worker has no roster or model yet')
          post({
            id: message.id,
            tables: [...opponentTables(space, model, message.a, message.moves).values()],
          })
        }
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error)
        post('id' in message ? { id: message.id, error: text } : { type: 'error', error: text })
      }
    },
  }
}
