import { afterEach, beforeEach, describe, expect, test } from 'bun:test'
import { type FakeMlflow, startFakeMlflow } from '../../../testing/ml/mlflow-fake.ts'
import { isMlflowError, type MlflowError } from './errors.ts'
import { logRun, registerModelVersion } from './log-run.ts'
import { createMlflowClient } from './mlflow-client.ts'
import type { MlflowClient } from './types.ts'

let fake: FakeMlflow
let client: MlflowClient

beforeEach(async () => {
  fake = await startFakeMlflow()
  client = createMlflowClient({ trackingUri: fake.uri, retry: { baseDelayMs: 1 } })
})
afterEach(() => fake.stop())

const calls = (suffix: string) => fake.state.requests.filter((r) => r.path.endsWith(suffix)).length
const bytes = (text: string) => new TextEncoder().encode(text)
async function caught(promise: Promise<unknown>): Promise<MlflowError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isMlflowError(error)) throw new Error(`expected an MlflowError, got ${String(error)}`)
  return error
}

describe('logRun', () => {
  test('records params, tags, metric history, artifacts and final status', async () => {
    const result = await logRun(client, {
      experiment: 'winner',
      runName: 'gbdt-300x6',
      params: { trees: 300, depth: 6, features: 'v2' },
      metrics: [
        { key: 'val_logloss', value: 0.52, step: 100, timestamp: 1_000 },
        { key: 'val_logloss', value: 0.41, step: 300, timestamp: 2_000 },
        { key: 'brier', value: Number.NaN },
      ],
      tags: { git_sha: 'abc123' },
      artifacts: [
        { path: 'model/model.onnx', bytes: bytes('onnx!') },
        { path: 'report.json', bytes: bytes('{"auc":0.8}') },
      ],
    })
    const run = fake.state.runs.get(result.runId)!
    expect(run.runName).toBe('gbdt-300x6')
    expect(Object.fromEntries(run.params)).toEqual({ trees: '300', depth: '6', features: 'v2' })
    expect(run.tags.get('git_sha')).toBe('abc123')
    expect(
      run.metrics.filter((m) => m.key === 'val_logloss').map((m) => [m.step, m.value, m.timestamp]),
    ).toEqual([
      [100, 0.52, 1_000],
      [300, 0.41, 2_000],
    ])
    expect(run.metrics.find((m) => m.key === 'brier')?.value).toBeNaN()
    expect(run.status).toBe('FINISHED')
    expect(run.endTime).toBeGreaterThan(0)
    expect(result.artifactUri).toBe(`mlflow-artifacts:/${result.experimentId}/${result.runId}/artifacts`)
    expect(result.uploaded).toEqual(['model/model.onnx', 'report.json'])
    expect(result.notUploaded).toEqual([])
    const stored = fake.state.artifacts.get(
      `${result.experimentId}/${result.runId}/artifacts/model/model.onnx`,
    )
    expect(new TextDecoder().decode(stored)).toBe('onnx!')
  })

  test('a second run reuses the experiment instead of creating another', async () => {
    const first = await logRun(client, { experiment: 'winner', params: { seed: 1 } })
    const second = await logRun(client, { experiment: 'winner', params: { seed: 2 } })
    expect(second.experimentId).toBe(first.experimentId)
    expect(second.runId).not.toBe(first.runId)
    expect(calls('experiments/create')).toBe(1)
    expect([...fake.state.experiments.values()].filter((e) => e.name === 'winner').length).toBe(1)
  })

  test('2,500 metrics are sent as 3 log-batch calls and all arrive', async () => {
    const metrics = Array.from({ length: 2500 }, (_, step) => ({
      key: 'train_loss',
      value: 1 / (step + 1),
      step,
    }))
    const { runId } = await logRun(client, { experiment: 'winner', params: { trees: 300 }, metrics })
    expect(calls('runs/log-batch')).toBe(3)
    expect(fake.state.runs.get(runId)!.metrics.map((m) => m.step)).toEqual(metrics.map((m) => m.step))
  })

  test('an artifact store the server does not proxy is reported, not thrown', async () => {
    await fake.stop()
    fake = await startFakeMlflow({ defaultArtifactRoot: 'file:///mlruns' })
    client = createMlflowClient({ trackingUri: fake.uri })
    const result = await logRun(client, {
      experiment: 'winner',
      artifacts: [{ path: 'model.onnx', bytes: bytes('x') }],
    })
    expect(result.uploaded).toEqual([])
    expect(result.notUploaded).toEqual([
      {
        path: 'model.onnx',
        reason: `not uploaded: artifact store is file:///mlruns/1/${result.runId}/artifacts`,
      },
    ])
    expect(fake.state.artifacts.size).toBe(0)
    expect(fake.state.runs.get(result.runId)!.status).toBe('FINISHED')
  })

  test('a failing step closes the run as FAILED and rethrows', async () => {
    fake.injectFault({
      path: 'runs/log-batch',
      status: 400,
      body: '{"error_code":"INVALID_PARAMETER_VALUE","message":"nope"}',
    })
    const error = await caught(logRun(client, { experiment: 'winner', params: { trees: 300 } }))
    expect([error.code, error.serverCode]).toEqual(['MLFLOW_SERVER_ERROR', 'INVALID_PARAMETER_VALUE'])
    const [run] = [...fake.state.runs.values()]
    expect(run!.status).toBe('FAILED')
  })
})

