import { describe, expect, test } from 'bun:test'
import { Hono } from 'hono'
import {
  buildApp,
  counterValue,
  fromAddress,
  HASHES,
  KEY_A,
  KEY_B,
  manualClock,
} from '../../testing/api/security-helpers.ts'
import { createRateLimit, createTokenBuckets } from './rate-limit.ts'

const METRIC = 'predictiondex_rate_limited_total'

describe('createTokenBuckets', () => {
  test('spends one token a request, refuses at zero, refills continuously', () => {
    const clock = manualClock()
    const buckets = createTokenBuckets({ perMinute: 3, maxClients: 10, now: clock.now })
    expect([1, 2, 3].map(() => buckets.take('a').remaining)).toEqual([2, 1, 0])
    const refused = buckets.take('a')
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 20, resetSeconds: 60 })
    clock.advance(19_000)
    expect(buckets.take('a').allowed).toBe(false)
    clock.advance(1_000)
    expect(buckets.take('a')).toMatchObject({ allowed: true, remaining: 0 })
    clock.advance(60_000)
    expect(buckets.take('a')).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 20 })
  })

  test('keeps clients apart', () => {
    const buckets = createTokenBuckets({ perMinute: 1, maxClients: 10, now: manualClock().now })
    expect(buckets.take('a').allowed).toBe(true)
    expect(buckets.take('a').allowed).toBe(false)
    expect(buckets.take('b').allowed).toBe(true)
  })

  test('never tracks more than maxClients, evicting the least recently seen', () => {
    const clock = manualClock()
    let capHits = 0
    const buckets = createTokenBuckets({
      perMinute: 1,
      maxClients: 3,
      now: clock.now,
      onCapReached: () => capHits++,
    })
    for (const id of ['a', 'b', 'c']) buckets.take(id)
    buckets.take('a') // refused, and now the most recent
    buckets.take('d') // full: evicts b, the least recent
    expect(buckets.size).toBe(3)
    expect(capHits).toBe(1)
    expect(buckets.take('a').allowed).toBe(false) // a kept its empty bucket
    expect(buckets.take('b').allowed).toBe(true) // b was forgotten (evicts c)
    for (let i = 0; i < 1000; i++) buckets.take(`flood-${i}`)
    expect(buckets.size).toBe(3)
  })

  test('drops idle (refilled) buckets before evicting anyone', () => {
    const clock = manualClock()
    let capHits = 0
    const buckets = createTokenBuckets({
      perMinute: 60,
      maxClients: 2,
      now: clock.now,
      onCapReached: () => capHits++,
    })
    buckets.take('a')
    buckets.take('b')
    clock.advance(2_000) // both refilled (1 token a second): idle, though the minute sweep is not due
    buckets.take('c')
    expect(buckets.size).toBe(1)
    expect(capHits).toBe(0)
  })
})

