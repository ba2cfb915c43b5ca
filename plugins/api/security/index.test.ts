import { describe, expect, test } from 'bun:test'
import { createHttp } from '../../../core/http.ts'
import { createMemoryLogger } from '../../../core/log.ts'
import { createMetrics } from '../../../core/metrics.ts'
import { HttpProblem } from '../../../core/problem.ts'
import {
  buildApp,
  counterValue,
  fromAddress,
  HASHES,
  KEY_A,
  manualClock,
  parseConfig,
} from '../../../testing/api/security-helpers.ts'
import { createApiSecurity } from './index.ts'

/** The module inside the real kernel HTTP core, wired as the api plugin would. */
function kernelApp(raw: Record<string, string>) {
  const log = createMemoryLogger('debug')
  const metrics = createMetrics('api', { defaultMetrics: false })
  const http = createHttp({ log, metrics, version: 'test' })
  const security = createApiSecurity(parseConfig(raw), { log, metrics })
  const router = http.registrar('api').router()
  router.use('*', security.securityHeaders, security.cors)
  router.use('/pokemon/*', security.rateLimit, security.requireApiKeyForReads)
  router.use(
    '/predict/*',
    security.predictRateLimit,
    security.requireApiKey,
    security.bodyLimit,
    security.timeout,
  )
  router.get('/pokemon/:id', (c) => {
    if (c.req.param('id') === '0') throw new HttpProblem('POKEMON_NOT_FOUND', 'no Pokémon #0')
    return c.json({ id: Number(c.req.param('id')) })
  })
  router.post('/predict/best-move', async (c) => c.json(await c.req.json()))
  http.registrar('api').mount('/api/v1', router)
  return { app: http.app, log, metrics, security }
}

describe('inside the kernel HTTP core', () => {
  const ORIGIN = 'https://dex.example'

  test('problems from handlers, the kernel 404 and the limiter all carry CORS and security headers', async () => {
    const { app } = kernelApp({ keys: HASHES, corsOrigins: ORIGIN, rateLimitPerMinute: '2' })
    const headers = { Origin: ORIGIN }
    const notFound = await app.request('/api/v1/pokemon/0', { headers })
    const unknownRoute = await app.request('/api/v1/nothing-here', { headers })
    await app.request('/api/v1/pokemon/1', { headers })
    const limited = await app.request('/api/v1/pokemon/1', { headers })
    expect([notFound.status, unknownRoute.status, limited.status]).toEqual([404, 404, 429])
    for (const res of [notFound, unknownRoute, limited]) {
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
      expect(res.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'")
    }
    expect(await notFound.json()).toMatchObject({ code: 'POKEMON_NOT_FOUND' })
  })

  test('the kernel /metrics exposes both counters, zero before any refusal', async () => {
    const { app } = kernelApp({ keys: HASHES })
    const text = await (await app.request('/metrics')).text()
    expect(text).toContain('predictiondex_rate_limited_total{scope="key",role="api"} 0')
    expect(text).toContain('predictiondex_rate_limited_total{scope="ip",role="api"} 0')
    expect(text).toContain('predictiondex_api_auth_failures_total{reason="not_configured",role="api"} 0')
  })

  test('a preflight spends no token and needs no key', async () => {
    const { app } = kernelApp({ keys: HASHES, corsOrigins: ORIGIN, predictRateLimitPerMinute: '1' })
    for (let i = 0; i < 3; i++) {
      const preflight = await app.request('/api/v1/predict/best-move', {
        method: 'OPTIONS',
        headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' },
      })
      expect(preflight.status).toBe(204)
    }
    const call = await app.request('/api/v1/predict/best-move', {
      method: 'POST',
      headers: { Origin: ORIGIN, 'X-API-Key': KEY_A, 'content-type': 'application/json' },
      body: '{"ok":true}',
    })
    expect(call.status).toBe(200)
    expect(await call.json()).toEqual({ ok: true })
  })
})

describe('memory cap through the middleware', () => {
  test('tracks at most API_RATE_LIMIT_MAX_CLIENTS and warns once a minute when full', async () => {
    const clock = manualClock()
    const { app, log } = buildApp({ rateLimitPerMinute: '1', rateLimitMaxClients: '2' }, { now: clock.now })
    const from = (address: string) => app.request('/pokemon/25', {}, fromAddress(address))
    expect((await from('192.0.2.1')).status).toBe(200)
    expect((await from('192.0.2.2')).status).toBe(200)
    expect((await from('192.0.2.3')).status).toBe(200) // evicts .1
    expect((await from('192.0.2.4')).status).toBe(200) // evicts .2
    expect((await from('192.0.2.4')).status).toBe(429) // tracked: still limited
    const warnings = log.lines.filter(
      (line) => line.level === 'warn' && String(line.msg).includes('rate limiter full'),
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ maxClients: 2 })
  })
})

describe('metric', () => {
  test('predictiondex_rate_limited_total counts by scope only', async () => {
    const { app, metrics } = buildApp({ keys: HASHES, rateLimitPerMinute: '1' })
    const ip = fromAddress('192.0.2.50')
    for (let i = 0; i < 3; i++) await app.request('/pokemon/25', {}, ip)
    for (let i = 0; i < 2; i++) await app.request('/pokemon/25', { headers: { 'X-API-Key': KEY_A } }, ip)
    expect(await counterValue(metrics, 'predictiondex_rate_limited_total', { scope: 'ip' })).toBe(2)
    expect(await counterValue(metrics, 'predictiondex_rate_limited_total', { scope: 'key' })).toBe(1)
    const text = await metrics.registry.metrics()
    expect(text).not.toContain('192.0.2.50')
    expect(text).not.toContain('sha256')
  })
})
