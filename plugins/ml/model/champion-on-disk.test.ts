import { afterAll, beforeAll, expect, test } from 'bun:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kernel } from '../../../core/kernel.ts'
import { createTestKernel } from '../../../testing/kernel.ts'
import { modelMetadata } from '../../../testing/ml/model-metadata.ts'
import { makeSyntheticBattles } from '../../../testing/ml/synthetic-battles.ts'
import { etlPlugin } from '../../etl/index.ts'
import { FEATURE_NAMES } from '../features/vector.ts'
import { serializeModel } from '../gbdt/serialize.ts'
import { trainGbdt } from '../gbdt/train.ts'
import { mlPlugin } from '../index.ts'
import { exportToOnnx } from '../onnx/export-onnx.ts'
import { listVersions, setAlias } from '../registry.repo.ts'
import { createChampionWatcher } from './champion-on-disk.ts'
import { writeChampionPointer, writeModelDir } from './files.ts'
import { checkFolderParity, PARITY_TOLERANCE } from './parity.ts'

let kernel: Kernel & { logs: Record<string, unknown>[] }
let modelsDir: string
beforeAll(async () => {
  kernel = await createTestKernel({ plugins: [etlPlugin, mlPlugin] })
  modelsDir = mkdtempSync(join(tmpdir(), 'pdx-champion-on-disk-'))
})
afterAll(async () => {
  await kernel.stop()
  rmSync(modelsDir, { recursive: true, force: true })
})

/** A tiny real model over this code's feature spec, as JSON trees and the ONNX our exporter writes. */
function tinyModel(seed: number) {
  const data = makeSyntheticBattles({ nRows: 400, nFeatures: FEATURE_NAMES.length, seed, maxTrials: 2 })
  const model = trainGbdt(data, { nEstimators: 4, maxDepth: 3, seed })
  return { json: serializeModel(model), onnx: exportToOnnx(model) }
}
const modelA = tinyModel(1)
const modelB = tinyModel(2)

/** A model folder with the given files; it passes readModelDir's checks (sha256, feature spec). */
async function folder(createdAt: string, files: { json: string; onnx: Uint8Array } = modelA) {
  const { dir } = await writeModelDir(modelsDir, {
    onnx: files.onnx,
    json: files.json,
    metadata: modelMetadata({ createdAt, metrics: { pair_test: { logLoss: 0.25 } as never } }),
    extra: {},
  })
  return dir
}

const aliases = async () => (await listVersions(kernel.db)).map((v) => [v.version, v.dir, v.aliases])

test('the pointer file: adopted once, then the registry decides; a corrupt folder is refused and logged once', async () => {
  const watcher = createChampionWatcher({ db: kernel.db, modelsDir, log: kernel.log })
  expect(await watcher.check()).toEqual({ state: 'none' })

  const shipped = await folder('2026-11-01T00:00:00.000Z')
  await writeChampionPointer(modelsDir, shipped)
  expect(await watcher.check()).toEqual({ state: 'adopted', version: 1 })
  expect(await watcher.check()).toEqual({ state: 'registered', version: 1 })
  expect(await aliases()).toEqual([[1, shipped, ['champion']]])

  // A copy whose ONNX bytes no longer match its sha256: never registered, the champion stays.
  const corrupt = await folder('2026-11-02T00:00:00.000Z', modelB)
  writeFileSync(join(modelsDir, corrupt, 'model.onnx'), 'corrupt')
  await writeChampionPointer(modelsDir, corrupt)
  expect(await watcher.check()).toEqual({ state: 'refused', dir: corrupt })
  expect(await watcher.check()).toEqual({ state: 'refused', dir: corrupt })
  const refusals = kernel.logs.filter((l) => String(l.msg).startsWith('refused model on disk'))
  expect(refusals).toHaveLength(1)
  expect(refusals[0]).toMatchObject({ dir: corrupt, error: expect.stringContaining('ML_MODEL_CORRUPT') })
  expect(await aliases()).toEqual([[1, shipped, ['champion']]])

  // A good folder copied in by hand is a promotion by file; the one it replaces can be rolled back to.
  const copied = await folder('2026-11-03T00:00:00.000Z', modelB)
  await writeChampionPointer(modelsDir, copied)
  expect(await watcher.check()).toEqual({ state: 'adopted', version: 2 })
  expect(await aliases()).toEqual([
    [1, shipped, []],
    [2, copied, ['champion']],
  ])

  // Pointing back at a registered folder moves nothing: ml:promote is how aliases change.
  await setAlias(kernel.db, 'challenger', 1)
  await writeChampionPointer(modelsDir, shipped)
  expect(await watcher.check()).toEqual({ state: 'registered', version: 1 })
  expect(await aliases()).toEqual([
    [1, shipped, ['challenger']],
    [2, copied, ['champion']],
  ])
})

test('a folder whose ONNX does not compute its trees is refused before any registry change', async () => {
  const watcher = createChampionWatcher({ db: kernel.db, modelsDir, log: kernel.log })
  const before = await aliases()
  const refusedFor = (dir: string) =>
    kernel.logs.filter((l) => String(l.msg).startsWith('refused model on disk') && l.dir === dir)

  // Model A's ONNX next to model B's trees: sha256 and feature spec are fine, the parity check is not.
  const swapped = await folder('2026-11-04T00:00:00.000Z', { json: modelB.json, onnx: modelA.onnx })
  await writeChampionPointer(modelsDir, swapped)
  expect(await watcher.check()).toEqual({ state: 'refused', dir: swapped })
  expect(await watcher.check()).toEqual({ state: 'refused', dir: swapped })
  expect(refusedFor(swapped)).toHaveLength(1)
  expect(refusedFor(swapped)[0]).toMatchObject({ error: expect.stringContaining('ML_ONNX_PARITY') })
  expect(await aliases()).toEqual(before)

  // Bytes that are not an ONNX model, recorded with their own sha256 (so only running them tells).
  const garbage = new Uint8Array(modelA.onnx)
  garbage.fill(0x5a, 16, 96)
  const broken = await folder('2026-11-05T00:00:00.000Z', { json: modelA.json, onnx: garbage })
  await writeChampionPointer(modelsDir, broken)
  expect(await watcher.check()).toEqual({ state: 'refused', dir: broken })
  expect(refusedFor(broken)[0]).toMatchObject({ error: expect.stringContaining('ONNX_INVALID_MODEL') })
  expect(await aliases()).toEqual(before)
})

test('checkFolderParity: a real export matches its own trees within the tolerance', async () => {
  const worst = await checkFolderParity(modelA.onnx, modelA.json)
  expect(worst).toBeLessThanOrEqual(PARITY_TOLERANCE)
  await expect(checkFolderParity(modelA.onnx, '{not json')).rejects.toMatchObject({ code: 'ML_ONNX_PARITY' })
})
