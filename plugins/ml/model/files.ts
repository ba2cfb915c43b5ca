import { createHash } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { KernelError } from '../../../core/errors.ts'
import { FEATURE_NAMES, FEATURE_SPEC_VERSION } from '../features/vector.ts'
import type { BinaryMetrics } from '../gbdt/metrics.ts'
import type { FeatureReference } from '../monitoring/psi.ts'

/**
 * A model on disk: `MODELS_DIR/<dir>/` holds `model.onnx` (what serving runs), `model.json.gz` (the
 * same trees for TypeScript evaluation and champion re-scoring; gzip keeps the shipped model small), `metadata.json`, and the report. `MODELS_DIR/champion`
 * names the champion's folder, so a fresh clone (or a container sharing the volume) knows what to
 * serve before any database exists.
 */
export const MODEL_FORMAT = 'predictiondex-model/1'
const MODEL_JSON = 'model.json.gz'

export interface ModelMetadata {
  format: typeof MODEL_FORMAT
  dir: string
  createdAt: string
  gitCommit: string | null
  featureSpec: { version: number; names: string[] }
  params: Record<string, unknown>
  bestIteration: number
  trees: number
  dataset: { name: string; contentHash: string; rows: Record<string, number> }
  engine: Record<string, string>
  metrics: Record<string, BinaryMetrics | Record<string, BinaryMetrics>>
  /** sha256 of model.onnx. */
  sha256: string
  /** Training feature distribution, for drift (PSI) at serving time. */
  reference: FeatureReference[]
  runId: number | null
}

export const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')

/** Writes a model folder atomically (temp folder then rename) and returns its name. */
export async function writeModelDir(
  modelsDir: string,
  files: {
    onnx: Uint8Array
    json: string
    metadata: Omit<ModelMetadata, 'dir' | 'sha256'>
    extra: Record<string, string>
  },
): Promise<{ dir: string; metadata: ModelMetadata }> {
  const hash = sha256(files.onnx)
  const dir = `${files.metadata.createdAt.slice(0, 10)}-${hash.slice(0, 12)}`
  const metadata: ModelMetadata = { ...files.metadata, dir, sha256: hash }
  const tmp = join(modelsDir, `.${dir}.tmp`)
  await mkdir(tmp, { recursive: true })
  await writeFile(join(tmp, 'model.onnx'), files.onnx)
  await writeFile(join(tmp, MODEL_JSON), Bun.gzipSync(new TextEncoder().encode(files.json), { level: 9 }))
  await writeFile(join(tmp, 'metadata.json'), `${JSON.stringify(metadata, null, 1)}\n`)
  for (const [name, text] of Object.entries(files.extra)) await writeFile(join(tmp, name), text)
  await rename(tmp, join(modelsDir, dir)).catch(async (error) => {
    if ((error as { code?: string }).code !== 'ENOTEMPTY' && (error as { code?: string }).code !== 'EEXIST')
      throw error
  })
  return { dir, metadata }
}

/** The champion's folder name from `MODELS_DIR/champion`, or undefined. */
export async function readChampionPointer(modelsDir: string): Promise<string | undefined> {
  const text = await readFile(join(modelsDir, 'champion'), 'utf8').catch(() => '')
  return text.trim() || undefined
}

export async function writeChampionPointer(modelsDir: string, dir: string): Promise<void> {
  await writeFile(join(modelsDir, '.champion.tmp'), `${dir}\n`)
  await rename(join(modelsDir, '.champion.tmp'), join(modelsDir, 'champion'))
}

/**
 * Reads and checks a model folder: the ONNX bytes must match the recorded sha256 and the feature
 * spec must be the one this code computes — a mismatch is refused, never served.
 *
 * @throws KernelError `ML_MODEL_MISSING`, `ML_MODEL_CORRUPT`, `ML_MODEL_MISMATCH`.
 */
export async function readModelDir(
  modelsDir: string,
  dir: string,
): Promise<{ metadata: ModelMetadata; onnx: Uint8Array; json: string }> {
  const path = join(modelsDir, dir)
  let metadata: ModelMetadata
  let onnx: Uint8Array
  let json: string
  try {
    metadata = JSON.parse(await readFile(join(path, 'metadata.json'), 'utf8'))
    onnx = new Uint8Array(await readFile(join(path, 'model.onnx')))
    json = new TextDecoder().decode(Bun.gunzipSync(new Uint8Array(await readFile(join(path, MODEL_JSON)))))
  } catch (cause) {
    throw new KernelError('ML_MODEL_MISSING', `model ${dir} is incomplete or unreadable in ${modelsDir}`, {
      cause,
    })
  }
  if (metadata.format !== MODEL_FORMAT)
    throw new KernelError(
      'ML_MODEL_MISMATCH',
      `model ${dir} has format ${metadata.format}, expected ${MODEL_FORMAT}`,
    )
  if (sha256(onnx) !== metadata.sha256)
    throw new KernelError('ML_MODEL_CORRUPT', `model ${dir}: model.onnx does not match its recorded sha256`)
  const spec = metadata.featureSpec
  if (spec?.version !== FEATURE_SPEC_VERSION || spec.names.join(',') !== FEATURE_NAMES.join(',')) {
    throw new KernelError(
      'ML_MODEL_MISMATCH',
      `model ${dir} was trained on feature spec v${spec?.version} (${spec?.names.length} features); this code computes v${FEATURE_SPEC_VERSION} (${FEATURE_NAMES.length})`,
    )
  }
  return { metadata, onnx, json }
}
