import { afterEach, beforeEach, describe, expect, test } from 'bun:test'
import { type FakeMlflow, startFakeMlflow } from '../../../testing/ml/mlflow-fake.ts'
import { isMlflowError, type MlflowError } from './errors.ts'
import { createMlflowClient } from './mlflow-client.ts'
import type { MlflowClient } from './types.ts'

let fake: FakeMlflow
let client: MlflowClient
const warnings: string[] = []
const log = { debug() {}, warn: (message: string) => void warnings.push(message) }

beforeEach(async () => {
  fake = await startFakeMlflow()
  warnings.length = 0
  client = createMlflowClient({ trackingUri: fake.uri, log, retry: { baseDelayMs: 1 } })
})
afterEach(() => fake.stop())

const statuses = (suffix: string) =>
  fake.state.requests.filter((r) => r.path.endsWith(suffix)).map((r) => r.status)
async function caught(promise: Promise<unknown>): Promise<MlflowError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isMlflowError(error)) throw new Error(`expected an MlflowError, got ${String(error)}`)
  return error
}

describe('retries', () => {
  test('a 500 then success is retried, for reads and for log-batch', async () => {
    fake.injectFault({ path: 'experiments/get-by-name', status: 500 })
    const { experimentId } = await client.getOrCreateExperiment('winner')
    expect(statuses('experiments/get-by-name')[0]).toBe(500)
    const run = await client.createRun({ experimentId })
    fake.injectFault({ path: 'runs/log-batch', status: 502, body: '<html>bad gateway</html>', times: 2 })
    await client.logBatch(run.runId, { metrics: [{ key: 'loss', value: 0.3 }] })
    expect(statuses('runs/log-batch')).toEqual([502, 502, 200])
    expect(fake.state.runs.get(run.runId)!.metrics.length).toBe(1)
    expect(warnings.length).toBe(3)
  })

  test('gives up after the configured attempts with the server code', async () => {
    fake.injectFault({
      path: 'experiments/get-by-name',
      status: 503,
      times: 10,
      body: '{"error_code":"TEMPORARILY_UNAVAILABLE","message":"busy"}',
    })
    const error = await caught(client.getExperimentByName('winner'))
    expect([error.code, error.serverCode, error.status]).toEqual([
      'MLFLOW_SERVER_ERROR',
      'TEMPORARILY_UNAVAILABLE',
      503,
    ])
    expect(statuses('experiments/get-by-name').length).toBe(4)
  })

  test('runs/create is not repeated after a 500 (it may have created the run) but is after a 429', async () => {
    const { experimentId } = await client.getOrCreateExperiment('winner')
    fake.injectFault({ path: 'runs/create', status: 500 })
    expect((await caught(client.createRun({ experimentId }))).status).toBe(500)
    expect(statuses('runs/create')).toEqual([500])
    fake.injectFault({
      path: 'runs/create',
      status: 429,
      body: '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"slow down"}',
    })
    await client.createRun({ experimentId })
    expect(statuses('runs/create')).toEqual([500, 429, 200])
    expect(fake.state.runs.size).toBe(1)
  })
})

describe('failures become coded MlflowErrors', () => {
  test('a closed port is MLFLOW_UNREACHABLE, quickly, with default retry settings', async () => {
    const closed = await startFakeMlflow()
    await closed.stop()
    const error = await caught(
      createMlflowClient({ trackingUri: closed.uri }).getOrCreateExperiment('winner'),
    )
    expect(error.code).toBe('MLFLOW_UNREACHABLE')
    expect(error.message).toContain(closed.uri)
    expect(error.endpoint).toBe('GET mlflow/experiments/get-by-name')
  })

  test('a Host not in --allowed-hosts is a 403 with the fix in the message, not retried', async () => {
    const strict = await startFakeMlflow({ allowedHosts: ['mlflow:*'] })
    try {
      const error = await caught(
        createMlflowClient({ trackingUri: strict.uri }).getExperimentByName('winner'),
      )
      expect([error.code, error.status]).toEqual(['MLFLOW_HOST_REJECTED', 403])
      expect(error.message).toContain('--allowed-hosts')
      expect(error.message).toContain(new URL(strict.uri).host)
      expect(strict.state.requests.length).toBe(1)
    } finally {
      await strict.stop()
    }
  })

  test('a server that never answers is MLFLOW_TIMEOUT', async () => {
    const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      )) as typeof fetch
    const slow = createMlflowClient({
      trackingUri: fake.uri,
      fetch: hanging,
      timeoutMs: 20,
      retry: { attempts: 2, baseDelayMs: 1 },
    })
    const error = await caught(slow.getExperimentByName('winner'))
    expect(error.code).toBe('MLFLOW_TIMEOUT')
    expect(error.message).toContain('20 ms')
  })

  test('something that is not MLflow at the URI: HTTP error and bad response are told apart', async () => {
    const notMlflow = ((input: RequestInfo | URL) =>
      Promise.resolve(
        String(input).includes('get-by-name')
          ? new Response('<html>Not Found</html>', { status: 404 })
          : Response.json({ unexpected: true }),
      )) as typeof fetch
    const confused = createMlflowClient({ trackingUri: 'http://example.invalid:5000/', fetch: notMlflow })
    const http = await caught(confused.getExperimentByName('winner'))
    expect([http.code, http.status]).toEqual(['MLFLOW_HTTP_ERROR', 404])
    const shape = await caught(confused.createRun({ experimentId: '1' }))
    expect(shape.code).toBe('MLFLOW_BAD_RESPONSE')
    expect(shape.message).toContain('run')
  })

  test('a tracking URI that is not an http(s) server is refused up front', () => {
    for (const uri of ['file:./mlruns', 'databricks', 'sqlite:///mlflow.db']) {
      expect(() => createMlflowClient({ trackingUri: uri })).toThrow(
        expect.objectContaining({ code: 'MLFLOW_BAD_TRACKING_URI' }),
      )
    }
    expect(createMlflowClient({ trackingUri: 'http://mlflow:5000/' }).trackingUri).toBe('http://mlflow:5000')
  })

  test('credentials in the tracking URI become a Basic header and leave the URI', async () => {
    let seen: { url: string; authorization: string | null } | undefined
    const spy = ((input: RequestInfo | URL, init?: RequestInit) => {
      seen = { url: String(input), authorization: new Headers(init?.headers).get('authorization') }
      return Promise.resolve(Response.json({ experiment: { experiment_id: '3', name: 'w' } }))
    }) as typeof fetch
    const authed = createMlflowClient({ trackingUri: 'http://trainer:s%40cret@mlflow:5000', fetch: spy })
    expect(authed.trackingUri).toBe('http://mlflow:5000')
    expect((await authed.getExperimentByName('w'))?.experimentId).toBe('3')
    expect(seen).toEqual({
      url: 'http://mlflow:5000/api/2.0/mlflow/experiments/get-by-name?experiment_name=w',
      authorization: `Basic ${btoa('trainer:s@cret')}`,
    })
  })

  test('an invalid metric step is refused before any request', async () => {
    const error = await caught(client.logBatch('r', { metrics: [{ key: 'loss', value: 1, step: 1.5 }] }))
    expect(error.code).toBe('MLFLOW_INVALID_INPUT')
    expect(fake.state.requests.length).toBe(0)
  })
})