describe('rate-limit middleware', () => {
  test('limits per key; each key has its own bucket; headers on every response', async () => {
    const clock = manualClock()
    const { app, metrics } = buildApp({ keys: HASHES, predictRateLimitPerMinute: '2' }, { now: clock.now })
    const call = (key: string) =>
      app.request('/predict/best-move', {
        method: 'POST',
        headers: { 'X-API-Key': key, 'content-type': 'application/json' },
        body: '{}',
      })
    const first = await call(KEY_A)
    expect(first.status).toBe(200)
    expect(first.headers.get('RateLimit-Limit')).toBe('2')
    expect(first.headers.get('RateLimit-Remaining')).toBe('1')
    expect(first.headers.get('RateLimit-Reset')).toBe('30')
    expect(first.headers.get('RateLimit-Policy')).toBe('2;w=60')
    expect((await call(KEY_A)).status).toBe(200)
    const limited = await call(KEY_A)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('content-type')).toBe('application/problem+json')
    expect(limited.headers.get('Retry-After')).toBe('30')
    expect(limited.headers.get('RateLimit-Remaining')).toBe('0')
    expect(limited.headers.get('RateLimit-Reset')).toBe('60')
    expect(await limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' })
    expect((await call(KEY_B)).status).toBe(200)
    expect(await counterValue(metrics, METRIC, { scope: 'key' })).toBe(1)
    expect(await counterValue(metrics, METRIC, { scope: 'ip' })).toBe(0)

    clock.advance(60_000)
    const again = await call(KEY_A)
    expect(again.status).toBe(200)
    expect(again.headers.get('RateLimit-Remaining')).toBe('1')
  })

  test('limits per socket address without a key', async () => {
    const clock = manualClock()
    const { app, metrics } = buildApp({ rateLimitPerMinute: '2' }, { now: clock.now })
    const from = (address: string) => app.request('/pokemon/25', {}, fromAddress(address))
    expect((await from('203.0.113.1')).status).toBe(200)
    expect((await from('203.0.113.1')).status).toBe(200)
    const limited = await from('203.0.113.1')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0)
    expect((await from('203.0.113.2')).status).toBe(200)
    // IPv6 neighbours in one /64 share a bucket; another /64 does not.
    expect((await from('2001:db8:1:2::a')).status).toBe(200)
    expect((await from('2001:db8:1:2::b')).status).toBe(200)
    expect((await from('2001:db8:1:2:ffff::c')).status).toBe(429)
    expect((await from('2001:db8:1:3::a')).status).toBe(200)
    expect(await counterValue(metrics, METRIC, { scope: 'ip' })).toBe(2)
    clock.advance(60_000)
    expect((await from('203.0.113.1')).status).toBe(200)
  })

  test('app.request() without a socket shares one constant bucket', async () => {
    const { app } = buildApp({ rateLimitPerMinute: '1' })
    expect((await app.request('/pokemon/25')).status).toBe(200)
    expect(
      (await app.request('/pokemon/25', { headers: { 'X-Forwarded-For': '198.51.100.7' } })).status,
    ).toBe(429)
  })

  test('a wrong key counts against the IP, so guessing keys cannot dodge the limit', async () => {
    const { app } = buildApp({ keys: HASHES, predictRateLimitPerMinute: '2' })
    const guess = (key: string) =>
      app.request(
        '/predict/best-move',
        { method: 'POST', headers: { 'X-API-Key': key } },
        fromAddress('203.0.113.5'),
      )
    expect((await guess('guess-1')).status).toBe(403)
    expect((await guess('guess-2')).status).toBe(403)
    expect((await guess('guess-3')).status).toBe(429)
  })

  test('X-Forwarded-For is ignored unless API_TRUST_PROXY=true, then its last entry counts', async () => {
    const untrusted = buildApp({ rateLimitPerMinute: '1' })
    const spoof = (app: typeof untrusted.app, xff: string) =>
      app.request('/pokemon/25', { headers: { 'X-Forwarded-For': xff } }, fromAddress('10.0.0.1'))
    expect((await spoof(untrusted.app, '198.51.100.1')).status).toBe(200)
    expect((await spoof(untrusted.app, '198.51.100.2')).status).toBe(429) // same socket

    const trusted = buildApp({ rateLimitPerMinute: '1', trustProxy: 'true' })
    expect((await spoof(trusted.app, '198.51.100.1')).status).toBe(200)
    expect((await spoof(trusted.app, '198.51.100.2')).status).toBe(200)
    // A forged first entry does not help: the proxy-appended last one is the client.
    expect((await spoof(trusted.app, '1.1.1.1, 198.51.100.2')).status).toBe(429)
    // Garbage in the header falls back to the socket address.
    expect((await spoof(trusted.app, 'not-an-ip')).status).toBe(200)
    expect((await spoof(trusted.app, 'still-not')).status).toBe(429)
  })

  test('reads and predictions have separate limits', async () => {
    const { app } = buildApp({ keys: HASHES, rateLimitPerMinute: '1', predictRateLimitPerMinute: '1' })
    const headers = { 'X-API-Key': KEY_A, 'content-type': 'application/json' }
    expect((await app.request('/pokemon/25', { headers })).status).toBe(200)
    expect((await app.request('/predict/best-move', { method: 'POST', headers, body: '{}' })).status).toBe(
      200,
    )
    expect((await app.request('/pokemon/25', { headers })).status).toBe(429)
  })
})

describe('rate-limit headers', () => {
  test('every kind of response carries them: helper-built, built by hand, and the error handler', async () => {
    const app = new Hono()
    app.onError((_error, c) => c.json({ failed: true }, 500))
    app.use(
      '*',
      createRateLimit({
        buckets: createTokenBuckets({ perMinute: 5, maxClients: 10, now: manualClock().now }),
        identify: () => ({ scope: 'ip', id: 'one' }),
        onLimited: () => {},
      }),
    )
    app.get('/json', (c) => c.json({ ok: true }))
    app.get('/raw', () => new Response('raw', { headers: { 'content-type': 'text/plain' } }))
    app.get('/throws', () => {
      throw new Error('boom')
    })
    const remaining: string[] = []
    for (const path of ['/json', '/raw', '/throws']) {
      const res = await app.request(path)
      expect(res.headers.get('RateLimit-Limit'), path).toBe('5')
      expect(res.headers.get('RateLimit-Policy'), path).toBe('5;w=60')
      remaining.push(res.headers.get('RateLimit-Remaining') ?? '')
    }
    expect(remaining).toEqual(['4', '3', '2'])
  })
})
