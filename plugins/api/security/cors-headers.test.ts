import { describe, expect, test } from 'bun:test'
import { buildApp, HASHES } from '../../../testing/api/security-helpers.ts'

const ORIGIN = 'https://dex.example'

describe('CORS', () => {
  test('an allowed origin gets its own origin back, with Vary: Origin', async () => {
    const { app } = buildApp({ corsOrigins: `${ORIGIN},http://localhost:5173` })
    const res = await app.request('/pokemon/25', { headers: { Origin: ORIGIN } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect(res.headers.get('Vary')).toContain('Origin')
    expect(res.headers.get('Access-Control-Expose-Headers')).toContain('RateLimit-Remaining')
    expect(res.headers.get('Access-Control-Allow-Credentials')).toBeNull()
  })

  test('another origin gets no CORS grant (the browser then hides the answer)', async () => {
    const { app } = buildApp({ corsOrigins: ORIGIN })
    for (const origin of ['https://evil.example', 'https://dex.example.evil.example', 'null']) {
      const res = await app.request('/pokemon/25', { headers: { Origin: origin } })
      expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
      expect(res.headers.get('Vary')).toContain('Origin')
    }
  })

  test('preflight answers 204 without a key, allowing X-API-Key and Content-Type', async () => {
    const { app } = buildApp({ corsOrigins: ORIGIN, keys: HASHES })
    const res = await app.request('/predict/best-move', {
      method: 'OPTIONS',
      headers: {
        Origin: ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-api-key, content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
    expect(res.headers.get('Access-Control-Allow-Headers')).toBe('Content-Type,X-API-Key')
    expect(res.headers.get('Access-Control-Allow-Methods')).toContain('POST')
    expect(res.headers.get('Access-Control-Max-Age')).toBe('600')
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff')

    const refused = await app.request('/predict/best-move', {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    })
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })

  test('errors carry the grant too, so an allowed page can read a 401 problem', async () => {
    const { app } = buildApp({ corsOrigins: ORIGIN, keys: HASHES })
    const res = await app.request('/predict/best-move', { method: 'POST', headers: { Origin: ORIGIN } })
    expect(res.status).toBe(401)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe(ORIGIN)
  })

  test('an empty list adds no CORS header at all', async () => {
    const { app } = buildApp({})
    const res = await app.request('/pokemon/25', { headers: { Origin: ORIGIN } })
    expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([])
  })

  test('"*" works only with API_CORS_ALLOW_ANY=true', async () => {
    expect(() => buildApp({ corsOrigins: '*' })).toThrow()
    const { app } = buildApp({ corsOrigins: '*', corsAllowAny: 'true' })
    const res = await app.request('/pokemon/25', { headers: { Origin: 'https://anyone.example' } })
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
  })
})

describe('security headers', () => {
  const expected = {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'Cross-Origin-Resource-Policy': 'same-origin',
  }

  test('on successes, problems and unknown routes alike; no X-Powered-By', async () => {
    const { app } = buildApp({ keys: HASHES })
    app.get('/pokemon/powered', (c) => c.json({}, 200, { 'X-Powered-By': 'Hono' }))
    const responses = [
      await app.request('/pokemon/25'),
      await app.request('/predict/best-move', { method: 'POST' }),
      await app.request('/nowhere'),
      await app.request('/pokemon/powered'),
    ]
    expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 200])
    for (const res of responses) {
      for (const [name, value] of Object.entries(expected)) expect(res.headers.get(name)).toBe(value)
      expect(res.headers.get('X-Powered-By')).toBeNull()
    }
  })
})
