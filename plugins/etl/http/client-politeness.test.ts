import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test'
import {
  createFakeClock,
  type LocalServer,
  startLocalServer,
  temporaryDirectory,
} from '../../../testing/etl/http.ts'
import { createHttpClient } from './client.ts'
import type { HostPolicy, HttpClientOptions } from './client-options.ts'
import { HttpDisallowedError } from './types.ts'

let dir: { path: string; remove(): Promise<void> }
let server: LocalServer | undefined
let cacheCount = 0

beforeAll(async () => {
  dir = await temporaryDirectory()
})
afterAll(() => dir.remove())
afterEach(() => server?.stop())

function clientFor(local: LocalServer, policy: HostPolicy, extra: Partial<HttpClientOptions> = {}) {
  return createHttpClient({
    cacheDir: `${dir.path}/cache-${++cacheCount}`,
    userAgent: 'PredictionDex-ETL/0.1 (+https://example.invalid/repo)',
    hosts: { [local.host]: policy },
    ...extra,
  })
}

const ROBOTS = [
  'User-agent: SomeOtherBot',
  'Disallow: /',
  '',
  'User-agent: *',
  'Disallow: /wiki/Spécial:',
  'Disallow: /index.php',
  'Allow: /index.php?action=raw',
].join('\n')

describe('createHttpClient politeness', () => {
  test('robots.txt is read once per host; disallowed URLs are refused with a coded error', async () => {
    server = startLocalServer((req) =>
      new URL(req.url).pathname === '/robots.txt' ? new Response(ROBOTS) : new Response('page'),
    )
    const http = clientFor(server, { maxConcurrent: 1, minIntervalMs: 0, obeyRobots: true })
    expect((await http.get(`${server.origin}/wiki/Bulbizarre`)).body).toBe('page')
    expect((await http.get(`${server.origin}/index.php?action=raw&title=X`)).body).toBe('page')
    const refused = await http.get(`${server.origin}/index.php?title=X`).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(HttpDisallowedError)
    expect((refused as HttpDisallowedError).code).toBe('HTTP_ROBOTS_DISALLOWED')
    // percent-encoded in the URL, raw UTF-8 in robots.txt: still refused
    await expect(http.get(`${server.origin}/wiki/Sp%C3%A9cial:Recherche`)).rejects.toBeInstanceOf(
      HttpDisallowedError,
    )
    expect(server.hits('/robots.txt')).toHaveLength(1)
    expect(server.received.map((r) => r.path)).not.toContain('/index.php?title=X')
    expect(http.counters().robotsBlocked).toBe(2)
  })

  test('a missing robots.txt (404) allows everything; hosts not configured for robots never ask', async () => {
    server = startLocalServer((req) =>
      new URL(req.url).pathname === '/robots.txt' ? new Response('', { status: 404 }) : new Response('ok'),
    )
    const obeying = clientFor(server, { maxConcurrent: 1, minIntervalMs: 0, obeyRobots: true })
    expect((await obeying.get(`${server.origin}/anything`)).body).toBe('ok')
    const ignoring = clientFor(server, { maxConcurrent: 1, minIntervalMs: 0, obeyRobots: false })
    await ignoring.get(`${server.origin}/other`)
    expect(server.hits('/robots.txt')).toHaveLength(1)
  })

  test('a robots.txt answering 5xx means "disallow everything" (RFC 9309)', async () => {
    server = startLocalServer((req) =>
      new URL(req.url).pathname === '/robots.txt' ? new Response('', { status: 500 }) : new Response('ok'),
    )
    const http = clientFor(
      server,
      { maxConcurrent: 1, minIntervalMs: 0, obeyRobots: true },
      { retries: 0, sleep: async () => undefined },
    )
    await expect(http.get(`${server.origin}/page`)).rejects.toBeInstanceOf(HttpDisallowedError)
  })

  test('never more requests in flight on a host than its maxConcurrent', async () => {
    let inFlight = 0
    let peak = 0
    server = startLocalServer(async () => {
      inFlight++
      peak = Math.max(peak, inFlight)
      await Bun.sleep(30)
      inFlight--
      return new Response('ok')
    })
    const http = clientFor(server, { maxConcurrent: 2, minIntervalMs: 0, obeyRobots: false })
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => http.get(`${server!.origin}/p/${n}`)))
    expect(peak).toBe(2)
    expect(server.received).toHaveLength(6)
  })

  test('request starts are at least minIntervalMs apart (fake clock seen by the server)', async () => {
    const clock = createFakeClock()
    server = startLocalServer(() => new Response('ok'), clock.now)
    const http = clientFor(
      server,
      { maxConcurrent: 1, minIntervalMs: 1000, obeyRobots: false },
      { now: clock.now, sleep: clock.sleep },
    )
    await Promise.all([1, 2, 3, 4].map((n) => http.get(`${server!.origin}/page/${n}`)))
    const arrivals = server.received.map((r) => r.at)
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]!)
    expect(gaps).toEqual([1000, 1000, 1000])
  })

  test('min interval with the real clock: the default clock paces requests through the real sleep', async () => {
    // The real sleep and clock, observed (not timed): the waits asked for are what is checked; the
    // exact spacing is the fake-clock tests' business.
    const asked: number[] = []
    server = startLocalServer(() => new Response('ok'))
    const http = clientFor(
      server,
      { maxConcurrent: 3, minIntervalMs: 250, obeyRobots: false },
      {
        sleep: (ms) => {
          asked.push(ms)
          return Bun.sleep(ms)
        },
      },
    )
    await Promise.all([1, 2, 3].map((n) => http.get(`${server!.origin}/r/${n}`)))
    expect(server.received).toHaveLength(3)
    expect(asked.some((ms) => ms > 0)).toBe(true)
    expect(asked.every((ms) => ms <= 2 * 250)).toBe(true)
  })

  test('a robots.txt Crawl-delay slows the host down', async () => {
    const clock = createFakeClock()
    server = startLocalServer(
      (req) =>
        new URL(req.url).pathname === '/robots.txt'
          ? new Response('User-agent: *\nCrawl-delay: 5\n')
          : new Response('ok'),
      clock.now,
    )
    const http = clientFor(
      server,
      { maxConcurrent: 1, minIntervalMs: 1000, obeyRobots: true },
      { now: clock.now, sleep: clock.sleep },
    )
    await http.get(`${server.origin}/a`)
    await http.get(`${server.origin}/b`)
    const [robots, a, b] = server.received.map((r) => r.at)
    expect(a! - robots!).toBe(5000)
    expect(b! - a!).toBe(5000)
  })
})
