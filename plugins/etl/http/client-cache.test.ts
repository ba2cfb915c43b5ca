import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test'
import { writeFile } from 'node:fs/promises'
import {
  createFakeClock,
  type LocalServer,
  startLocalServer,
  temporaryDirectory,
} from '../../../testing/etl/http.ts'
import { createHttpClient } from './client.ts'
import type { HttpClientOptions } from './client-options.ts'
import { createDiskCache } from './disk-cache.ts'

const DAY = 24 * 60 * 60 * 1000
let dir: { path: string; remove(): Promise<void> }
let server: LocalServer | undefined
let cacheCount = 0

beforeAll(async () => {
  dir = await temporaryDirectory()
})
afterAll(() => dir.remove())
afterEach(() => server?.stop())

/** A client on a fresh cache directory, with the local server's host made quick and robots-free. */
function clientFor(local: LocalServer, extra: Partial<HttpClientOptions> = {}) {
  const clock = createFakeClock()
  const options: HttpClientOptions = {
    cacheDir: `${dir.path}/cache-${++cacheCount}`,
    userAgent: 'PredictionDex-ETL/0.1 (+https://example.invalid/repo)',
    hosts: { [local.host]: { maxConcurrent: 4, minIntervalMs: 0, obeyRobots: false } },
    now: clock.now,
    sleep: clock.sleep,
    ...extra,
  }
  return { http: createHttpClient(options), clock, options }
}

