import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { type PokedexReader, pokedexRef } from '../../core/contracts/pokedex.ts'
import { predictorRef } from '../../core/contracts/predictor.ts'
import type { Kernel } from '../../core/kernel.ts'
import { definePlugin } from '../../core/plugin.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { etlPlugin } from '../etl/index.ts'
import { mlPlugin } from '../ml/index.ts'
import { uiPlugin } from './index.ts'
import { parseBaselines } from './pages/model-baselines.ts'
import { registerModelAndQuizPages } from './pages/model-quiz.ts'

/**
 * The model page and the type quiz over the shipped champion (models/). The pages are mounted by a
 * test plugin the way the ui plugin mounts them, so this suite does not depend on its wiring.
 */
const MODELS = join(import.meta.dir, '..', '..', 'models')
const modelQuizPlugin = (keepPokedex: (p: PokedexReader) => void) =>
  definePlugin({
    name: 'ui-model-quiz-test',
    requires: [pokedexRef, predictorRef],
    setup(ctx) {
      const app = new Hono()
      keepPokedex(ctx.services.get(pokedexRef))
      registerModelAndQuizPages(app, {
        pokedex: ctx.services.get(pokedexRef),
        predictor: ctx.services.get(predictorRef),
        modelsDir: ctx.core.modelsDir,
      })
      ctx.http.mount('/', app)
    },
  })
const boot = async (modelsDir: string, load: boolean, keepPokedex = (_: PokedexReader) => {}) => {
  const kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, uiPlugin, modelQuizPlugin(keepPokedex)],
    env: { MODELS_DIR: modelsDir },
  })
  if (load) {
    const signal = new AbortController().signal
    await kernel.stages.run('etl:load', {}, { log: kernel.log, tty: false, signal })
  }
  await kernel.start()
  return kernel
}

let kernel: Kernel
let pokedex: PokedexReader
beforeAll(async () => {
  kernel = await boot(MODELS, true, (p) => {
    pokedex = p
  })
}, 300_000)
afterAll(() => kernel.stop())

const get = async (path: string, init?: RequestInit) => {
  const res = await kernel.app.request(path, init)
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() }
}
const hiddenFields = (html: string): [string, string][] =>
  [...html.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!])
const answer = (fields: [string, string][], choice: string) =>
  get('/quiz/answer', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'hx-request': 'true' },
    body: new URLSearchParams([...fields, ['answer', choice]]).toString(),
  })
const CHOICES = ['0', '0.25', '0.5', '1', '2', '4']

describe('/model', () => {
  test('names the served folder and compares the model with the baselines', async () => {
    const page = await get('/model')
    expect(page.status).toBe(200)
    expect(page.text).toContain('<html')
    // the shipped champion's own figures (a new champion changes them, not this test)
    const dir = (await Bun.file(join(MODELS, 'champion')).text()).trim()
    const metadata = (await Bun.file(join(MODELS, dir, 'metadata.json')).json()) as {
      dataset: { name: string }
      metrics: { pair_test: { logLoss: number } }
    }
    const baseline = parseBaselines(await Bun.file(join(MODELS, dir, 'report.md')).text()).pair_test
      .turns_to_ko?.logLoss
    const french = (x: number) => x.toFixed(4).replace('.', ',')
    expect(page.text).toContain(dir)
    expect(page.text).toContain(metadata.dataset.name)
    expect(page.text).toContain('Log-loss')
    expect(page.text).toContain(french(metadata.metrics.pair_test.logLoss)) // from modelInfo().metrics
    expect(page.text).toContain(french(Number(baseline))) // turns_to_ko baseline on the pair test, from report.md
    expect(page.text).toContain('src="/model/charts/calibration.svg"')
    expect(page.text).toContain('href="/model/report"')
    expect(page.text).toContain('Dérive des entrées')
    const fragment = await get('/model', { headers: { 'hx-request': 'true' } })
    expect(fragment.text).not.toContain('<html')
    expect(fragment.text).toContain('Le modèle')
  })

  test('serves whitelisted charts as SVG and the report as HTML', async () => {
    for (const file of [
      'calibration.svg',
      'roc-pair-test.svg',
      'roc-species-test.svg',
      'feature-importance.svg',
      'training-loss.svg',
    ]) {
      const chart = await get(`/model/charts/${file}`)
      expect(chart.status).toBe(200)
      expect(chart.type).toBe('image/svg+xml')
      expect(chart.text.startsWith('<svg')).toBe(true)
    }
    const report = await get('/model/report')
    expect(report.status).toBe(200)
    expect(report.type).toContain('text/html')
    // French by default (translated while served), English on request
    expect(report.text).toContain('<title>Rapport du modèle')
    expect(report.text).toContain('<html lang="fr"')
    expect((await get('/model/report?lang=en')).text).toContain('<title>Model report')
    expect((await get('/model/charts/calibration.svg')).text).toContain('Taux de victoire observé')
  })

  test('refuses anything off the whitelist', async () => {
    for (const name of [
      '..%2Fmetadata.json',
      'model.onnx',
      'metadata.json',
      'report.md',
      '%2E%2E%2Fchampion',
      'toString',
    ]) {
      const res = await get(`/model/charts/${name}`)
      expect(res.status).toBe(404)
      expect(res.text).not.toContain('featureSpec')
    }
    expect((await get('/model/charts/../metadata.json')).status).toBe(404)
  })

  test('says so, with a 200, when no model is loaded', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'pdex-models-'))
    const bare = await boot(empty, false)
    try {
      const page = await bare.app.request('/model')
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('Aucun modèle n’est chargé')
      expect((await bare.app.request('/model/charts/calibration.svg')).status).toBe(404)
    } finally {
      await bare.stop()
      await rm(empty, { recursive: true, force: true })
    }
  }, 30_000)

  test('baselines parse from the report tables, and a changed layout yields none', () => {
    const parsed = parseBaselines(
      '## Pair test (x)\n\n*Model vs baselines — x*\n\n| Predictor | Accuracy | Log-loss |\n| --- | ---: | ---: |\n| `model` | **0.9** | **0.1** |\n| `bst` | 0.7359 | 0.5751 |\n',
    )
    expect(parsed.pair_test).toEqual({ bst: { accuracy: 0.7359, logLoss: 0.5751 } })
    expect(parsed.species_test).toEqual({})
    expect(parseBaselines('# nothing here')).toEqual({ pair_test: {}, species_test: {} })
  })
})

