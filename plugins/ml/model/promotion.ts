import type { Db } from '../../../core/db/port.ts'
import type { Logger } from '../../../core/log.ts'
import type { DatasetRow } from '../dataset/rows.ts'
import type { FeatureSpace } from '../features/vector.ts'
import type { GbdtModel } from '../gbdt/model.ts'
import { parseModel } from '../gbdt/serialize.ts'
import { registerVersion, setAlias, versionByAlias } from '../registry.repo.ts'
import { logLossOn } from './evaluation.ts'
import { type ModelMetadata, readChampionPointer, readModelDir, writeChampionPointer } from './files.ts'

export interface Promotion {
  version: number
  alias: 'champion' | 'challenger'
  reason: string
}

/**
 * Registers a new model and decides its alias: it becomes **champion** only if its log-loss beats
 * the current champion's on the *same* test rows (the champion is re-scored on them, so models
 * trained on different datasets are compared fairly); otherwise it is the **challenger**.
 */
export async function promote(options: {
  db: Db
  space: FeatureSpace
  modelsDir: string
  dir: string
  metadata: ModelMetadata
  model: GbdtModel
  testRows: readonly DatasetRow[]
  log: Logger
}): Promise<Promotion> {
  const { db, space } = options
  const mine = logLossOn(space, options.model, options.testRows)
  const version = await registerVersion(db, {
    run_id: options.metadata.runId,
    dir: options.dir,
    sha256: options.metadata.sha256,
    dataset_hash: options.metadata.dataset.contentHash,
    test_log_loss: mine,
    created_at: options.metadata.createdAt,
  })
  const championDir =
    (await versionByAlias(db, 'champion'))?.dir ?? (await readChampionPointer(options.modelsDir))
  let theirs: number | undefined
  if (championDir && championDir !== options.dir) {
    try {
      const champion = await readModelDir(options.modelsDir, championDir)
      theirs = logLossOn(space, parseModel(champion.json), options.testRows)
    } catch (error) {
      options.log.warn('the current champion cannot be scored; the new model replaces it', {
        championDir,
        error: String(error),
      })
    }
  }
  const wins = theirs === undefined || mine < theirs
  const reason =
    championDir === options.dir
      ? `identical to the current champion (same ONNX bytes); log-loss ${mine.toFixed(5)}`
      : theirs === undefined
        ? `no scorable champion; log-loss ${mine.toFixed(5)}`
        : `log-loss ${mine.toFixed(5)} vs champion ${theirs.toFixed(5)} on the same ${options.testRows.length} test rows`
  if (wins) {
    await setAlias(db, 'champion', version)
    await writeChampionPointer(options.modelsDir, options.dir)
  } else await setAlias(db, 'challenger', version)
  return { version, alias: wins ? 'champion' : 'challenger', reason }
}
