import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Predictor, predictorRef } from '../../../core/contracts/predictor.ts'
import type { Kernel } from '../../../core/kernel.ts'
import { parseStageInput } from '../../../core/stages.ts'
import { createTestKernel } from '../../../testing/kernel.ts'
import { startFakeMlflow } from '../../../testing/ml/mlflow-fake.ts'
import { etlPlugin } from '../../etl/index.ts'
import { mlPlugin } from '../index.ts'
import { readChampionPointer } from './files.ts'

const SPECIES =
  'pikachu,squirtle,gengar,snorlax,bulbasaur,charmander,onix,abra,machop,eevee,jigglypuff,magikarp'
let kernel: Kernel & { logs: Record<string, unknown>[] }
let dataDir: string
let modelsDir: string
const runtime = () => ({ log: kernel.log, tty: false, signal: new AbortController().signal })
const run = (name: string, args: string[]) =>
  kernel.stages.run(
    name,
    parseStageInput(kernel.stages.list().find((s) => s.name === name)!, args),
    runtime(),
  )

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pdx-train-'))
  modelsDir = mkdtempSync(join(tmpdir(), 'pdx-models-'))
  kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin],
    env: { DATA_DIR: dataDir, MODELS_DIR: modelsDir, ML_WORKERS: '0' },
  })
  await kernel.stages.run('etl:load', {}, runtime())
  await run('ml:dataset', ['--species', SPECIES, '--k', '4', '--name', 'small'])
}, 300_000)
afterAll(async () => {
  await kernel.stop()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(modelsDir, { recursive: true, force: true })
})

