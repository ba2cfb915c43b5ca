import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kernel } from '../../core/kernel.ts'
import { createSchemaChecker } from '../../testing/api/openapi-ajv.ts'
import {
  documentedSchema,
  listOperations,
  type OpenApiDocument,
  type OperationEntry,
} from '../../testing/api/openapi-doc.ts'
import { PROBLEM_SAMPLES, type SampleRequest, sendSample } from '../../testing/api/openapi-samples.ts'
import { LOAD_TOLERANT_BUDGETS } from '../../testing/api/trained-kernel.ts'
import { createTestKernel, notePostgresSkipped } from '../../testing/kernel.ts'
import { etlPlugin } from '../etl/index.ts'
import { mlPlugin } from '../ml/index.ts'
import { apiPlugin } from './index.ts'
import { hashApiKey } from './security/index.ts'

notePostgresSkipped()

/**
 * Problem answers match the document: each documented problem status, produced for real, has the
 * documented content type and validates against the documented schema. No model is trained
 * here: without one, the model and prediction routes must answer their documented 503.
 */
const KEY = 'openapi-problems-test-key'
let kernel: Kernel
let dirs: string[]
let operations: OperationEntry[]
let check: ReturnType<typeof createSchemaChecker>

beforeAll(async () => {
  dirs = [mkdtempSync(join(tmpdir(), 'pdx-api-data-')), mkdtempSync(join(tmpdir(), 'pdx-api-models-'))]
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, apiPlugin],
    // budgets far above need: under load a 400 must not turn into a 503 TIMEOUT
    env: { DATA_DIR: dirs[0]!, MODELS_DIR: dirs[1]!, API_KEYS: hashApiKey(KEY), ...LOAD_TOLERANT_BUDGETS },
  })
  await kernel.stages.run(
    'etl:load',
    {},
    { log: kernel.log, tty: false, signal: new AbortController().signal },
  )
  await kernel.start()
  const doc = (await (await kernel.app.request('/openapi.json')).json()) as OpenApiDocument
  operations = listOperations(doc)
  check = createSchemaChecker(doc)
}, 300_000)
afterAll(async () => {
  await kernel.stop()
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** Sends a sample to `app` and checks the answer against the document; returns its body. */
async function expectDocumentedProblem(
  app: Kernel['app'],
  sample: SampleRequest,
): Promise<Record<string, unknown>> {
  const res = await sendSample(app, sample, KEY)
  expect({ url: sample.url, status: res.status }).toEqual({ url: sample.url, status: sample.status })
  expect(res.headers.get('content-type')).toStartWith('application/problem+json')
  const entry = operations.find((o) => o.key === sample.operation)
  const schema = entry && documentedSchema(entry, res.status, 'application/problem+json')
  expect({ url: sample.url, documented: schema !== undefined }).toEqual({ url: sample.url, documented: true })
  const body = (await res.json()) as Record<string, unknown>
  expect({ url: sample.url, errors: check(schema!, body) }).toEqual({ url: sample.url, errors: [] })
  return body
}

describe('problem answers match the document', () => {
  test('400, 404, 401, 403, 413 and 415 validate against the documented Problem schema', async () => {
    for (const sample of PROBLEM_SAMPLES) await expectDocumentedProblem(kernel.app, sample)
    expect(new Set(PROBLEM_SAMPLES.map((s) => s.status))).toEqual(
      new Set([400, 401, 403, 404, 413, 415, 422]),
    )
  })

  test('without a model, the model routes and a prediction asking for the model answer the documented 503 ML_NO_MODEL', async () => {
    const samples: SampleRequest[] = [
      { operation: 'GET /api/v1/model', url: '/api/v1/model', status: 503 },
      { operation: 'GET /api/v1/monitoring/drift', url: '/api/v1/monitoring/drift', status: 503 },
      {
        operation: 'POST /api/v1/predict/matchup',
        url: '/api/v1/predict/matchup',
        body: {
          method: 'model',
          matchups: [
            { pokemon_a: 'pikachu', move_a: 'thunderbolt', pokemon_b: 'squirtle', move_b: 'tackle' },
          ],
        },
        status: 503,
      },
    ]
    for (const sample of samples) {
      expect(await expectDocumentedProblem(kernel.app, sample)).toMatchObject({ code: 'ML_NO_MODEL' })
    }
  })

  test('a rate-limited request is a documented 429 Problem with Retry-After, on reads and predictions', async () => {
    const limited = await createTestKernel({
      plugins: [etlPlugin, mlPlugin, apiPlugin],
      env: {
        API_KEYS: hashApiKey(KEY),
        API_RATE_LIMIT_PER_MINUTE: '1',
        API_PREDICT_RATE_LIMIT_PER_MINUTE: '1',
      },
    })
    try {
      const samples: SampleRequest[] = [
        { operation: 'GET /api/v1/types', url: '/api/v1/types', status: 429 },
        { operation: 'POST /api/v1/simulate', url: '/api/v1/simulate', body: {}, status: 429 },
      ]
      for (const sample of samples) {
        await sendSample(limited.app, sample, KEY)
        const body = await expectDocumentedProblem(limited.app, sample)
        expect(body).toMatchObject({ code: 'RATE_LIMITED' })
        expect((await sendSample(limited.app, sample, KEY)).headers.get('retry-after')).toMatch(/^\d+$/)
      }
    } finally {
      await limited.stop()
    }
  })
})
