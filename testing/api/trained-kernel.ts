import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kernel } from '../../core/kernel.ts'
import { parseStageInput } from '../../core/stages.ts'
import { apiPlugin } from '../../plugins/api/index.ts'
import { generateApiKey } from '../../plugins/api/security/index.ts'
import { etlPlugin } from '../../plugins/etl/index.ts'
import { mlPlugin } from '../../plugins/ml/index.ts'
import { createTestKernel } from '../kernel.ts'

/** A few species: enough for a dataset with train/validation/test parts, trained in a few seconds. */
const SPECIES =
  'pikachu,squirtle,gengar,snorlax,bulbasaur,charmander,onix,abra,machop,eevee,jigglypuff,magikarp'

export interface TrainedApiKernel {
  readonly kernel: Kernel
  /** A valid API key (its hash is the kernel's only `API_KEYS` entry). */
  readonly key: string
  /** The configured hash: a leaked hash must never work as a key. */
  readonly hash: string
  /** Stops the kernel and removes the temporary data and model folders. */
  close(): Promise<void>
}

const runtime = (k: Kernel) => ({ log: k.log, tty: false, signal: new AbortController().signal })
const runStage = (k: Kernel, name: string, args: string[]) =>
  k.stages.run(name, parseStageInput(k.stages.list().find((s) => s.name === name)!, args), runtime(k))

/**
 * Boots etl + ml + api on SQLite with a small model trained into temporary folders (`ml:dataset`
 * then `ml:train --grid none`) and one generated API key, so every route, predictions included,
 * answers as in production. Why SQLite only: no API route passes request input to SQL (the
 * Pokédex is read once into an in-memory catalogue), and the storage contract tests cover both
 * engines.
 *
 * @example
 * const api = await createTrainedApiKernel({ API_PREDICT_RATE_LIMIT_PER_MINUTE: '100000' })
 * await api.kernel.app.request('/api/v1/model')
 * await api.close()
 */
export async function createTrainedApiKernel(env: Record<string, string> = {}): Promise<TrainedApiKernel> {
  const { key, hash } = generateApiKey()
  const dataDir = mkdtempSync(join(tmpdir(), 'pdx-api-data-'))
  const modelsDir = mkdtempSync(join(tmpdir(), 'pdx-api-models-'))
  const dirs = { DATA_DIR: dataDir, MODELS_DIR: modelsDir }
  const trainer = await createTestKernel({
    plugins: [etlPlugin, mlPlugin],
    env: { ...dirs, ML_WORKERS: '0' },
  })
  try {
    await trainer.stages.run('etl:load', {}, runtime(trainer))
    await runStage(trainer, 'ml:dataset', ['--species', SPECIES, '--k', '4', '--name', 'api'])
    await runStage(trainer, 'ml:train', ['--dataset', 'api', '--grid', 'none'])
  } finally {
    await trainer.stop()
  }
  const kernel = await createTestKernel({
    plugins: [etlPlugin, mlPlugin, apiPlugin],
    env: { ...dirs, API_KEYS: hash, ...env },
  })
  await kernel.stages.run('etl:load', {}, runtime(kernel))
  await kernel.start()
  return {
    kernel,
    key,
    hash,
    async close() {
      await kernel.stop()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(modelsDir, { recursive: true, force: true })
    },
  }
}
