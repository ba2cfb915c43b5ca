import { afterAll, beforeAll, expect, test } from 'bun:test'
import { type PokedexReader, pokedexRef } from '../../core/contracts/pokedex.ts'
import type { Kernel } from '../../core/kernel.ts'
import { SHIPPED_MODELS_DIR } from '../../testing/api/trained-kernel.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { loadedPokedexFile } from '../../testing/pokedex-db.ts'
import { apiPlugin } from '../api/index.ts'
import { BestMoveResponseSchema } from '../api/schemas/predict.ts'
import { generateApiKey } from '../api/security/index.ts'
import { etlPlugin } from '../etl/index.ts'
import { createLgpeEngine } from '../ml/battle/engine.ts'
import { evaluateMatchup } from '../ml/battle/evaluate.ts'
import { fixedPolicy } from '../ml/battle/policies.ts'
import { buildBattleSet } from '../ml/battle/sets.ts'
import { mlPlugin } from '../ml/index.ts'
import { uiPlugin } from './index.ts'

/**
 * One decision, two entry points: `POST /api/v1/predict/best-move` and the predictor page rank the
 * same moves in the same order (both ask the advice service), with exact answers the engine
 * reproduces.
 */
let kernel: Kernel
const { key, hash } = generateApiKey()
beforeAll(async () => {
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, apiPlugin, uiPlugin],
    env: {
      DATABASE_URL: `sqlite:${await loadedPokedexFile()}`,
      MODELS_DIR: SHIPPED_MODELS_DIR,
      API_KEYS: hash,
      ML_ADVICE_BUDGET_MS: '60000',
      API_REQUEST_TIMEOUT_MS: '120000',
    },
  })
  await kernel.start()
}, 300_000)
afterAll(() => kernel.stop())

test('the API and the predictor page recommend the same moves in the same order, exactly', async () => {
  const movesA = ['thunderbolt', 'quick-attack', 'iron-tail', 'thunder']
  const movesB = ['water-gun', 'bite', 'tackle', 'surf']
  const res = await kernel.app.request('/api/v1/predict/best-move', {
    method: 'POST',
    body: JSON.stringify({ pokemon_a: 'pikachu', moves_a: movesA, pokemon_b: 'squirtle', moves_b: movesB }),
    headers: { 'content-type': 'application/json', 'x-api-key': key },
  })
  const api = BestMoveResponseSchema.parse(await res.json())
  expect(api.moves.every((m) => m.method === 'exact')).toBe(true)
  const query = `a=pikachu&${movesA.map((m) => `ma=${m}`).join('&')}&b=squirtle&${movesB.map((m) => `mb=${m}`).join('&')}`
  const page = await (await kernel.app.request(`/predict?${query}`)).text()
  const shown = [...page.matchAll(/<p class="advice-move"><strong>([^<]+)<\/strong>/g)].map((m) => m[1])
  const catalogue = await (kernel.services.get(pokedexRef.id) as PokedexReader).catalogue()
  const french = (slug: string) => catalogue.moveBySlug.get(slug)!.name_fr ?? ''
  expect(shown).toEqual(api.moves.map((m) => french(m.move.slug)))
  // the recommended move against its worst reply, replayed on the engine
  const best = api.moves[0]!
  const engine = createLgpeEngine()
  const showdown = (slug: string) => catalogue.moveBySlug.get(slug)!.name_en
  const k = 600
  const run = evaluateMatchup(
    engine,
    {
      set: buildBattleSet(engine, { species: 'pikachu', moves: [showdown(best.move.slug)] }),
      policy: fixedPolicy(showdown(best.move.slug)),
    },
    {
      set: buildBattleSet(engine, { species: 'squirtle', moves: [showdown(best.best_reply.move.slug)] }),
      policy: fixedPolicy(showdown(best.best_reply.move.slug)),
    },
    k,
    [2, 0, 2, 6],
  )
  const p = best.win_probability
  expect(Math.abs(run.winRate - p)).toBeLessThanOrEqual(4 * Math.sqrt(Math.max(p * (1 - p), 1 / k) / k))
}, 300_000)
