/**
 * Matchup worker: the feature space and the champion's trees in their own thread, so ranking a
 * Pokémon against every form (thousands of move pairs) never blocks the request thread.
 * In: `{ type: 'init', roster }`, `{ type: 'model', modelsDir, dir }`, `{ type: 'tables', id, a, moves }`.
 * Out: `{ type: 'ready' }`, `{ type: 'model', dir }`, `{ id, tables }` or `{ id, error }`.
 */
import type { Roster } from '../../../core/contracts/pokedex.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { indexRoster } from '../features/roster-index.ts'
import { createFeatureSpace, type FeatureSpace } from '../features/vector.ts'
import type { GbdtModel } from '../gbdt/model.ts'
import { parseModel } from '../gbdt/serialize.ts'
import { readModelDir } from '../model/files.ts'
import { opponentTables } from './tables.ts'

declare const self: Worker

let space: FeatureSpace | undefined
let model: GbdtModel | undefined

type Message =
  | { type: 'init'; roster: Roster }
  | { type: 'model'; modelsDir: string; dir: string }
  | { type: 'tables'; id: number; a: string; moves: string[] }

self.onmessage = async (event: MessageEvent<Message>) => {
  const message = event.data
  try {
    if (message.type === 'init') {
      space = createFeatureSpace(indexRoster(message.roster), createLgpeEngine().dex)
      self.postMessage({ type: 'ready' })
    } else if (message.type === 'model') {
      model = parseModel((await readModelDir(message.modelsDir, message.dir)).json)
      self.postMessage({ type: 'model', dir: message.dir })
    } else {
      if (!space || !model) throw new Error('the matchup worker has no roster or model yet')
      const tables = [...opponentTables(space, model, message.a, message.moves).values()]
      self.postMessage({ id: message.id, tables })
    }
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error)
    self.postMessage('id' in message ? { id: message.id, error: text } : { type: 'error', error: text })
  }
}