describe('ml:train', () => {
  test('trains, exports a verified ONNX model with metadata and report, becomes champion, and the predictor serves it', async () => {
    const predictor = kernel.services.get(predictorRef.id) as Predictor
    expect(predictor.modelInfo()).toBeNull()
    await expect(
      predictor.predictPairs([{ a: 'pikachu', moveA: 'thunderbolt', b: 'squirtle', moveB: 'tackle' }]),
    ).rejects.toMatchObject({ code: 'ML_NO_MODEL' })
    const summary = String(await run('ml:train', ['--dataset', 'small', '--grid', 'none']))
    expect(summary).toContain(': champion (no scorable champion')
    const dir = (await readChampionPointer(modelsDir))!
    const files = [
      'model.onnx',
      'model.json.gz',
      'metadata.json',
      'report.md',
      'report.html',
      'calibration.svg',
      'feature-importance.svg',
    ]
    for (const file of files) expect(existsSync(join(modelsDir, dir, file))).toBe(true)
    expect(readFileSync(join(modelsDir, dir, 'report.md'), 'utf8')).toContain('turns_to_ko')
    const metadata = JSON.parse(readFileSync(join(modelsDir, dir, 'metadata.json'), 'utf8'))
    expect(metadata.featureSpec.names).toHaveLength(metadata.reference.length)
    expect(metadata.metrics.pair_test.logLoss).toBeGreaterThan(0)
    expect(predictor.modelInfo()?.dir).toBe(dir)
    const [p] = await predictor.predictPairs([
      { a: 'pikachu', moveA: 'thunderbolt', b: 'squirtle', moveB: 'tackle' },
    ])
    expect(p!.winProbability).toBeGreaterThan(0.5)
    expect(p!.a.effectiveness).toBe(2)
    const runs = await kernel.db.sql<{ status: string }>`SELECT status FROM ml_runs`
    expect(runs).toEqual([{ status: 'finished' }])
  })

  test('retraining the same model is recognised; another model is compared with the champion on the same test rows', async () => {
    expect(String(await run('ml:train', ['--dataset', 'small', '--grid', 'none']))).toContain(
      'identical to the current champion',
    )
    const summary = String(await run('ml:train', ['--dataset', 'small', '--grid', 'fast', '--folds', '2']))
    const [, alias, mine, theirs] = summary.match(
      /: (challenger|champion) \(log-loss ([\d.]+) vs champion ([\d.]+) on the same 72 test rows/,
    )!
    expect(alias).toBe(Number(mine) < Number(theirs) ? 'champion' : 'challenger')
    const aliases = await kernel.db.sql<{ alias: string }>`SELECT alias FROM ml_aliases ORDER BY alias`
    expect(aliases.map((a) => a.alias)).toContain('champion')
  }, 300_000) // a safety net against hangs, not a time budget: a grid search on a loaded machine

  test('ML_SKIP_IF_EXISTS=true: with a champion on disk, training exits at once', async () => {
    const other = await createTestKernel({
      plugins: [etlPlugin, mlPlugin],
      env: { DATA_DIR: dataDir, MODELS_DIR: modelsDir, ML_SKIP_IF_EXISTS: 'true' },
    })
    const stage = other.stages.list().find((s) => s.name === 'ml:train')!
    const out = await other.stages.run('ml:train', parseStageInput(stage, []), {
      log: other.log,
      tty: false,
      signal: new AbortController().signal,
    })
    expect(String(out)).toContain('a champion model exists and ML_SKIP_IF_EXISTS=true')
    for (const s of other.stages.select('ml')) {
      const summary = await other.stages.run(s.name, parseStageInput(s, []), {
        log: other.log,
        tty: false,
        signal: new AbortController().signal,
      })
      expect(String(summary)).toContain('ML_SKIP_IF_EXISTS=true')
    }
    await other.stop()
  })

  test('a corrupt champion file is refused and the previous model keeps serving', async () => {
    const predictor = kernel.services.get(predictorRef.id) as Predictor
    const serving = predictor.modelInfo()!.dir
    const fake = join(modelsDir, 'broken-model')
    require('node:fs').mkdirSync(fake, { recursive: true })
    writeFileSync(join(fake, 'model.onnx'), 'not onnx')
    writeFileSync(join(fake, 'model.json.gz'), Bun.gzipSync(new TextEncoder().encode('{}')))
    writeFileSync(
      join(fake, 'metadata.json'),
      JSON.stringify({ format: 'predictiondex-model/1', sha256: 'x' }),
    )
    await kernel.db
      .sql`INSERT INTO ml_model_versions (version, run_id, dir, sha256, dataset_hash, test_log_loss, created_at) VALUES (99, NULL, 'broken-model', 'x', 'x', 0.1, '2026-01-01')`
    await kernel.db.sql`UPDATE ml_aliases SET version = 99 WHERE alias = 'champion'`
    await predictor.reload()
    expect(predictor.modelInfo()?.dir).toBe(serving)
    expect(kernel.logs.some((l) => l.msg === 'refused model; the previous one keeps serving')).toBe(true)
  })

  test('with MLFLOW_TRACKING_URI set, the run, its artifacts and a model version with the same alias go to MLflow', async () => {
    const mlflow = await startFakeMlflow()
    const models = mkdtempSync(join(tmpdir(), 'pdx-models-mlflow-'))
    const other = await createTestKernel({
      plugins: [etlPlugin, mlPlugin],
      env: { DATA_DIR: dataDir, MODELS_DIR: models, MLFLOW_TRACKING_URI: mlflow.uri },
    })
    try {
      await other.stages.run(
        'etl:load',
        {},
        { log: other.log, tty: false, signal: new AbortController().signal },
      )
      const stage = other.stages.list().find((s) => s.name === 'ml:train')!
      await other.stages.run('ml:train', parseStageInput(stage, ['--dataset', 'small', '--grid', 'none']), {
        log: other.log,
        tty: false,
        signal: new AbortController().signal,
      })
      const [run] = [...mlflow.state.runs.values()]
      expect(run?.status).toBe('FINISHED')
      expect(run?.metrics.some((m) => m.key === 'test_log_loss')).toBe(true)
      expect([...mlflow.state.artifacts.keys()].some((k) => k.endsWith('model/model.onnx'))).toBe(true)
      expect(mlflow.state.models.get('predictiondex-battle')?.aliases.get('champion')).toBe('1')
    } finally {
      await other.stop()
      mlflow.stop()
      rmSync(models, { recursive: true, force: true })
    }
  }, 300_000)

  test('ml:evaluate scores the champion per scenario next to the baselines; ml:promote moves the alias by hand', async () => {
    const evaluation = String(await run('ml:evaluate', ['--dataset', 'small']))
    expect(evaluation).toMatch(/model\/all_combinations +log-loss/)
    expect(evaluation).toContain('turns_to_ko')
    const dir = (await readChampionPointer(modelsDir))!
    expect(existsSync(join(modelsDir, dir, 'evaluation-small.json'))).toBe(true)
    const [first] = await kernel.db.sql<{
      version: number
      dir: string
    }>`SELECT version, dir FROM ml_model_versions ORDER BY version LIMIT 1`
    expect(String(await run('ml:promote', ['--version', String(first!.version)]))).toContain(
      'is now champion',
    )
    expect(await readChampionPointer(modelsDir)).toBe(first!.dir)
    await expect(run('ml:promote', ['--version', '999'])).rejects.toMatchObject({
      code: 'ML_UNKNOWN_VERSION',
    })
  })

  test('bad input: an unknown dataset is a usage error', async () => {
    await expect(run('ml:train', ['--dataset', 'nope'])).rejects.toMatchObject({ code: 'ML_DATASET_MISSING' })
    expect(() =>
      parseStageInput(kernel.stages.list().find((s) => s.name === 'ml:train')!, ['--grid', 'huge']),
    ).toThrow(/--grid/)
  })
})
