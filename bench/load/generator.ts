import { BenchError } from './errors.ts'

/** The request a load run repeats (or the URLs it cycles through, one after the other). */
export interface LoadTarget {
  url: string
  /** When given, request n goes to `urls[n % urls.length]` (same method, headers and body). */
  urls?: readonly string[]
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
}

/** How hard and how long to push. Both bounds always apply: the run stops at whichever comes first. */
export interface LoadOptions {
  /** Concurrent request loops; each keeps one keep-alive connection busy. */
  connections: number
  durationMs: number
  /** Hard cap on requests in this run (the latency buffer is allocated at this size). */
  maxRequests: number
}

/** What one run measured. `latenciesMs[0 … responses-1]` holds one latency per response. */
export interface LoadRun {
  /** Responses received, whatever their status. */
  responses: number
  non2xx: number
  /** Requests that got no response (refused, reset, timed out). */
  errors: number
  /** Wall time from the first request to the last response. */
  seconds: number
  latenciesMs: Float64Array
  /** CPU used by this whole process (every thread, user + system) during the run. */
  clientCpuSeconds: number
  /** The first non-2xx status or error seen, to say *why* a run failed. */
  firstProblem: string | undefined
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/**
 * Refuses any URL whose host is not this machine's loopback: a load generator must never be
 * pointed at somebody else's server by a typo or a stray environment variable.
 *
 * @throws BenchError `BENCH_NOT_LOOPBACK`
 * @example
 * assertLoopback('http://127.0.0.1:8080/healthz') // ok
 */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname
  if (!(LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new BenchError('BENCH_NOT_LOOPBACK', `refusing to send load to ${host}: only loopback addresses`)
  }
}

/**
 * A closed-loop load generator on Bun's `fetch` (keep-alive connections, no dependency):
 * `connections` loops each send a request, read the whole body, record the latency with
 * `performance.now()`, and send the next one, until `durationMs` or `maxRequests` is reached.
 *
 * Why closed loop: it measures the throughput the server sustains at a fixed concurrency, which
 * is how the targets are written ("at 32 connections"). Its latencies understate what an
 * open-loop client at a fixed arrival rate would see once the server saturates (coordinated
 * omission); p99 is therefore a lower bound.
 *
 * @example
 * const run = await runLoad({ url: 'http://127.0.0.1:8080/api/v1/pokemon/25' },
 *   { connections: 32, durationMs: 10_000, maxRequests: 1_000_000 })
 */
export async function runLoad(target: LoadTarget, options: LoadOptions): Promise<LoadRun> {
  assertLoopback(target.url)
  for (const url of target.urls ?? []) assertLoopback(url)
  const urls = target.urls && target.urls.length > 0 ? target.urls : [target.url]
  const { connections, durationMs, maxRequests } = options
  if (!(connections >= 1 && durationMs > 0 && maxRequests >= 1)) {
    throw new BenchError('BENCH_BAD_OPTIONS', `connections ≥ 1, duration > 0 and maxRequests ≥ 1 required`)
  }
  const init: RequestInit = {
    method: target.method ?? 'GET',
    headers: target.headers ?? {},
    ...(target.body === undefined ? {} : { body: target.body }),
  }
  const latenciesMs = new Float64Array(maxRequests)
  let issued = 0
  let responses = 0
  let non2xx = 0
  let errors = 0
  let firstProblem: string | undefined

  const cpuBefore = process.cpuUsage()
  const started = performance.now()
  const deadline = started + durationMs

  async function loop(): Promise<void> {
    while (issued < maxRequests && performance.now() < deadline) {
      const url = urls[issued % urls.length]!
      issued++
      const sent = performance.now()
      try {
        const response = await fetch(url, init)
        const body = await response.arrayBuffer()
        latenciesMs[responses++] = performance.now() - sent
        if (response.status < 200 || response.status > 299) {
          non2xx++
          firstProblem ??= `HTTP ${response.status}: ${new TextDecoder().decode(body).slice(0, 300)}`
        }
      } catch (error) {
        errors++
        firstProblem ??= `request failed: ${error instanceof Error ? error.message : String(error)}`
      }
    }
  }

  await Promise.all(Array.from({ length: connections }, loop))
  const seconds = (performance.now() - started) / 1000
  const cpu = process.cpuUsage(cpuBefore)
  return {
    responses,
    non2xx,
    errors,
    seconds,
    latenciesMs,
    clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
    firstProblem,
  }
}
