import { afterAll, describe, expect, test } from 'bun:test'
import { assertLoopback, runLoad } from './generator.ts'

// A loopback server in this process: enough to check counting, not speed. It counts the
// requests it answered per path, so a test can compare the generator's counts with the truth
// whatever the machine's load (how many requests fit in a time window is never asserted).
const served = new Map<string, number>()
const server = Bun.serve({
  hostname: '127.0.0.1',
  port: 0,
  async fetch(request) {
    const path = new URL(request.url).pathname
    served.set(path, (served.get(path) ?? 0) + 1)
    if (path === '/teapot') return new Response('short and stout', { status: 418 })
    if (path === '/echo') {
      const seen = `${request.method} ${request.headers.get('x-k')} ${await request.text()}`
      return new Response(seen, { status: seen === 'POST key {"a":1}' ? 200 : 400 })
    }
    return new Response(null, { status: 204 })
  },
})
const base = `http://127.0.0.1:${server.port}`
afterAll(() => server.stop(true))

describe('runLoad', () => {
  test('counts every response and records one latency each', async () => {
    // Bounded by maxRequests only (the deadline is a hang guard), so the count is exact at any load.
    const run = await runLoad(
      { url: `${base}/count` },
      { connections: 4, durationMs: 300_000, maxRequests: 64 },
    )
    expect(run.responses).toBe(64)
    expect(served.get('/count')).toBe(64)
    expect(run.non2xx).toBe(0)
    expect(run.errors).toBe(0)
    expect(run.firstProblem).toBeUndefined()
    expect(run.latenciesMs.length).toBe(64)
    expect(run.latenciesMs.every((ms) => Number.isFinite(ms) && ms > 0)).toBe(true)
    expect(run.seconds).toBeGreaterThan(0)
    expect(run.clientCpuSeconds).toBeGreaterThan(0)
  })

  test('stops at the deadline, having counted what the server answered', async () => {
    // However few requests fit in 50 ms on a loaded machine, the counts agree with the server's,
    // one latency each and none past them, and the run lasted at least its duration.
    const run = await runLoad(
      { url: `${base}/deadline` },
      { connections: 2, durationMs: 50, maxRequests: 1_000_000 },
    )
    expect(run.responses).toBeLessThan(1_000_000)
    expect(run.responses).toBe(served.get('/deadline') ?? 0)
    expect(run.errors).toBe(0)
    expect(run.seconds).toBeGreaterThanOrEqual(0.049) // 50 ms, less float rounding
    expect(run.latenciesMs.subarray(0, run.responses).every((ms) => ms > 0)).toBe(true)
    expect(run.latenciesMs.subarray(run.responses).every((ms) => ms === 0)).toBe(true)
  })

  test('stops at maxRequests even before the deadline', async () => {
    const run = await runLoad(
      { url: `${base}/capped` },
      { connections: 8, durationMs: 300_000, maxRequests: 50 },
    )
    expect(run.responses).toBe(50)
    // Eight loops share the cap: none sends a request past it.
    expect(served.get('/capped')).toBe(50)
  })

  test('sends the method, headers and body it is given', async () => {
    const run = await runLoad(
      { url: `${base}/echo`, method: 'POST', headers: { 'x-k': 'key' }, body: '{"a":1}' },
      { connections: 1, durationMs: 10_000, maxRequests: 1 },
    )
    expect(run.firstProblem).toBeUndefined()
    expect(run.responses).toBe(1)
    const bare = await runLoad(
      { url: `${base}/echo` },
      { connections: 1, durationMs: 10_000, maxRequests: 1 },
    )
    expect(bare.firstProblem).toBe('HTTP 400: GET null ')
  })

  test('counts non-2xx answers and says what the first one was', async () => {
    const run = await runLoad(
      { url: `${base}/teapot` },
      { connections: 2, durationMs: 10_000, maxRequests: 20 },
    )
    expect(run.non2xx).toBe(20)
    expect(run.firstProblem).toBe('HTTP 418: short and stout')
  })

  test('counts transport errors when nobody listens', async () => {
    const closed = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response(null) })
    const url = `http://127.0.0.1:${closed.port}/`
    await closed.stop(true)
    const run = await runLoad({ url }, { connections: 2, durationMs: 10_000, maxRequests: 6 })
    expect(run.errors).toBe(6)
    expect(run.responses).toBe(0)
    expect(run.firstProblem).toStartWith('request failed:')
  })

  test('refuses bad options', async () => {
    await expect(
      runLoad({ url: `${base}/` }, { connections: 0, durationMs: 10, maxRequests: 1 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'BENCH_BAD_OPTIONS' }))
  })
})

describe('assertLoopback', () => {
  test('allows this machine only', () => {
    for (const url of [
      'http://127.0.0.1:1/',
      'http://localhost:8080/x',
      'http://127.3.2.1/',
      'http://[::1]:80/',
    ]) {
      expect(() => assertLoopback(url)).not.toThrow()
    }
    for (const url of [
      'http://10.0.0.1/',
      'http://192.168.1.2:8080/',
      'http://example.com/',
      'http://127.0.0.1.example.com/',
    ]) {
      expect(() => assertLoopback(url)).toThrow(expect.objectContaining({ code: 'BENCH_NOT_LOOPBACK' }))
    }
  })

  test('runLoad refuses a remote target before sending anything', async () => {
    await expect(
      runLoad({ url: 'http://192.0.2.1/' }, { connections: 1, durationMs: 10, maxRequests: 1 }),
    ).rejects.toThrow(expect.objectContaining({ code: 'BENCH_NOT_LOOPBACK' }))
  })
})