describe('experiments', () => {
  test('losing the create race to another trainer re-reads the winner', async () => {
    let raced = false
    const racingFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (!raced && String(input).endsWith('experiments/create')) {
        raced = true // another trainer creates it between our get-by-name and our create
        await fetch(String(input), { ...init })
      }
      return fetch(input, init)
    }) as typeof fetch
    const racing = createMlflowClient({ trackingUri: fake.uri, fetch: racingFetch })
    const experiment = await racing.getOrCreateExperiment('winner')
    expect(experiment).toMatchObject({ name: 'winner', experimentId: '1', lifecycleStage: 'active' })
    expect(
      fake.state.requests.filter((r) => r.path.endsWith('experiments/create')).map((r) => r.status),
    ).toEqual([200, 400])
  })

  test('a deleted experiment is a clear error, not a silent new one', async () => {
    const { experimentId } = await client.getOrCreateExperiment('old')
    fake.state.experiments.get(experimentId)!.lifecycleStage = 'deleted'
    const error = await caught(client.getOrCreateExperiment('old'))
    expect(error.code).toBe('MLFLOW_EXPERIMENT_DELETED')
    expect(error.message).toContain("'old'")
    expect(await client.getExperimentByName('never-created')).toBeNull()
  })
})

describe('params are immutable', () => {
  test('re-logging the same value is fine; a different value surfaces INVALID_PARAMETER_VALUE clearly', async () => {
    const { experimentId } = await client.getOrCreateExperiment('winner')
    const run = await client.createRun({ experimentId, runName: 'r' })
    await client.logBatch(run.runId, { params: { depth: 6 } })
    await client.logBatch(run.runId, { params: { depth: 6 } })
    const error = await caught(client.logBatch(run.runId, { params: { depth: 8 } }))
    expect([error.code, error.serverCode]).toEqual(['MLFLOW_SERVER_ERROR', 'INVALID_PARAMETER_VALUE'])
    expect(error.status).toBe(400)
    expect(error.endpoint).toBe('POST mlflow/runs/log-batch')
    expect(error.message).toContain('immutable')
    expect(error.message).toContain("key='depth'")
    expect(fake.state.runs.get(run.runId)!.params.get('depth')).toBe('6')
  })
})

describe('registry', () => {
  test('versions are numbered, aliases move from champion to challenger and back', async () => {
    const first = await logRun(client, {
      experiment: 'winner',
      artifacts: [{ path: 'model/model.onnx', bytes: bytes('v1') }],
    })
    const second = await logRun(client, {
      experiment: 'winner',
      artifacts: [{ path: 'model/model.onnx', bytes: bytes('v2') }],
    })
    const name = 'predictiondex-winner'
    const v1 = await registerModelVersion(client, {
      name,
      source: `${first.artifactUri}/model`,
      runId: first.runId,
      alias: 'champion',
    })
    const v2 = await registerModelVersion(client, {
      name,
      source: `${second.artifactUri}/model`,
      runId: second.runId,
      alias: 'challenger',
    })
    expect([v1.version, v2.version]).toEqual(['1', '2'])
    expect(v2).toMatchObject({ status: 'READY', runId: second.runId, aliases: ['challenger'] })
    expect(calls('registered-models/create')).toBe(2) // the second answered RESOURCE_ALREADY_EXISTS, ignored

    expect((await client.getVersionByAlias({ name, alias: 'champion' }))?.version).toBe('1')
    expect((await client.getVersionByAlias({ name, alias: 'challenger' }))?.source).toBe(
      `${second.artifactUri}/model`,
    )

    // Promotion: point champion at v2; an alias names exactly one version.
    await client.setAlias({ name, alias: 'champion', version: v2.version })
    const champion = await client.getVersionByAlias({ name, alias: 'champion' })
    expect(champion?.version).toBe('2')
    expect(champion?.aliases.sort()).toEqual(['challenger', 'champion'])

    await client.deleteAlias({ name, alias: 'challenger' })
    expect(await client.getVersionByAlias({ name, alias: 'challenger' })).toBeNull()
  })

  test('an unknown alias or model reads as null; a bad alias or version is an error', async () => {
    const { runId, artifactUri } = await logRun(client, { experiment: 'winner' })
    await registerModelVersion(client, { name: 'm', source: `${artifactUri}/model`, runId })
    expect(await client.getVersionByAlias({ name: 'm', alias: 'champion' })).toBeNull()
    expect(await client.getVersionByAlias({ name: 'no-such-model', alias: 'champion' })).toBeNull()
    expect((await caught(client.setAlias({ name: 'm', alias: 'latest', version: '1' }))).serverCode).toBe(
      'INVALID_PARAMETER_VALUE',
    )
    expect((await caught(client.setAlias({ name: 'm', alias: 'champion', version: '9' }))).serverCode).toBe(
      'RESOURCE_DOES_NOT_EXIST',
    )
  })
})
