import type { Db } from '../../../core/db/port.ts'
import { describeError } from '../../../core/errors.ts'
import type { Logger } from '../../../core/log.ts'
import { listVersions, registerVersion, setAlias } from '../registry.repo.ts'
import { type ModelMetadata, readChampionPointer, readModelDir, sha256 } from './files.ts'
import { checkFolderParity } from './parity.ts'

/** What one look at `MODELS_DIR/champion` found. */
export type ChampionOnDisk =
  | { state: 'none' }
  | { state: 'registered'; version: number }
  | { state: 'adopted'; version: number }
  | { state: 'refused'; dir: string }

/**
 * Watches `MODELS_DIR/champion`, the file that names the champion's folder. A folder the registry
 * does not know yet — the model shipped in the repository on a fresh database, a new one pulled
 * with git, or one copied in by hand — is a promotion by file: it is checked (sha256, feature spec,
 * then its ONNX file is run against its JSON trees: `checkFolderParity`), and only then registered
 * as a version and given the champion alias, so whatever replaces it later can be rolled back with
 * `ml:promote -- --version <n>`. A folder that fails any check is refused before the registry is
 * touched and never served ("refused model on disk" with the error code, logged once per folder);
 * the same files are not run again on every look. A registered folder changes nothing: then the
 * registry's alias is the truth (ml:promote moves both).
 *
 * @example
 * const watcher = createChampionWatcher({ db, modelsDir, log })
 * await watcher.check() // { state: 'adopted', version: 1 } on a fresh database
 */
export function createChampionWatcher(deps: {
  db: Db
  modelsDir: string
  log: Logger
  /**
   * Runs the folder's ONNX against its trees; throws to refuse. Default `checkFolderParity`; a
   * server passes its predictor's `prepare`, which checks the session it will then serve.
   */
  verify?: (dir: string, files: { onnx: Uint8Array; json: string }) => Promise<unknown>
}) {
  const { db, modelsDir, log } = deps
  const verify = deps.verify ?? ((_dir, files) => checkFolderParity(files.onnx, files.json))
  let lastRefused: string | undefined
  /** dir + hashes of the files whose ONNX check failed: refused again without running it. */
  let failedParity: string | undefined
  const refuse = (dir: string, error: unknown): ChampionOnDisk => {
    if (lastRefused !== dir) {
      lastRefused = dir
      log.error('refused model on disk; the current champion keeps serving', {
        dir,
        error: describeError(error),
      })
    }
    return { state: 'refused', dir }
  }
  return {
    async check(): Promise<ChampionOnDisk> {
      const dir = await readChampionPointer(modelsDir)
      if (dir === undefined) return { state: 'none' }
      const known = (await listVersions(db)).find((v) => v.dir === dir)
      if (known) return { state: 'registered', version: known.version }
      let metadata: ModelMetadata
      try {
        const files = await readModelDir(modelsDir, dir)
        metadata = files.metadata
        const key = `${dir}:${metadata.sha256}:${sha256(files.json)}`
        if (failedParity !== key) {
          try {
            await verify(dir, files)
          } catch (error) {
            failedParity = key
            throw error
          }
        } else return { state: 'refused', dir }
      } catch (error) {
        return refuse(dir, error)
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
      await setAlias(db, 'champion', version)
      log.info('the champion on disk is registered and promoted', { dir, version })
      return { state: 'adopted', version }
    },
  }
}
