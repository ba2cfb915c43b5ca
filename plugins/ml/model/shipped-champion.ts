import type { Db } from '../../../core/db/port.ts'
import type { Logger } from '../../../core/log.ts'
import { listVersions, registerVersion, setAlias, versionByAlias } from '../registry.repo.ts'
import { readChampionPointer, readModelDir } from './files.ts'

/**
 * Registers the champion named by `MODELS_DIR/champion` (the model shipped in the repository, or
 * one trained before the database was reset) as a version, and gives it the champion alias when
 * no version has it. Why: without a version, a newer champion replaces it for good — `ml:promote
 * --version <n>` needs a number to roll back to. Idempotent (run at every start); a folder that
 * fails its checks is left unregistered with a warning, never served.
 *
 * @example
 * const shipped = await registerShippedChampion(db, modelsDir, log) // { version: 1, registered: true }
 */
export async function registerShippedChampion(
  db: Db,
  modelsDir: string,
  log: Logger,
): Promise<{ version: number; registered: boolean } | null> {
  const dir = await readChampionPointer(modelsDir)
  if (dir === undefined) return null
  const known = (await listVersions(db)).find((v) => v.dir === dir)
  if (known) return { version: known.version, registered: false }
  let metadata: Awaited<ReturnType<typeof readModelDir>>['metadata']
  try {
    ;({ metadata } = await readModelDir(modelsDir, dir))
  } catch (error) {
    log.warn('the champion on disk cannot be registered', { dir, error: String(error) })
    return null
  }
  const logLoss = (metadata.metrics.pair_test as { logLoss?: unknown } | undefined)?.logLoss
  const version = await registerVersion(db, {
    run_id: null,
    dir,
    sha256: metadata.sha256,
    dataset_hash: metadata.dataset.contentHash,
    test_log_loss: typeof logLoss === 'number' && Number.isFinite(logLoss) ? logLoss : Number.MAX_VALUE,
    created_at: metadata.createdAt,
  })
  if ((await versionByAlias(db, 'champion')) === undefined) await setAlias(db, 'champion', version)
  log.info('registered the champion on disk as a model version', { dir, version })
  return { version, registered: true }
}
