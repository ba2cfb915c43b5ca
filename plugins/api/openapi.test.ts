import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { HOSTILE_REQUESTS } from '../../testing/api/hostile-requests.ts'
import {
  checkComponentSchemas,
  createSchemaChecker,
  validateOpenApiDocument,
} from '../../testing/api/openapi-ajv.ts'
import {
  documentedSchema,
  type JsonSchema,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
  requestBodySchema,
  requiresApiKey,
} from '../../testing/api/openapi-doc.ts'
import { SUCCESS_SAMPLES, sendSample } from '../../testing/api/openapi-samples.ts'
import { createTrainedApiKernel, type TrainedApiKernel } from '../../testing/api/trained-kernel.ts'
import { notePostgresSkipped } from '../../testing/kernel.ts'

notePostgresSkipped()

let api: TrainedApiKernel
let doc: OpenApiDocument
let operations: OperationEntry[]
let check: (schema: JsonSchema, value: unknown) => string[]

beforeAll(async () => {
  // Limits out of the way: the agreement property sends hundreds of predictions. Pairs the exact
  // solver declines get 100 engine battles (below production's least): the agreement is about
  // validation.
  api = await createTrainedApiKernel({
    env: {
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      API_PREDICT_RATE_LIMIT_PER_MINUTE: '1000000',
    },
    mlSettings: { sampledBattles: 100 },
  })
  doc = (await (await api.kernel.app.request('/openapi.json')).json()) as OpenApiDocument
  operations = listOperations(doc)
  check = createSchemaChecker(doc)
}, 300_000)
afterAll(() => api.close())

const op = (key: string) => operations.find((o) => o.key === key)
const apiOperations = () => operations.filter((o) => o.path.startsWith('/api/v1/'))

describe('/openapi.json is a valid OpenAPI 3.1 document', () => {
  test('valid against the official OpenAPI 3.1 JSON Schema, and that check is not vacuous', () => {
    expect(doc.openapi).toBe('3.1.0')
    expect(validateOpenApiDocument(doc)).toEqual([])
    const broken = structuredClone(doc) as unknown as Record<string, any>
    broken.paths['/api/v1/pokemon'].get.parameters[0].in = 'body'
    delete broken.paths['/api/v1/types'].get.responses['200'].description
    expect(validateOpenApiDocument(broken).length).toBeGreaterThan(0)
  })

  test('every component schema is valid JSON Schema 2020-12 (Ajv strict: no unknown keyword or format)', () => {
    expect(Object.keys(doc.components?.schemas ?? {}).length).toBeGreaterThan(20)
    expect(checkComponentSchemas(doc)).toEqual([])
  })

  test('every example in the document satisfies the schema it illustrates', () => {
    const wrong: string[] = []
    const visit = (node: unknown, where: string) => {
      if (node === null || typeof node !== 'object') return
      const schema = node as JsonSchema
      if ('example' in schema && (schema.type !== undefined || schema.$ref !== undefined)) {
        const { example, ...rest } = schema
        wrong.push(...check(rest, example).map((e) => `${where}: ${e}`))
      }
      for (const [k, v] of Object.entries(schema)) if (k !== 'example') visit(v, `${where}/${k}`)
    }
    visit(doc.components?.schemas, '#/components/schemas')
    for (const entry of operations) {
      for (const p of entry.operation.parameters ?? []) {
        if (p.schema && p.schema.example !== undefined) {
          wrong.push(...check(p.schema, p.schema.example).map((e) => `${entry.key} ${p.name}: ${e}`))
        }
      }
    }
    expect(wrong).toEqual([])
  })

  test('every operation has a summary, every parameter a description or example, every response a description', () => {
    const missing: string[] = []
    for (const { key, operation } of operations) {
      if (!operation.summary?.trim()) missing.push(`${key}: summary`)
      for (const p of operation.parameters ?? []) {
        const described = p.description ?? p.schema?.description
        const example = p.example ?? p.schema?.example
        if (!described && example === undefined) missing.push(`${key}: parameter ${p.name}`)
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!response.description?.trim()) missing.push(`${key}: response ${status}`)
      }
    }
    expect(missing).toEqual([])
  })

  test('every API operation documents the problems it can answer, each with the Problem schema', () => {
    const missing: string[] = []
    for (const entry of apiOperations()) {
      const { operation } = entry
      const params = operation.parameters ?? []
      const body = requestBodySchema(doc, operation) !== undefined
      const expected = [429] // every /api/v1 route is rate limited
      if (params.length > 0 || body) expected.push(400)
      if (params.some((p) => p.in === 'path')) expected.push(404)
      if (body) expected.push(413, 415)
      if (requiresApiKey(operation)) expected.push(401, 403)
      for (const status of expected) {
        if (!(String(status) in operation.responses)) missing.push(`${entry.key}: ${status}`)
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue
        const schema = response.content?.['application/problem+json']?.schema
        if (schema?.$ref !== '#/components/schemas/Problem')
          missing.push(`${entry.key}: ${status} is not a Problem`)
      }
    }
    expect(missing).toEqual([])
  })

  test('security: the ApiKey scheme is the X-API-Key header; predictions and simulations require it, reads do not', async () => {
    expect(doc.components?.securitySchemes?.ApiKey).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
    })
    const secured = operations.filter((o) => requiresApiKey(o.operation)).map((o) => o.key)
    const predictive = operations
      .filter((o) => /^\/api\/v1\/(predict\/|simulate|pokemon\/\{idOrSlug\}\/threats)/.test(o.path))
      .map((o) => o.key)
    expect(predictive.length).toBe(5)
    expect(secured.sort()).toEqual(predictive.sort())
    // The document says what the server does: a secured route refuses a request without a key.
    for (const key of secured) {
      const res = await api.kernel.app.request(op(key)!.path, { method: 'POST', body: '{}' })
      expect({ key, status: res.status }).toEqual({ key, status: 401 })
    }
  })
})

