import { afterAll, afterEach, beforeAll, describe, expect, test } from 'bun:test'
import {
  closedPort,
  createFakeClock,
  type LocalServer,
  startLocalServer,
  temporaryDirectory,
} from '../../../testing/etl/http.ts'
import { createHttpClient } from './client.ts'
import type { HttpClientOptions } from './client-options.ts'
import { HttpFetchError } from './types.ts'

const DAY = 24 * 60 * 60 * 1000
let dir: { path: string; remove(): Promise<void> }
let server: LocalServer | undefined
let cacheCount = 0

beforeAll(async () => {
  dir = await temporaryDirectory()
})
afterAll(() => dir.remove())
afterEach(() => server?.stop())

function clientFor(host: string, extra: Partial<HttpClientOptions> = {}, clock = createFakeClock()) {
  const options: HttpClientOptions = {
    cacheDir: `${dir.path}/cache-${++cacheCount}`,
    userAgent: 'PredictionDex-ETL/0.1 (+https://example.invalid/repo)',
    hosts: { [host]: { maxConcurrent: 4, minIntervalMs: 0, obeyRobots: false } },
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...extra,
  }
  return { http: createHttpClient(options), clock, options }
}

describe('createHttpClient retries', () => {
  test('a 500 then success: retried after an exponential backoff, the success is cached', async () => {
    server = startLocalServer((_req, n) =>
      n < 2 ? new Response('boom', { status: 500 }) : new Response('ok'),
    )
    const { http, clock } = clientFor(server.host)
    const response = await http.get(`${server.origin}/flaky`)
    expect(response).toMatchObject({ status: 200, body: 'ok' })
    // base 500 ms · 2^attempt · (0.5 + 0.5/2) with the fixed jitter
    expect(clock.sleeps).toEqual([375, 750])
    expect(http.counters()).toMatchObject({ requests: 3, retries: 2, failures: 0 })
    expect(await http.get(`${server.origin}/flaky`)).toMatchObject({ fromCache: true })
  })

  test('5xx after every retry resolves with the status and is never cached', async () => {
    server = startLocalServer(() => new Response('down', { status: 503 }))
    const { http } = clientFor(server.host, { retries: 2 })
    expect(await http.get(`${server.origin}/down`)).toMatchObject({ status: 503, fromCache: false })
    expect(server.received).toHaveLength(3)
    await http.get(`${server.origin}/down`)
    expect(server.received).toHaveLength(6)
    expect(http.counters()).toMatchObject({ failures: 2, cacheHits: 0 })
  })

  test('429 with Retry-After: the host waits exactly that long before the next attempt', async () => {
    const clock = createFakeClock()
    server = startLocalServer(
      (_req, n) =>
        n === 0
          ? new Response('slow down', { status: 429, headers: { 'retry-after': '7' } })
          : new Response('ok'),
      clock.now,
    )
    const { http } = clientFor(server.host, {}, clock)
    expect(await http.get(`${server.origin}/busy`)).toMatchObject({ status: 200, body: 'ok' })
    expect(clock.sleeps).toEqual([7000])
    expect(server.received[1]!.at - server.received[0]!.at).toBe(7000)
  })

  test('a huge Retry-After is capped', async () => {
    server = startLocalServer((_req, n) =>
      n === 0 ? new Response('', { status: 503, headers: { 'retry-after': '86400' } }) : new Response('ok'),
    )
    const { http, clock } = clientFor(server.host, { maxRetryAfterMs: 5000 })
    await http.get(`${server.origin}/cap`)
    expect(clock.sleeps).toEqual([5000])
  })

  test('an unreachable host throws HttpFetchError quickly, after bounded retries', async () => {
    const host = `127.0.0.1:${closedPort()}`
    const { http, clock } = clientFor(host)
    const error = await http.get(`http://${host}/pokemon/1`).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpFetchError)
    expect((error as HttpFetchError).code).toBe('HTTP_UNREACHABLE')
    expect((error as HttpFetchError).url).toBe(`http://${host}/pokemon/1`)
    // "Quickly": the waits are the fake clock's, so none is real; bounded: two retries, then the error.
    expect(clock.sleeps).toHaveLength(2) // networkRetries defaults to 2
    expect(http.counters()).toMatchObject({ requests: 3, retries: 2, failures: 1 })
  })

  test('after a host proved unreachable, the next URLs fail at once without a request', async () => {
    const host = `127.0.0.1:${closedPort()}`
    const { http, clock } = clientFor(host)
    await http.get(`http://${host}/a`).catch(() => undefined)
    const requestsBefore = http.counters().requests
    await expect(http.get(`http://${host}/b`)).rejects.toBeInstanceOf(HttpFetchError)
    expect(http.counters().requests).toBe(requestsBefore)
    clock.advance(61_000) // the cooldown is over: the host is tried again
    await http.get(`http://${host}/c`).catch(() => undefined)
    expect(http.counters().requests).toBeGreaterThan(requestsBefore)
  })

  test('a request that exceeds the timeout counts as unreachable', async () => {
    server = startLocalServer(async () => {
      await Bun.sleep(500)
      return new Response('too late')
    })
    const { http } = clientFor(server.host, { timeoutMs: 50, networkRetries: 0 })
    await expect(http.get(`${server.origin}/slow`)).rejects.toBeInstanceOf(HttpFetchError)
  })

  test('when the network fails, an expired cached copy is served marked stale', async () => {
    server = startLocalServer(() => new Response('old but useful'))
    const { http, clock, options } = clientFor(server.host)
    await http.get(`${server.origin}/s`)
    server.stop()
    clock.advance(40 * DAY)
    const client = createHttpClient({ ...options, now: clock.now })
    const stale = await client.get(`${server.origin}/s`)
    expect(stale).toMatchObject({ status: 200, body: 'old but useful', fromCache: true, stale: true })
    expect(client.counters()).toMatchObject({ staleServed: 1, failures: 1 })
    server = undefined
  })
})
