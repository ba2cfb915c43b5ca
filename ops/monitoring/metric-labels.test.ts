import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { FEATURE_NAMES } from '../../plugins/ml/features/vector.ts'
import { type BootedKernel, bootKernel, exercise, SAMPLE_BEST_MOVE } from './booted-kernel.fixture.ts'

// Metric labels stay bounded whatever clients send: routes are templates, methods a fixed set,
// and no value a client chose (path, id, query, key, header, Pokémon name) ever becomes a label
// value. Checked on a booted kernel's real /metrics output.

type Series = { name: string; labels: Record<string, string> }

function parseSeries(text: string): Series[] {
  const out: Series[] = []
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{(.*)\}\s/.exec(line)
    if (!match) continue
    const labels: Record<string, string> = {}
    for (const l of match[2]!.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!
    out.push({ name: match[1]!, labels })
  }
  return out
}

let app: BootedKernel
beforeAll(async () => {
  app = await bootKernel()
  await exercise(app)
})
afterAll(() => app.close())

/** One round of hostile traffic, every client-chosen string carrying `token`. */
async function hostileRound(token: string): Promise<void> {
  const json = { 'content-type': 'application/json' }
  const sends: Promise<Response>[] = []
  for (let i = 0; i < 20; i++) {
    const t = `${token}${i}`
    sends.push(
      app.request(`/api/v1/pokemon/${t}`),
      app.request(`/api/v1/moves/${t}?q=${t}&${t}=1`),
      app.request(`/${t}/${t}`),
      app.request(`/api/v1/types/${t}/pokemon`, {
        headers: { 'x-forwarded-for': `10.0.0.${i}`, 'user-agent': t },
      }),
      app.request('/api/v1/predict/best-move', {
        method: 'POST',
        headers: { ...json, 'x-api-key': t },
        body: JSON.stringify({ ...SAMPLE_BEST_MOVE, pokemon_b: t }),
      }),
      app.request('/api/v1/predict/best-move', {
        method: 'POST',
        headers: { ...json, 'x-api-key': app.key },
        body: JSON.stringify({ ...SAMPLE_BEST_MOVE, pokemon_a: t }),
      }),
      app.request(`/api/v1/pokemon/${t}`, { method: i % 2 ? 'PURGE' : 'PROPFIND' }),
    )
  }
  await Promise.all(sends)
}

describe('metric labels are bounded', () => {
  test('no client-chosen value becomes a label value; repeated hostile traffic adds no series', async () => {
    await app.scrape() // the scrape itself adds the /metrics series once
    await hostileRound('zqx1tok')
    const first = parseSeries(await app.scrape())
    await hostileRound('vwy2tok')
    const second = parseSeries(await app.scrape())
    const text = JSON.stringify(second)
    expect(text).not.toContain('zqx1tok')
    expect(text).not.toContain('vwy2tok')
    expect(text).not.toContain('10.0.0.')
    expect(second.length).toBe(first.length)
  })

  test('every label value comes from a fixed set the code defines', async () => {
    const openapi = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> }
    const routes = new Set(Object.keys(openapi.paths))
    const series = parseSeries(await app.scrape())
    const http = series.filter((s) => s.name.startsWith('http_request'))
    expect(http.length).toBeGreaterThan(0)
    for (const { labels } of http) {
      expect(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'OTHER']).toContain(
        labels.method ?? '',
      )
      expect(labels.status ?? '').toMatch(/^[1-5]\d\d$/)
      // A template: parameters are :name, never a value (OpenAPI spells them {name}).
      const route = labels.route ?? ''
      const asOpenApi = route.replace(/:([A-Za-z]+)/g, '{$1}')
      const known =
        route === '(unmatched)' ||
        routes.has(route) ||
        routes.has(asOpenApi) ||
        ['/metrics', '/healthz', '/readyz', '/openapi.json', '/docs'].includes(route) ||
        !route.startsWith('/api/')
      expect(known, route).toBe(true)
      expect(route).not.toMatch(/tok/)
    }
    const values = (name: string, label: string) =>
      new Set(series.filter((s) => s.name === name).map((s) => s.labels[label]))
    expect(
      [...values('predictiondex_feature_drift_psi', 'feature')].every((f) => FEATURE_NAMES.includes(f ?? '')),
    ).toBe(true)
    expect([...values('predictiondex_api_auth_failures_total', 'reason')].sort()).toEqual([
      'invalid',
      'missing',
      'not_configured',
    ])
    expect([...values('predictiondex_rate_limited_total', 'scope')].sort()).toEqual(['ip', 'key'])
    expect(
      [...values('predictiondex_predictions_total', 'outcome')].every((o) =>
        ['a_wins', 'b_wins'].includes(o ?? ''),
      ),
    ).toBe(true)
    // The advice service: how each pair was answered and why not exactly, from fixed sets.
    const methods = values('predictiondex_advice_pairs_total', 'method')
    expect(methods.size).toBeGreaterThan(0)
    for (const m of methods) expect(['exact', 'sampled', 'model']).toContain(m ?? '')
    for (const c of values('predictiondex_advice_pairs_total', 'cached'))
      expect(['yes', 'no']).toContain(c ?? '')
    for (const r of values('predictiondex_advice_fallbacks_total', 'reason'))
      expect(['unsupported', 'too_slow', 'budget', 'requested']).toContain(r ?? '')
  })
})
