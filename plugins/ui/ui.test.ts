import { afterAll, beforeAll, expect, test } from 'bun:test'
import { join } from 'node:path'
import type { Kernel } from '../../core/kernel.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { etlPlugin } from '../etl/index.ts'
import { mlPlugin } from '../ml/index.ts'
import { uiPlugin } from './index.ts'

/** The web app over the shipped champion model (models/), as a fresh clone serves it. */
let kernel: Kernel
beforeAll(async () => {
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, uiPlugin],
    env: { MODELS_DIR: join(import.meta.dir, '..', '..', 'models') },
  })
  await kernel.stages.run(
    'etl:load',
    {},
    { log: kernel.log, tty: false, signal: new AbortController().signal },
  )
  await kernel.start()
}, 60_000)
afterAll(() => kernel.stop())

const html = async (path: string, init?: RequestInit) => {
  const res = await kernel.app.request(path, init)
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() }
}
const form = (fields: [string, string][]) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' },
  body: new URLSearchParams(fields).toString(),
})

test('pages render as full HTML, and as fragments for htmx', async () => {
  for (const path of [
    '/',
    '/types',
    '/predict',
    '/pokedex',
    '/pokedex/pikachu',
    '/moves',
    '/moves/thunderbolt',
  ]) {
    const page = await html(path)
    expect(page.status).toBe(200)
    expect(page.type).toContain('text/html')
    expect(page.text).toContain('<script src="/static/htmx.min.js"')
  }
  const fragment = await kernel.app.request('/predict', { headers: { 'hx-request': 'true' } })
  expect(await fragment.text()).not.toContain('<html')
  // a boosted link replaces the whole body, so it must get the layout too
  const boosted = await kernel.app.request('/pokedex', {
    headers: { 'hx-request': 'true', 'hx-boosted': 'true' },
  })
  expect(await boosted.text()).toContain('<nav>')
  for (const css of ['app.css', 'pokedex.css', 'model.css'])
    expect((await kernel.app.request(`/static/${css}`)).status).toBe(200)
  expect((await html('/predict')).text).toContain('Ectoplasma')
  // the Pokédex links here with ?a=: that Pokémon is preselected
  expect((await html('/predict?a=gengar')).text).toContain('<option value="gengar" selected="">')
  expect((await html('/pokedex/gengar')).text).toContain('href="/predict?a=gengar"')
})

test('choosing a Pokémon swaps in pickers of the moves it can use', async () => {
  const moves = await html('/predict/moves?side=a&pokemon_a=gengar')
  expect(moves.status).toBe(200)
  expect(moves.text).toContain('value="shadow-ball"')
  expect(moves.text).not.toContain('value="thunder-wave"')
  expect((await html('/predict/moves?side=a&pokemon_a=pikachoo')).status).toBe(404)
})

test('the predictor ranks your moves, immune ones last, with the opponent’s most dangerous reply', async () => {
  const answer = await html(
    '/predict',
    form([
      ['pokemon_a', 'pikachu'],
      ['moves_a', 'quick-attack'],
      ['moves_a', 'thunderbolt'],
      ['pokemon_b', 'gengar'],
      ['moves_b', ''],
    ]),
  )
  expect(answer.status).toBe(200)
  const rows = [...answer.text.matchAll(/<tr class="(best)?"><td>([^<]+)<\/td>/g)].map((m) => m[2])
  expect(rows).toEqual(['Thunderbolt', 'Quick Attack'])
  expect(answer.text).toMatch(/\d+\.\d %/)
})

test('bad input gets a readable HTML error, never a stack trace', async () => {
  const bad = await html(
    '/predict',
    form([
      ['pokemon_a', 'pikachu'],
      ['moves_a', 'surf'],
      ['pokemon_b', 'gengar'],
    ]),
  )
  expect(bad.status).toBe(400)
  expect(bad.text).toContain('class="error"')
  expect(bad.text).not.toContain('at ')
})
