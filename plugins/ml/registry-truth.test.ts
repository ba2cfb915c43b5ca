import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kernel } from '../../core/kernel.ts'
import { parseStageInput } from '../../core/stages.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { type FakeMlflow, startFakeMlflow } from '../../testing/ml/mlflow-fake.ts'
import { apiPlugin } from '../api/index.ts'
import { etlPlugin } from '../etl/index.ts'
import { mlPlugin } from './index.ts'
import { readChampionPointer } from './model/files.ts'
import { listVersions } from './registry.repo.ts'
import { MLFLOW_MODEL_NAME } from './tracking/registry-mirror.ts'

/**
 * Registry truth, end to end: the champion shipped in `models/` is registered on first start, a
 * real training run and real promotions follow, and after each change the local registry, MLflow's
 * aliases (the in-process fake, over HTTP) and `GET /api/v1/model` tell the same story. Each
 * promotion loads a model into an ONNX worker (seconds on a busy machine): the timeouts are a
 * safety net against hangs, not a time budget.
 */
const SPECIES = 'pikachu,squirtle,gengar,snorlax,bulbasaur,charmander,onix,abra'
const REPO_MODELS = join(import.meta.dir, '..', '..', 'models')
let kernel: Kernel & { logs: Record<string, unknown>[] }
let mlflow: FakeMlflow
let dataDir: string
let modelsDir: string
let shippedDir: string

const runtime = () => ({ log: kernel.log, tty: false, signal: new AbortController().signal })
const run = async (name: string, args: string[]) =>
  String(
    await kernel.stages.run(
      name,
      parseStageInput(kernel.stages.list().find((s) => s.name === name)!, args),
      runtime(),
    ),
  )

/** What each of the three places says: alias → model folder, and the served model. */
async function views() {
  const local = await listVersions(kernel.db)
  const localAliases = Object.fromEntries(local.flatMap((v) => v.aliases.map((a) => [a, v.dir])))
  const registered = mlflow.state.models.get(MLFLOW_MODEL_NAME)
  const mlflowAliases = Object.fromEntries(
    [...(registered?.aliases ?? [])].map(([alias, version]) => {
      const runId = registered!.versions.find((v) => v.version === version)!.runId
      return [alias, mlflow.state.runs.get(runId)!.tags.get('model_dir')]
    }),
  )
  const response = await kernel.app.request('/api/v1/model')
  const api = (await response.json()) as { version: number | null; dir: string; aliases: string[] }
  return { local, localAliases, mlflowAliases, api }
}

async function expectAgreement() {
  const { local, localAliases, mlflowAliases, api } = await views()
  expect(mlflowAliases).toEqual(localAliases)
  expect(api.dir).toBe(localAliases.champion!)
  expect(await readChampionPointer(modelsDir)).toBe(api.dir)
  const served = local.find((v) => v.version === api.version)!
  expect(served.dir).toBe(api.dir)
  expect(api.aliases).toEqual(served.aliases)
  return { local, api }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pdx-registry-data-'))
  modelsDir = mkdtempSync(join(tmpdir(), 'pdx-registry-models-'))
  shippedDir = readFileSync(join(REPO_MODELS, 'champion'), 'utf8').trim()
  cpSync(join(REPO_MODELS, shippedDir), join(modelsDir, shippedDir), { recursive: true })
  writeFileSync(join(modelsDir, 'champion'), `${shippedDir}\n`)
  mlflow = await startFakeMlflow()
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, apiPlugin],
    env: { DATA_DIR: dataDir, MODELS_DIR: modelsDir, ML_WORKERS: '0', MLFLOW_TRACKING_URI: mlflow.uri },
  })
  await kernel.stages.run('etl:load', {}, runtime())
  await kernel.start()
}, 300_000)

afterAll(async () => {
  await kernel.stop()
  await mlflow.stop()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(modelsDir, { recursive: true, force: true })
})

describe('registry truth', () => {
  test('first start: the shipped champion is version 1, champion here, in MLflow and in GET /model', async () => {
    const { local, api } = await expectAgreement()
    expect(local.map((v) => [v.version, v.dir, v.aliases])).toEqual([[1, shippedDir, ['champion']]])
    expect(api).toMatchObject({ version: 1, dir: shippedDir, aliases: ['champion'] })
    const twin = mlflow.state.models.get(MLFLOW_MODEL_NAME)!.versions[0]!
    expect(mlflow.state.runs.get(twin.runId)!.tags.get('origin')).toBe('shipped')
    expect([...mlflow.state.artifacts.keys()].some((k) => k.endsWith(`/model/model.onnx`))).toBe(true)
  })

  test('a trained model promoted by hand replaces it; one version can hold both aliases', async () => {
    await run('ml:dataset', ['--species', SPECIES, '--k', '2', '--name', 'small'])
    await run('ml:train', ['--dataset', 'small', '--grid', 'none'])
    await expectAgreement()
    const trained = (await listVersions(kernel.db)).find((v) => v.version === 2)!
    expect(await run('ml:promote', ['--version', '2'])).toContain('MLflow: champion → version')
    await run('ml:promote', ['--version', '2', '--alias', 'challenger'])
    const { api } = await expectAgreement()
    expect(api).toMatchObject({ version: 2, dir: trained.dir, aliases: ['challenger', 'champion'] })
  }, 300_000)

  test('ml:promote --version <shipped> rolls back, in all three places', async () => {
    await run('ml:promote', ['--version', '1'])
    const { api, local } = await expectAgreement()
    expect(api).toMatchObject({ version: 1, dir: shippedDir, aliases: ['champion'] })
    expect(local.find((v) => v.version === 2)!.aliases).toEqual(['challenger'])
  }, 300_000)

  test('MLflow down during a promotion: the local change stands, the next alias change heals MLflow', async () => {
    // Four 503s: every attempt the client makes for one call (it retries 503s) fails.
    mlflow.injectFault({ path: 'registered-models/alias', method: 'POST', status: 503, times: 4 })
    const out = await run('ml:promote', ['--version', '2'])
    expect(out).toContain('is now champion')
    expect(out).toContain('MLflow mirror failed')
    const { localAliases, mlflowAliases } = await views()
    expect(localAliases.champion).not.toBe(shippedDir)
    expect(mlflowAliases.champion).toBe(shippedDir)
    expect(await run('ml:promote', ['--version', '2', '--alias', 'challenger'])).toContain(
      'MLflow: champion → version',
    )
    await expectAgreement()
  }, 300_000)
})
