import { afterAll, beforeAll, expect, test } from 'bun:test'
import { join } from 'node:path'
import type { ModelTruth } from '../../../core/contracts/model-truth.ts'
import type { Kernel } from '../../../core/kernel.ts'
import { createTestKernel } from '../../../testing/kernel.ts'
import { loadedPokedexFile } from '../../../testing/pokedex-db.ts'
import { etlPlugin } from '../../etl/index.ts'
import { mlPlugin } from '../../ml/index.ts'
import { frMl } from '../i18n/fr-ml.ts'
import { uiPlugin } from '../index.ts'

/** The Pokédex page's matchups and the model page's truth report, over the shipped champion. */
const MODELS = join(import.meta.dir, '..', '..', '..', 'models')
let kernel: Kernel
beforeAll(async () => {
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, uiPlugin],
    env: { DATABASE_URL: `sqlite:${await loadedPokedexFile()}`, MODELS_DIR: MODELS },
  })
  await kernel.start()
}, 300_000)
afterAll(() => kernel.stop())

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await kernel.app.request(path, { headers })
  return { status: res.status, text: await res.text() }
}

test('a Pokémon’s page loads its matchups: 5 most dangerous and 5 easiest opponents, each a Pokédex link', async () => {
  const page = await get('/pokedex/pikachu')
  expect(page.status).toBe(200)
  expect(page.text).toContain('hx-get="/pokedex/pikachu/matchups"')
  const fragment = await get('/pokedex/pikachu/matchups', { 'hx-request': 'true' })
  expect(fragment.status).toBe(200)
  expect(fragment.text).not.toContain('<html')
  const tables = [...fragment.text.matchAll(/<table[\s\S]*?<\/table>/g)].map((m) => m[0])
  expect(tables).toHaveLength(2)
  for (const table of tables) {
    const links = [...table.matchAll(/<th scope="row"><a href="\/pokedex\/([\w-]+)"/g)].map((m) => m[1])
    expect(links).toHaveLength(5)
    expect(links).not.toContain('pikachu')
  }
  // a Ground type is among Pikachu's hardest opponents with its electric moves, never its easiest
  const worst = tables[0]!
  const percents = (table: string) =>
    [...table.matchAll(/<td>([\d\s,]+)\s?%<\/td>/g)].map((m) =>
      Number(m[1]!.replace(/\s/g, '').replace(',', '.')),
    )
  expect(Math.max(...percents(worst))).toBeLessThanOrEqual(Math.min(...percents(tables[1]!)))
})

test('an unknown Pokémon’s matchups are a 404 page', async () => {
  expect((await get('/pokedex/pikachoo/matchups')).status).toBe(404)
})

test('the model page shows the champion’s truth report: pairs, MAE and the mechanic table', async () => {
  const dir = (await Bun.file(join(MODELS, 'champion')).text()).trim()
  const truth = (await Bun.file(join(MODELS, dir, 'truth.json')).json()) as ModelTruth
  const page = await get('/model')
  expect(page.status).toBe(200)
  expect(page.text).toContain('Le modèle face au solveur exact')
  expect(page.text).toContain(truth.overall.mae.toFixed(4).replace('.', ','))
  expect(page.text).toContain(truth.truth.dataset)
})

test('the truth report reads in French: every mechanic class named, worst pairs by name, distinct headers', async () => {
  const dir = (await Bun.file(join(MODELS, 'champion')).text()).trim()
  const truth = (await Bun.file(join(MODELS, dir, 'truth.json')).json()) as ModelTruth
  const page = await get('/model')
  // every class the shipped report lists has its French name
  for (const c of truth.byMechanic) expect(frMl.truth.mechanics[c.mechanic], c.mechanic).toBeString()
  for (const c of truth.byMechanic.slice(0, 12)) {
    expect(page.text).toContain(`<th scope="row">${frMl.truth.mechanics[c.mechanic]}</th>`)
  }
  expect(page.text).toContain('Tranche prédite')
  // the worst pairs name forms and moves in French, never by slug
  const first = truth.worst[0]!
  expect(page.text).not.toContain(`${first.a} (${first.moveA})`)
  expect(page.text).toMatch(/<ul class="truth-worst"><li>[^<]*\p{Lu}[^<]* \([^<]+\) – /u)
})

test('the model report is served with its style as a stylesheet (the strict CSP forbids inline styles)', async () => {
  const report = await get('/model/report')
  expect(report.status).toBe(200)
  expect(report.text).toContain('<link rel="stylesheet" href="/model/report.css">')
  expect(report.text).not.toContain('<style>')
  expect(report.text).toContain('Rapport du modèle')
  const css = await get('/model/report.css')
  expect(css.status).toBe(200)
  expect(css.text).toContain('font-family')
})