describe('answers match the document', () => {
  test('a successful answer of every operation validates against its documented schema (no undocumented field)', async () => {
    const covered = new Set(SUCCESS_SAMPLES.map((s) => s.operation))
    expect(operations.map((o) => o.key).filter((key) => !covered.has(key))).toEqual([])
    for (const sample of SUCCESS_SAMPLES) {
      const entry = op(sample.operation)
      expect(entry).toBeDefined()
      const res = await sendSample(api.kernel.app, sample, api.key)
      const text = await res.text()
      expect({ url: sample.url, status: res.status, text: res.status === 200 ? '' : text }).toEqual({
        url: sample.url,
        status: 200,
        text: '',
      })
      expect(res.headers.get('content-type')).toStartWith('application/json')
      const schema = documentedSchema(entry!, 200, 'application/json')
      expect(schema).toBeDefined()
      const body = JSON.parse(text) as Record<string, unknown>
      expect({ url: sample.url, errors: check(schema!, body) }).toEqual({ url: sample.url, errors: [] })
      // Not vacuous: one field more than documented is refused (objects are closed through $ref and allOf).
      expect(check(schema!, { ...body, undocumented: true }).length).toBeGreaterThan(0)
    }
  }, 300_000) // a safety net against hangs, not a time budget: the machine may be loaded

  test('the documented request schemas agree with the server: a body the document refuses is never accepted', async () => {
    const wrong: string[] = []
    const seen = { valid: 0, invalid: 0 }
    for (const entry of operations.filter((o) => requestBodySchema(doc, o.operation))) {
      const schema = entry.operation.requestBody!.content!['application/json']!.schema!
      const requests = HOSTILE_REQUESTS[entry.key]!(doc, entry).filter(
        (r) => r.body !== undefined && r.headers['content-type'] === 'application/json' && isJson(r.body),
      )
      await fc.assert(
        fc.asyncProperty(requests, async (req) => {
          const body = JSON.parse(req.body!)
          const documentedValid = check(schema, body).length === 0
          seen[documentedValid ? 'valid' : 'invalid']++
          const res = await api.kernel.app.request(entry.path, {
            method: entry.method,
            headers: { 'x-api-key': api.key, 'content-type': 'application/json' },
            body: req.body!,
          })
          const problem = res.status >= 400 ? ((await res.json()) as { errors?: { field: string }[] }) : {}
          const schemaRefused = (problem.errors ?? []).some((e) => e.field.startsWith('json'))
          if (!documentedValid && res.status < 400)
            wrong.push(`${entry.key} accepted ${req.body!.slice(0, 200)}`)
          if (documentedValid && schemaRefused) wrong.push(`${entry.key} refused ${req.body!.slice(0, 200)}`)
        }),
        // 120 where a legal body is cheap (matchup), 60 where it runs solves or battles: the
        // agreement is about validation, which every run exercises whatever the route costs.
        { seed: 20_261_126, numRuns: entry.key === 'POST /api/v1/predict/matchup' ? 120 : 60 },
      )
    }
    expect(wrong).toEqual([])
    // Both sides of the agreement were exercised.
    expect(Math.min(seen.valid, seen.invalid)).toBeGreaterThan(60)
  }, 300_000) // a safety net against hangs, not a time budget: the machine may be loaded
})

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}
