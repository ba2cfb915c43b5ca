import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import type { Kernel } from '../../../core/kernel.ts'
import { createTestKernel } from '../../../testing/kernel.ts'
import { etlPlugin } from '../../etl/index.ts'
import { mlPlugin } from '../../ml/index.ts'
import { uiPlugin } from '../index.ts'

/** The predictor's optimal-play section, server-rendered (the browser suite drives it live). */
let kernel: Kernel
beforeAll(async () => {
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, uiPlugin],
    env: { MODELS_DIR: join(import.meta.dir, '..', '..', '..', 'models'), ML_OPTIMAL_TIME_LIMIT_MS: '60000' },
  })
  await kernel.stages.run(
    'etl:load',
    {},
    { log: kernel.log, tty: false, signal: new AbortController().signal },
  )
  await kernel.start()
}, 300_000)
afterAll(() => kernel.stop())

const QUERY = 'a=pikachu&ma=thunderbolt&ma=quick-attack&b=squirtle&mb=water-gun&mb=tackle'
const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await kernel.app.request(path, { headers })
  return { status: res.status, text: await res.text() }
}

describe('optimal play on the predictor page', () => {
  test('a submitted prediction asks for the optimal-play section (htmx on load, a link without JavaScript)', async () => {
    const page = await get(`/predict?${QUERY}`)
    expect(page.status).toBe(200)
    expect(page.text).toContain('id="optimal"')
    const loader =
      'a=pikachu&amp;b=squirtle&amp;ma=thunderbolt&amp;ma=quick-attack&amp;mb=water-gun&amp;mb=tackle'
    expect(page.text).toContain(`hx-get="/predict/optimal?${loader}" hx-trigger="load"`)
    expect(page.text).toContain(`<a href="/predict/optimal?${loader}">`)
  }, 300_000)

  test('the section: value, move to use now, the chart coloured per move, the HP sliders (French by default)', async () => {
    const { status, text } = await get(`/predict/optimal?${QUERY}`, { 'hx-request': 'true' })
    expect(status).toBe(200)
    expect(text).not.toContain('<html')
    expect(text).toContain('Jeu optimal')
    expect(text).toMatch(/class="win-value">[\d,]+ %</)
    expect(text).toContain('<svg class="policy-chart"')
    expect(text).toMatch(/<rect class="choice-[0-4]"/)
    expect(text).toMatch(/name="hpa" type="range" min="1" max="\d+"/)
    expect(text).toMatch(/name="hpb" type="range" min="1" max="\d+"/)
  }, 300_000)

  test('mid-battle: the sliders’ HP give the answer for that situation; English with ?lang=en', async () => {
    const { status, text } = await get(`/predict/optimal?${QUERY}&hpa=12&hpb=30&lang=en`, {
      'hx-request': 'true',
    })
    expect(status).toBe(200)
    expect(text).toContain('Optimal play')
    expect(text).toMatch(/your HP 12 \/ \d+, the opponent’s HP 30 \/ \d+/)
    expect(text).toContain('value="12"')
  }, 300_000)

  test('an impossible HP is said in the section, not a crash', async () => {
    const { status, text } = await get(`/predict/optimal?${QUERY}&hpa=999&hpb=30&lang=en`, {
      'hx-request': 'true',
    })
    expect(status).toBe(400)
    expect(text).toContain('HP must be a whole number from 1 to')
  }, 300_000)
})
