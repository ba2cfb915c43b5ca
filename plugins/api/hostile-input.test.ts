import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { HOSTILE_REQUESTS, type HostileRequest } from '../../testing/api/hostile-requests.ts'
import { headerValue } from '../../testing/api/hostile-values.ts'
import { createSchemaChecker } from '../../testing/api/openapi-ajv.ts'
import {
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  requiresApiKey,
} from '../../testing/api/openapi-doc.ts'
import { checkResponse, type SeenResponse } from '../../testing/api/response-check.ts'
import { createTrainedApiKernel, type TrainedApiKernel } from '../../testing/api/trained-kernel.ts'
import { notePostgresSkipped } from '../../testing/kernel.ts'

notePostgresSkipped()

/**
 * Property: whatever a client sends (wrong types, huge arrays, unicode, extreme numbers, missing
 * or extra fields, repeated parameters, broken JSON, wrong content types), the API never answers
 * 5xx, answers only documented statuses, and every 4xx is a problem naming the field at fault.
 * Fixed seed: a failure prints the seed and the shrunk request, and replays identically.
 */
const SEED = 20_261_126
const RUNS: Record<string, number> = { GET: 150, POST: 300 }
/**
 * Fewer runs where a legal request does real work (a model batch, exact solves, an optimal-play
 * game, engine battles): those four were three quarters of the suite's CPU. The properties keep
 * their power where it lies: every field is drawn from the hostile pools on each run, validation
 * is per field (so 100 runs still try each hostile kind on each field several times), and the test
 * below fails unless each route answered both a 200 and a 400. `bun bench/fuzz.ts` replays the
 * same generators 12,000 times against a served process (docs/benchmarks.md).
 */
const EXPENSIVE_RUNS: Record<string, number> = {
  'POST /api/v1/predict/best-move': 100,
  'POST /api/v1/predict/optimal': 100,
  'POST /api/v1/simulate': 100,
  'GET /api/v1/pokemon/{idOrSlug}/threats': 60,
}
/** Rate limits high enough that the properties never trip them (openapi.test.ts checks the 429). */
const KERNEL_ENV = {
  API_RATE_LIMIT_PER_MINUTE: '1000000',
  API_PREDICT_RATE_LIMIT_PER_MINUTE: '1000000',
}
/**
 * Pairs the exact solver declines (Transform, Pika Papow, …) are answered by 100 engine battles,
 * below production's least (`ML_SAMPLED_BATTLES` ≥ 500): what the property checks is the answer's
 * status and form, not how precise the estimate is, and those battles were most of the legal
 * requests' cost.
 */
const ML_SETTINGS = { sampledBattles: 100 }

let api: TrainedApiKernel
let doc: OpenApiDocument
let operations: OperationEntry[]
let validateProblem: (body: unknown) => string[]

beforeAll(async () => {
  api = await createTrainedApiKernel({ env: KERNEL_ENV, mlSettings: ML_SETTINGS })
  doc = (await (await api.kernel.app.request('/openapi.json')).json()) as OpenApiDocument
  operations = listOperations(doc)
  const check = createSchemaChecker(doc)
  validateProblem = (body) => check({ $ref: '#/components/schemas/Problem' }, body)
  // Start the battle and solver workers before the properties: a worker's cold start (seconds on
  // a loaded machine) is not what they test, and it would count against the 10 s request deadline.
  const json = { 'content-type': 'application/json', 'x-api-key': api.key }
  const warm = await Promise.all([
    api.kernel.app.request('/api/v1/simulate', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ pokemon_a: 'pikachu', moves_a: ['thunderbolt'], pokemon_b: 'squirtle', k: 1 }),
    }),
    api.kernel.app.request('/api/v1/predict/best-move', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({
        pokemon_a: 'pikachu',
        moves_a: ['thunderbolt'],
        pokemon_b: 'squirtle',
        moves_b: ['tackle'],
        method: 'exact',
      }),
    }),
  ])
  expect(warm.map((r) => r.status)).toEqual([200, 200])
}, 300_000)
afterAll(() => api.close())