describe('createHttpClient cache', () => {
  test('a second get within the TTL is served from disk without any request', async () => {
    server = startLocalServer((_req, n) => Response.json({ hit: n }))
    const { http } = clientFor(server)
    const first = await http.get(`${server.origin}/pokemon/1`)
    const second = await http.get(`${server.origin}/pokemon/1`)
    expect(first).toMatchObject({ status: 200, fromCache: false, body: '{"hit":0}' })
    expect(second).toMatchObject({ status: 200, fromCache: true, body: '{"hit":0}' })
    expect(server.received).toHaveLength(1)
    expect(http.counters()).toMatchObject({ requests: 1, cacheHits: 1 })
  })

  test('sends the User-Agent, gzip and the accept header, and reads a gzipped body', async () => {
    server = startLocalServer(
      () =>
        new Response(Bun.gzipSync(new TextEncoder().encode('compressed ok')), {
          headers: { 'content-encoding': 'gzip' },
        }),
    )
    const { http } = clientFor(server)
    const response = await http.get(`${server.origin}/a`, { accept: 'application/json' })
    expect(response.body).toBe('compressed ok')
    const headers = server.received[0]!.headers
    expect(headers.get('user-agent')).toBe('PredictionDex-ETL/0.1 (+https://example.invalid/repo)')
    expect(headers.get('accept-encoding')).toBe('gzip')
    expect(headers.get('accept')).toBe('application/json')
  })

  test('the cache survives the client: a new client on the same directory makes no request', async () => {
    server = startLocalServer(() => new Response('persisted'))
    const { http, options } = clientFor(server)
    await http.get(`${server.origin}/p`)
    const again = await createHttpClient(options).get(`${server.origin}/p`)
    expect(again).toMatchObject({ body: 'persisted', fromCache: true })
    expect(server.received).toHaveLength(1)
  })

  test('past the TTL, an ETag is revalidated: 304 serves the cached body and renews it', async () => {
    server = startLocalServer((req) =>
      req.headers.get('if-none-match') === '"v1"'
        ? new Response(null, { status: 304 })
        : new Response('body v1', { headers: { etag: '"v1"' } }),
    )
    const { http, clock } = clientFor(server)
    await http.get(`${server.origin}/r`)
    clock.advance(31 * DAY)
    const revalidated = await http.get(`${server.origin}/r`)
    expect(revalidated).toMatchObject({ status: 200, body: 'body v1', fromCache: false, revalidated: true })
    expect(server.received[1]!.headers.get('if-none-match')).toBe('"v1"')
    clock.advance(29 * DAY) // within 30 days of the revalidation, not of the first fetch
    expect(await http.get(`${server.origin}/r`)).toMatchObject({ fromCache: true })
    expect(server.received).toHaveLength(2)
    expect(http.counters()).toMatchObject({ requests: 2, revalidations: 1, cacheHits: 1 })
  })

  test('Last-Modified is sent back as If-Modified-Since', async () => {
    const stamp = 'Wed, 01 Jan 2025 00:00:00 GMT'
    server = startLocalServer((req) =>
      req.headers.get('if-modified-since') === stamp
        ? new Response(null, { status: 304 })
        : new Response('dated', { headers: { 'last-modified': stamp } }),
    )
    const { http, clock } = clientFor(server)
    await http.get(`${server.origin}/d`)
    clock.advance(31 * DAY)
    expect(await http.get(`${server.origin}/d`)).toMatchObject({ body: 'dated', revalidated: true })
  })

  test('past the TTL without validators, the page is simply fetched again', async () => {
    server = startLocalServer((_req, n) => new Response(`version ${n}`))
    const { http, clock } = clientFor(server, { ttlMs: 1000 })
    await http.get(`${server.origin}/t`)
    clock.advance(999)
    expect((await http.get(`${server.origin}/t`)).body).toBe('version 0')
    clock.advance(2)
    const refreshed = await http.get(`${server.origin}/t`)
    expect(refreshed).toMatchObject({ body: 'version 1', fromCache: false })
    expect(server.received[1]!.headers.get('if-none-match')).toBeNull()
  })

  test('force refetches unconditionally and updates the cache', async () => {
    server = startLocalServer((_req, n) => new Response(`v${n}`, { headers: { etag: `"e${n}"` } }))
    const { http, options } = clientFor(server)
    await http.get(`${server.origin}/f`)
    const forced = createHttpClient({ ...options, force: true })
    expect((await forced.get(`${server.origin}/f`)).body).toBe('v1')
    expect(server.received[1]!.headers.get('if-none-match')).toBeNull()
    expect(await createHttpClient(options).get(`${server.origin}/f`)).toMatchObject({
      body: 'v1',
      fromCache: true,
    })
  })

  test('404 is cached for a day, then asked again', async () => {
    server = startLocalServer(() => new Response('nope', { status: 404 }))
    const { http, clock } = clientFor(server)
    await http.get(`${server.origin}/missing`)
    clock.advance(DAY - 1)
    expect(await http.get(`${server.origin}/missing`)).toMatchObject({ status: 404, fromCache: true })
    clock.advance(2)
    expect(await http.get(`${server.origin}/missing`)).toMatchObject({ status: 404, fromCache: false })
    expect(server.received).toHaveLength(2)
  })

  test('a corrupt cache file is refetched and overwritten, not a crash', async () => {
    server = startLocalServer(() => new Response('fresh'))
    const { http, options } = clientFor(server)
    const url = `${server.origin}/c`
    await http.get(url)
    const file = createDiskCache(options.cacheDir).pathOf(url)
    await writeFile(file, 'this is not gzip')
    const client = createHttpClient(options)
    expect(await client.get(url)).toMatchObject({ body: 'fresh', fromCache: false })
    expect(client.counters().corruptCacheEntries).toBe(1)
    expect(await client.get(url)).toMatchObject({ body: 'fresh', fromCache: true })
  })

  test('concurrent gets of one URL share one request', async () => {
    server = startLocalServer(async () => {
      await Bun.sleep(20)
      return new Response('shared')
    })
    const { http } = clientFor(server)
    const answers = await Promise.all([1, 2, 3].map(() => http.get(`${server!.origin}/s`)))
    expect(answers.map((a) => a.body)).toEqual(['shared', 'shared', 'shared'])
    expect(server.received).toHaveLength(1)
  })
})
