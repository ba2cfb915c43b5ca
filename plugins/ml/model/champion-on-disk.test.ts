import { afterAll, beforeAll, expect, test } from 'bun:test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kernel } from '../../../core/kernel.ts'
import { createTestKernel } from '../../../testing/kernel.ts'
import { modelMetadata } from '../../../testing/ml/model-metadata.ts'
import { etlPlugin } from '../../etl/index.ts'
import { mlPlugin } from '../index.ts'
import { listVersions, setAlias } from '../registry.repo.ts'
import { createChampionWatcher } from './champion-on-disk.ts'
import { writeChampionPointer, writeModelDir } from './files.ts'

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

/** A model folder that passes the checks (sha256, feature spec); the ONNX bytes are not run here. */
async function folder(createdAt: string, onnx: number[]) {
  const { dir } = await writeModelDir(modelsDir, {
    onnx: new Uint8Array(onnx),
    json: '{}',
    metadata: modelMetadata({ createdAt, metrics: { pair_test: { logLoss: 0.25 } as never } }),
    extra: {},
  })
  return dir
}

const aliases = async () => (await listVersions(kernel.db)).map((v) => [v.version, v.dir, v.aliases])

test('the pointer file: adopted once, then the registry decides; a corrupt folder is refused and logged once', async () => {
  const watcher = createChampionWatcher({ db: kernel.db, modelsDir, log: kernel.log })
  expect(await watcher.check()).toEqual({ state: 'none' })

  const shipped = await folder('2026-11-01T00:00:00.000Z', [1, 2, 3])
  await writeChampionPointer(modelsDir, shipped)
  expect(await watcher.check()).toEqual({ state: 'adopted', version: 1 })
  expect(await watcher.check()).toEqual({ state: 'registered', version: 1 })
  expect(await aliases()).toEqual([[1, shipped, ['champion']]])

  // A copy whose ONNX bytes no longer match its sha256: never registered, the champion stays.
  const corrupt = await folder('2026-11-02T00:00:00.000Z', [4, 5, 6])
  writeFileSync(join(modelsDir, corrupt, 'model.onnx'), 'corrupt')
  await writeChampionPointer(modelsDir, corrupt)
  expect(await watcher.check()).toEqual({ state: 'refused', dir: corrupt })
  expect(await watcher.check()).toEqual({ state: 'refused', dir: corrupt })
  const refusals = kernel.logs.filter((l) => String(l.msg).startsWith('refused model on disk'))
  expect(refusals).toHaveLength(1)
  expect(refusals[0]).toMatchObject({ dir: corrupt, error: expect.stringContaining('ML_MODEL_CORRUPT') })
  expect(await aliases()).toEqual([[1, shipped, ['champion']]])

  // A good folder copied in by hand is a promotion by file; the one it replaces can be rolled back to.
  const copied = await folder('2026-11-03T00:00:00.000Z', [7, 8, 9])
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