async function send(req: HostileRequest, key: string | undefined): Promise<SeenResponse> {
  const headers = { ...req.headers, ...(key === undefined ? {} : { 'x-api-key': key }) }
  const res = await api.kernel.app.request(req.url, {
    method: req.method,
    headers,
    ...(req.body === undefined ? {} : { body: req.body }),
  })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

/** Runs a property over one operation; returns fast-check's report (seed, counterexample) or ''. */
async function runProperty(
  entry: OperationEntry,
  arbitrary: fc.Arbitrary<HostileRequest>,
  check: (req: HostileRequest) => Promise<string[]>,
  numRuns: number,
): Promise<string> {
  const property = fc.asyncProperty(arbitrary, async (req) => {
    const wrong = await check(req)
    if (wrong.length > 0) throw new Error(`${req.method} ${req.url.slice(0, 300)}\n${wrong.join('\n')}`)
  })
  return report(entry, await fc.check(property, { seed: SEED, numRuns }))
}

/** fast-check's report (seed, path, shrunk counterexample) plus what the check found wrong. */
function report<T>(entry: OperationEntry, details: fc.RunDetails<T>): string {
  if (!details.failed) return ''
  const error =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
  return `${entry.key}: ${fc.defaultReportMessage(details)}\n${error}`
}

describe('hostile input never gets a 5xx or an unnamed 4xx', () => {
  test('every operation in /openapi.json has a request generator, and none is stale', () => {
    const documented = operations.map((o) => o.key)
    expect(documented.filter((key) => !(key in HOSTILE_REQUESTS))).toEqual([])
    expect(Object.keys(HOSTILE_REQUESTS).filter((key) => !documented.includes(key))).toEqual([])
    expect(documented.length).toBeGreaterThanOrEqual(15)
  })

  test('with a valid key: parameters and bodies of every route, never 5xx, every 4xx a named problem', async () => {
    const failures: string[] = []
    const answered = new Map<string, Set<number>>()
    for (const entry of operations) {
      const generate = HOSTILE_REQUESTS[entry.key]
      if (!generate) continue
      const statuses = new Set<number>()
      answered.set(entry.key, statuses)
      const check = async (req: HostileRequest) => {
        const res = await send(req, api.key)
        statuses.add(res.status)
        return checkResponse(entry, res, { allowed5xx: [], validateProblem })
      }
      const runs = EXPENSIVE_RUNS[entry.key] ?? RUNS[entry.method] ?? 150
      failures.push(await runProperty(entry, generate(doc, entry), check, runs))
    }
    expect(failures.filter(Boolean)).toEqual([])
    // The generators reach both sides: every route answered 200, and every route with input a 400.
    for (const entry of operations) {
      const statuses = [...(answered.get(entry.key) ?? [])]
      const takesInput = (entry.operation.parameters ?? []).length > 0 || entry.operation.requestBody
      expect({ op: entry.key, ok: statuses.includes(200), refused: statuses.includes(400) }).toEqual({
        op: entry.key,
        ok: true,
        refused: Boolean(takesInput),
      })
    }
  }, 300_000)

  test('without a valid key, protected routes answer 401 or 403 only, before reading the input', async () => {
    const keys = fc.oneof(
      fc.constant(undefined),
      fc.constant(''),
      headerValue,
      fc.constantFrom(
        api.hash,
        `${api.key}x`,
        api.key.slice(0, -1),
        api.key.toUpperCase(),
        `Bearer ${api.key}`,
      ),
    )
    const protectedOps = operations.filter((o) => requiresApiKey(o.operation))
    expect(protectedOps.map((o) => o.key).sort()).toEqual([
      'GET /api/v1/pokemon/{idOrSlug}/threats',
      'POST /api/v1/predict/best-move',
      'POST /api/v1/predict/matchup',
      'POST /api/v1/predict/optimal',
      'POST /api/v1/simulate',
    ])
    const failures: string[] = []
    for (const entry of protectedOps) {
      const requests = fc.tuple(HOSTILE_REQUESTS[entry.key]!(doc, entry), keys)
      const property = fc.asyncProperty(requests, async ([req, key]) => {
        const res = await send(req, key)
        const wrong = checkResponse(entry, res, { allowed5xx: [], validateProblem })
        if (![401, 403].includes(res.status))
          wrong.push(`status ${res.status} for key ${JSON.stringify(key)}`)
        if (wrong.length > 0) throw new Error(wrong.join('\n'))
      })
      failures.push(report(entry, await fc.check(property, { seed: SEED, numRuns: 100 })))
    }
    expect(failures.filter(Boolean)).toEqual([])
  }, 300_000)
})

describe('regressions the properties found', () => {
  const post = (path: string, body: string, type = 'application/json') =>
    api.kernel.app.request(path, {
      method: 'POST',
      headers: { 'x-api-key': api.key, 'content-type': type },
      body,
    })
  const problem = async (res: Response) => {
    expect(res.headers.get('content-type')).toStartWith('application/problem+json')
    return (await res.json()) as { title: string; code: string; errors: { field: string }[] }
  }

  test('simulate with the optimal policy over its budget: 400 naming the policy and the limit, not a 500', async () => {
    const body = {
      pokemon_a: 'magnemite',
      moves_a: ['flash-cannon', 'facade', 'thunder-shock', 'thunder'],
      pokemon_b: 'vaporeon',
      moves_b: ['scald', 'shadow-ball', 'dig', 'aurora-beam'],
      policy_a: 'optimal',
      k: 1,
    }
    const res = await post('/api/v1/simulate', JSON.stringify(body))
    expect(res.status).toBe(400)
    const answer = await problem(res)
    expect(answer).toMatchObject({ code: 'BATTLE_INVALID_POLICY', errors: [{ field: 'body.policy_a' }] })
    expect(JSON.stringify(answer)).toContain('OPTIMAL_')
  }, 300_000)

  test('simulate with a Pokémon without damaging moves and no moves given: 400 naming its moves, not a 500', async () => {
    for (const [body, field] of [
      [{ pokemon_a: 'ditto', pokemon_b: 'pikachu', k: 1 }, 'body.moves_a'],
      [{ pokemon_a: 'pikachu', pokemon_b: 'ditto', k: 1 }, 'body.moves_b'],
    ] as const) {
      const res = await post('/api/v1/simulate', JSON.stringify(body))
      expect(res.status).toBe(400)
      expect(await problem(res)).toMatchObject({ code: 'NO_DAMAGING_MOVE', errors: [{ field }] })
    }
    const given = await post(
      '/api/v1/simulate',
      JSON.stringify({ pokemon_a: 'ditto', moves_a: ['transform'], pokemon_b: 'pikachu', k: 1 }),
    )
    expect(given.status).toBe(200)
  })

  test('a body that is not JSON is a 400 naming the body; one not sent as JSON a 415 naming the header', async () => {
    const malformed = await post('/api/v1/predict/matchup', '{"matchups": [')
    expect(malformed.status).toBe(400)
    expect(await problem(malformed)).toMatchObject({ code: 'JSON_MALFORMED', errors: [{ field: 'body' }] })
    const text = await post('/api/v1/predict/matchup', '{"matchups": []}', 'text/plain')
    expect(text.status).toBe(415)
    expect(await problem(text)).toMatchObject({
      title: 'Unsupported media type',
      code: 'UNSUPPORTED_MEDIA_TYPE',
      errors: [{ field: 'header.content-type' }],
    })
  })

  test('an unknown body field is named itself, not only its parent object', async () => {
    const res = await post(
      '/api/v1/predict/matchup',
      JSON.stringify({
        matchups: [
          { pokemon_a: 'pikachu', move_a: 'thunderbolt', pokemon_b: 'squirtle', move_b: 'tackle', x: 1 },
        ],
        debug: true,
      }),
    )
    expect(res.status).toBe(400)
    const fields = (await problem(res)).errors.map((e) => e.field).sort()
    expect(fields).toEqual(['body.debug', 'body.matchups.0.x'])
  })
})