describe('/quiz', () => {
  test('asks a question from the type chart, reproducibly with ?seed=', async () => {
    const page = await get('/quiz?seed=7')
    expect(page.status).toBe(200)
    expect(page.text).toContain('<html')
    expect(page.text).toMatch(
      /Une attaque <strong>[^<]+<\/strong> contre un Pokémon <strong>[^<]+<\/strong> : efficacité \?/,
    )
    expect(page.text).toContain('hx-post="/quiz/answer"')
    for (const label of ['×0', '×¼', '×½', '×1', '×2', '×4'])
      expect(page.text).toContain(`>${label}</button>`)
    const prompt = (html: string) => html.match(/Une attaque.*?efficacité \?/)?.[0]
    expect(prompt((await get('/quiz?seed=7')).text)).toBe(prompt(page.text))
    const prompts = new Set(
      await Promise.all([1, 2, 3, 4, 5, 6].map(async (s) => prompt((await get(`/quiz?seed=${s}`)).text))),
    )
    expect(prompts.size).toBeGreaterThan(1)
    const many = await Promise.all(
      Array.from({ length: 30 }, async (_, s) => prompt((await get(`/quiz?seed=s${s}`)).text) ?? ''),
    )
    expect(many.some((p) => p.includes(' / '))).toBe(true) // dual-typed defenders sometimes
    expect(many.some((p) => !p.includes(' / '))).toBe(true)
  })

  test('exactly one answer is right: it scores, the others show the right answer', async () => {
    const fields = hiddenFields((await get('/quiz?seed=42')).text)
    const state = Object.fromEntries(fields)
    const chart = await pokedex.typeChart()
    const cell = (d: number) =>
      chart.find((r) => r.attacking_id === Number(state.attacking) && r.defending_id === d)?.multiplier ?? 1
    const expected = String(
      state
        .defending!.split(',')
        .map(Number)
        .reduce((acc, d) => acc * cell(d), 1),
    )
    for (const choice of CHOICES) {
      const res = await answer(fields, choice)
      expect(res.status).toBe(200)
      expect(res.text).not.toContain('<html')
      if (choice === expected) {
        expect(res.text).toContain('Bonne réponse')
        expect(res.text).toContain('Score : 1 / 1')
      } else {
        expect(res.text).toContain('la bonne réponse était')
        expect(res.text).toContain('Score : 0 / 1')
      }
      expect(res.text).toContain('efficacité ?') // the next question comes with the verdict
    }
  })

  test('without htmx, an answer comes back as a full page', async () => {
    const fields = hiddenFields((await get('/quiz?seed=5')).text)
    const res = await get('/quiz/answer', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([...fields, ['answer', '2']]).toString(),
    })
    expect(res.status).toBe(200)
    expect(res.text).toContain('<html')
    expect(res.text).toContain('Score : ')
  })

  test('the score keeps running over several answers', async () => {
    let fields = hiddenFields((await get('/quiz?seed=3')).text)
    let right = 0
    for (let i = 0; i < 5; i++) {
      const res = await answer(fields, '1')
      if (res.text.includes('Bonne réponse')) right++
      expect(res.text).toContain(`Score : ${right} / ${i + 1}`)
      fields = hiddenFields(res.text)
    }
  })

  test('a forged score or question is refused with a 400 HTML error', async () => {
    const fields = hiddenFields((await get('/quiz?seed=9')).text)
    const forge = (key: string, value: string) =>
      fields.map(([k, v]): [string, string] => [k, k === key ? value : v])
    for (const [key, value] of [
      ['score', '99'],
      ['attacking', '1'],
      ['sig', 'AAAA'],
      ['score', '<script>alert(1)</script>'],
    ] as const) {
      const res = await answer(forge(key, value), '1')
      expect(res.status).toBe(400)
      expect(res.text).toContain('class="error"')
      expect(res.text).not.toContain('<script>')
    }
    const unsigned = await answer(
      fields.filter(([k]) => k !== 'sig'),
      '1',
    )
    expect(unsigned.status).toBe(400)
  })

  test('an unknown answer is refused and never echoed', async () => {
    const fields = hiddenFields((await get('/quiz?seed=9')).text)
    const res = await answer(fields, '<img src=x onerror=alert(1)>')
    expect(res.status).toBe(400)
    expect(res.text).not.toContain('<img')
  })
})
