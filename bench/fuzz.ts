/**
 * `bun bench/fuzz.ts [requests] [seed]`: a seeded hostile-request run against a real server
 * (`serve --role all` on a loopback port, child process): every documented API operation from the
 * hostile generators the property tests use, half with a valid key, plus the web app (hostile
 * query strings on every page, malformed and oversized form posts, wrong methods, odd static
 * names). Counts answers by status and every app 5xx and hang (no answer within 15 s); exits 1 if
 * there is any. Default 12,000 requests, seed 13. Bounded: loopback only, 16 at a time.
 */
import fc from 'fast-check'
import { serveApi } from '../faults/support.ts'
import { HOSTILE_REQUESTS, type HostileRequest } from '../testing/api/hostile-requests.ts'
import { encodeComponent, hostileText } from '../testing/api/hostile-values.ts'
import { listOperations, type OpenApiDocument } from '../testing/api/openapi-doc.ts'

const TOTAL = Number(process.argv[2] ?? 12_000)
const SEED = Number(process.argv[3] ?? 13)
const CONCURRENCY = 16
const HANG_MS = 15_000
/**
 * The only 503s that are not failures: a full queue (simulations, exact solves, optimal play)
 * answers 503 + Retry-After by design (bounded queues; the client is told to come back). Any other
 * 503 (a TIMEOUT, an unready model, the database) is counted as an app 5xx.
 */
const BACKPRESSURE = new Set(['ML_SIMULATION_BUSY', 'ML_SOLVER_BUSY', 'OPTIMAL_BUSY'])

function problemCode(text: string): string {
  try {
    return String((JSON.parse(text) as { code?: unknown }).code ?? 'no code')
  } catch {
    return 'not JSON'
  }
}

const WEB_PAGES = [
  '/',
  '/predict',
  '/predict/side',
  '/pokedex',
  '/pokedex/pikachu',
  '/moves',
  '/moves/thunderbolt',
  '/types',
  '/types/answer',
  '/quiz',
  '/model',
  '/credits',
]
const WEB_KEYS = [
  'a',
  'b',
  'ma',
  'mb',
  'side',
  'q',
  'type',
  'lang',
  'category',
  'method',
  'sort',
  'attacking',
  'defending',
  'seed',
]

/** Web-app requests: hostile query strings, malformed or huge form posts, wrong methods, odd files. */
function webRequests(n: number, seed: number): HostileRequest[] {
  const query = fc
    .array(fc.tuple(fc.constantFrom(...WEB_KEYS), hostileText), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeComponent(v)}`).join('&'))
  const page = fc
    .tuple(fc.constantFrom(...WEB_PAGES), query)
    .map(([path, q]): HostileRequest => ({ method: 'GET', url: q ? `${path}?${q}` : path, headers: {} }))
  const form = fc
    .oneof(
      hostileText.map((t) => ({ type: 'application/x-www-form-urlencoded', body: t })),
      hostileText.map((t) => ({ type: 'multipart/form-data; boundary=x', body: `--x\r\n${t}` })),
      fc.constant({ type: 'application/x-www-form-urlencoded', body: `score=${'9'.repeat(40_000)}` }),
      fc.constant({ type: 'application/json', body: '{"score":' }),
    )
    .map(
      (b): HostileRequest => ({
        method: 'POST',
        url: '/quiz/answer',
        headers: { 'content-type': b.type },
        body: b.body,
      }),
    )
  const odd = fc.oneof(
    fc
      .constantFrom('toString', '__proto__', 'constructor', '..%2f..%2fetc%2fpasswd', 'app.css%00', '%ZZ')
      .map((f): HostileRequest => ({ method: 'GET', url: `/static/${f}`, headers: {} })),
    fc
      .tuple(fc.constantFrom('PUT', 'DELETE', 'PATCH', 'POST'), fc.constantFrom(...WEB_PAGES))
      .map(([method, url]): HostileRequest => ({ method, url, headers: {} })),
  )
  return fc.sample(
    fc.oneof({ arbitrary: page, weight: 6 }, { arbitrary: form, weight: 3 }, { arbitrary: odd, weight: 1 }),
    {
      numRuns: n,
      seed,
    },
  )
}

const api = await serveApi('all', { SHUTDOWN_TIMEOUT_MS: '2000' })
const base = api.server.baseUrl
try {
  const doc = (await (await fetch(`${base}/openapi.json`)).json()) as OpenApiDocument
  const operations = listOperations(doc)
  const perOperation = Math.ceil((TOTAL * 0.7) / operations.length)
  const requests: (HostileRequest & { key: boolean })[] = []
  for (const [i, entry] of operations.entries()) {
    const sample = fc.sample(HOSTILE_REQUESTS[entry.key]!(doc, entry), {
      numRuns: perOperation,
      seed: SEED + i,
    })
    for (const [j, r] of sample.entries()) requests.push({ ...r, key: j % 2 === 0 })
  }
  for (const r of webRequests(TOTAL - requests.length, SEED)) requests.push({ ...r, key: false })

  const statuses = new Map<number, number>()
  const unavailable = new Map<string, number>()
  const failures: string[] = []
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < requests.length) {
      const r = requests[next++]!
      const headers = { ...r.headers, ...(r.key ? { 'x-api-key': api.key } : {}) }
      try {
        const res = await fetch(`${base}${r.url}`, {
          method: r.method,
          headers,
          ...(r.body === undefined ? {} : { body: r.body }),
          signal: AbortSignal.timeout(HANG_MS),
        })
        const text = await res.text()
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
        if (res.status === 503) {
          const code = problemCode(text)
          const where = `${r.method} ${r.url.split('?')[0]!.slice(0, 60)} ${code}`
          unavailable.set(where, (unavailable.get(where) ?? 0) + 1)
          if (!BACKPRESSURE.has(code)) failures.push(`503 ${code} ${r.method} ${r.url.slice(0, 200)}`)
        } else if (res.status >= 500) failures.push(`${res.status} ${r.method} ${r.url.slice(0, 200)}`)
      } catch (error) {
        const what =
          error instanceof Error && error.name === 'TimeoutError' ? 'HANG' : `NETWORK ${String(error)}`
        failures.push(`${what} ${r.method} ${r.url.slice(0, 200)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker))
  const seconds = (performance.now() - started) / 1000
  const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}: ${n}`)
  console.log(`fuzz: ${requests.length} hostile requests (seed ${SEED}) in ${seconds.toFixed(1)} s`)
  console.log(`  answers by status: ${byStatus.join(', ')}`)
  console.log(
    `  app 5xx (503 only counts as backpressure when it is ${[...BACKPRESSURE].join(' or ')}): ${failures.filter((f) => /^\d/.test(f)).length}; hangs or resets: ${failures.filter((f) => !/^\d/.test(f)).length}`,
  )
  for (const [where, n] of [...unavailable.entries()].sort()) console.log(`  503 ${where}: ${n}`)
  for (const f of failures.slice(0, 20)) console.log(`  ${f}`)
  if (failures.length > 0) process.exitCode = 1
} finally {
  await api.server.stop()
}
