import { expect, test } from 'bun:test'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { modelMetadata } from '../../../testing/ml/model-metadata.ts'
import { FEATURE_SPEC_VERSION } from '../features/vector.ts'
import { readModelDir, writeModelDir } from './files.ts'

const metadata = modelMetadata()

test('a model folder round-trips; a changed byte or another feature spec is refused with a clear code', async () => {
  const modelsDir = mkdtempSync(join(tmpdir(), 'pdx-files-'))
  try {
    const { dir } = await writeModelDir(modelsDir, {
      onnx: new Uint8Array([1, 2, 3]),
      json: '{}',
      metadata,
      extra: { 'report.md': '# r' },
    })
    expect((await readModelDir(modelsDir, dir)).metadata.dir).toBe(dir)

    writeFileSync(join(modelsDir, dir, 'model.onnx'), new Uint8Array([1, 2, 4]))
    await expect(readModelDir(modelsDir, dir)).rejects.toMatchObject({ code: 'ML_MODEL_CORRUPT' })
    writeFileSync(join(modelsDir, dir, 'model.onnx'), new Uint8Array([1, 2, 3]))

    const path = join(modelsDir, dir, 'metadata.json')
    const stored = JSON.parse(readFileSync(path, 'utf8'))
    writeFileSync(
      path,
      JSON.stringify({ ...stored, featureSpec: { version: FEATURE_SPEC_VERSION - 1, names: ['a_hp'] } }),
    )
    await expect(readModelDir(modelsDir, dir)).rejects.toMatchObject({
      code: 'ML_MODEL_MISMATCH',
      message: expect.stringContaining('feature spec'),
    })

    await expect(readModelDir(modelsDir, 'missing')).rejects.toMatchObject({ code: 'ML_MODEL_MISSING' })
  } finally {
    rmSync(modelsDir, { recursive: true, force: true })
  }
})
