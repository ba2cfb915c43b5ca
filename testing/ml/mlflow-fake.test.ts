import { afterEach, beforeEach, describe, expect, test } from 'bun:test'
import { type FakeMlflow, startFakeMlflow } from './mlflow-fake.ts'
import { hostAllowed } from './mlflow-fake-state.ts'

/** The fake's own contract, checked with raw HTTP so a client bug cannot hide a fake bug. */
let fake: FakeMlflow
beforeEach(async () => {
  fake = await startFakeMlflow({ clock: () => 1_700_000_000_000 })
})
afterEach(() => fake.stop())

const post = (
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => fetch(`${fake.uri}/api/2.0/${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
const get = (path: string) => fetch(`${fake.uri}/api/2.0/${path}`)

/** A run in the Default experiment ("0"), which exists on a fresh server as on a real one. */
async function newRun(): Promise<{ run_id: string; artifact_uri: string }> {
  const created = (await (
    await post('mlflow/runs/create', { experiment_id: '0', start_time: 5 })
  ).json()) as {
    run: { info: { run_id: string; artifact_uri: string } }
  }
  return created.run.info
}

describe('tracking payloads', () => {
  test('experiment and run payloads look like MLflow', async () => {
    expect((await (await post('mlflow/experiments/create', { name: 'e' })).json()) as unknown).toEqual({
      experiment_id: '1',
    })
    const found = (await (await get('mlflow/experiments/get-by-name?experiment_name=e')).json()) as {
      experiment: unknown
    }
    expect(found.experiment).toMatchObject({
      experiment_id: '1',
      name: 'e',
      artifact_location: 'mlflow-artifacts:/1',
      lifecycle_stage: 'active',
    })
    const missing = await get('mlflow/experiments/get-by-name?experiment_name=nope')
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error_code: string }).error_code).toBe('RESOURCE_DOES_NOT_EXIST')
    const again = await post('mlflow/experiments/create', { name: 'e' })
    expect([again.status, ((await again.json()) as { error_code: string }).error_code]).toEqual([
      400,
      'RESOURCE_ALREADY_EXISTS',
    ])
    const run = await newRun()
    expect(run.artifact_uri).toBe(`mlflow-artifacts:/0/${run.run_id}/artifacts`)
    expect(fake.state.runs.get(run.run_id)).toMatchObject({
      status: 'RUNNING',
      startTime: 5,
      runName: 'run-1',
    })
  })

  test('log-batch refuses more than 1000 metrics, and a POST without JSON content type', async () => {
    const runId = (await newRun()).run_id
    const metrics = Array.from({ length: 1001 }, (_, step) => ({ key: 'm', value: 1, timestamp: 1, step }))
    const tooMany = await post('mlflow/runs/log-batch', { run_id: runId, metrics })
    expect(tooMany.status).toBe(400)
    expect((await tooMany.json()) as unknown).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringContaining('at most 1000 metrics'),
    })
    const noType = await post('mlflow/runs/log-batch', { run_id: runId }, {})
    expect(noType.status).toBe(400)
    const special = await post('mlflow/runs/log-batch', {
      run_id: runId,
      metrics: [{ key: 'm', value: 'Infinity', timestamp: 1, step: 0 }],
    })
    expect(special.status).toBe(200)
    expect(fake.state.runs.get(runId)!.metrics).toEqual([
      { key: 'm', value: Number.POSITIVE_INFINITY, timestamp: 1, step: 0 },
    ])
  })

  test('/health answers whatever the Host; unknown endpoints are ENDPOINT_NOT_FOUND', async () => {
    expect(await (await fetch(`${fake.uri}/health`)).text()).toBe('OK')
    const unknown = await get('mlflow/runs/search')
    expect([unknown.status, ((await unknown.json()) as { error_code: string }).error_code]).toEqual([
      404,
      'ENDPOINT_NOT_FOUND',
    ])
  })
})

describe('registry payloads', () => {
  test('alias version must be a JSON string; an unset alias is 400 as in MLflow', async () => {
    const { run_id, artifact_uri } = await newRun()
    await post('mlflow/registered-models/create', { name: 'm' })
    const version = await post('mlflow/model-versions/create', {
      name: 'm',
      source: `${artifact_uri}/model`,
      run_id,
    })
    expect(((await version.json()) as { model_version: unknown }).model_version).toMatchObject({
      version: '1',
      status: 'READY',
      run_id,
    })
    const numeric = await post('mlflow/registered-models/alias', { name: 'm', alias: 'champion', version: 1 })
    expect(numeric.status).toBe(400)
    const unset = await get('mlflow/registered-models/alias?name=m&alias=champion')
    expect([unset.status, ((await unset.json()) as { message: string }).message]).toEqual([
      400,
      'Registered model alias champion not found.',
    ])
    const local = await post('mlflow/model-versions/create', { name: 'm', source: '/etc/passwd', run_id })
    expect(local.status).toBe(400)
    const escaping = await post('mlflow/model-versions/create', {
      name: 'm',
      source: `${artifact_uri}/../../other`,
      run_id,
    })
    expect(escaping.status).toBe(400)
  })
})

test('Host matching follows MLflow: exact unless the pattern has *, and the port is part of the Host', () => {
  expect(hostAllowed(['mlflow'], 'mlflow:5000')).toBe(false)
  expect(hostAllowed(['mlflow:*'], 'mlflow:5000')).toBe(true)
  expect(hostAllowed(['mlflow:5000'], 'mlflow:5000')).toBe(true)
  expect(hostAllowed(['*'], 'anything')).toBe(true)
  expect(hostAllowed(['10.*'], '10.0.0.3:5000')).toBe(true)
  expect(hostAllowed(['10.*'], '100.0.0.3:5000')).toBe(false)
  expect(hostAllowed(['mlflow:*'], '')).toBe(false)
})
