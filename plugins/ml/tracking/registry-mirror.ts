import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Db } from '../../../core/db/port.ts'
import type { Logger } from '../../../core/log.ts'
import { type ModelMetadata, readModelDir } from '../model/files.ts'
import type { Promotion } from '../model/promotion.ts'
import { type Alias, type ListedVersion, listVersions, setMlflowVersion } from '../registry.repo.ts'
import { isMlflowError } from './errors.ts'
import { logRun } from './log-run.ts'
import type { MlflowClient, ParamValue } from './types.ts'

/** The registered model name in MLflow. */
export const MLFLOW_MODEL_NAME = 'predictiondex-battle'
const ALIASES: readonly Alias[] = ['champion', 'challenger']

/** A finished local training run, as the pipeline hands it over. */
export interface TrackedRun {
  runId: number
  dir: string
  promotion: Promotion
  params: Record<string, unknown>
  metrics: Record<string, number>
  files: Record<string, Uint8Array | string>
}

/** What a mirror call did: MLflow's version behind each alias afterwards, or why it failed. */
export type MirrorOutcome = { ok: true; aliases: Record<Alias, string | null> } | { ok: false; error: string }

/** Keeps MLflow's registry a copy of the local one (see `createRegistryMirror`). */
export interface RegistryMirror {
  /** Logs a training run, registers its version once, then makes every alias agree. */
  recordTrainedRun(run: TrackedRun): Promise<MirrorOutcome>
  /** Makes MLflow's aliases equal the local ones, registering any aliased version MLflow lacks. */
  sync(): Promise<MirrorOutcome>
}

/**
 * The local registry is the truth; MLflow mirrors it. Every local version that carries an alias
 * gets one MLflow model version (its files logged as a run: the training run, or — for the shipped
 * champion and versions registered while MLflow was down — a run made from its folder), recorded in
 * `ml_model_versions.mlflow_version`; then each alias is set to the twin of its local version and
 * an alias the local registry does not have is deleted. Calls are idempotent, so any alias change
 * (training, ml:promote, a rollback, the first start) ends with `sync()` and a failed mirror heals
 * at the next one. Failures are logged and returned, never thrown: MLflow being down must not fail
 * a promotion.
 *
 * @example
 * const mirror = createRegistryMirror({ db, modelsDir, log, client: createMlflowClient({ trackingUri }) })
 * await mirror.sync()
 */
export function createRegistryMirror(deps: {
  db: Db
  modelsDir: string
  log: Logger
  client: MlflowClient
}): RegistryMirror {
  const { db, log, client } = deps

  async function logAndRegister(
    version: number,
    run: {
      name: string
      params: Record<string, unknown>
      metrics: Record<string, number>
      tags: Record<string, string>
    },
    files: Record<string, Uint8Array | string>,
  ): Promise<string> {
    const logged = await logRun(client, {
      experiment: 'predictiondex',
      runName: run.name,
      params: toParams(run.params),
      metrics: Object.entries(run.metrics).map(([key, value]) => ({ key, value })),
      tags: { ...run.tags, local_version: String(version) },
      artifacts: Object.entries(files).map(([path, body]) => ({
        path: `model/${path}`,
        bytes: typeof body === 'string' ? new TextEncoder().encode(body) : body,
      })),
    })
    await client.createRegisteredModel(MLFLOW_MODEL_NAME)
    const created = await client.createModelVersion({
      name: MLFLOW_MODEL_NAME,
      source: `${logged.artifactUri}/model`,
      runId: logged.runId,
    })
    await setMlflowVersion(db, version, created.version)
    log.info('model version mirrored to MLflow', { version, mlflowVersion: created.version })
    return created.version
  }

  /** Registers a local version from its folder (no training run in MLflow to point at). */
  async function registerFromDir(local: ListedVersion): Promise<string> {
    const { metadata } = await readModelDir(deps.modelsDir, local.dir)
    const origin = local.run_id === null ? 'shipped' : 'registered-later'
    return logAndRegister(
      local.version,
      {
        name: local.dir,
        params: metadata.params,
        metrics: metricsOf(metadata),
        tags: { model_dir: local.dir, origin },
      },
      await readFolder(join(deps.modelsDir, local.dir)),
    )
  }

  async function syncAliases(): Promise<Record<Alias, string | null>> {
    const versions = await listVersions(db)
    const result: Record<Alias, string | null> = { champion: null, challenger: null }
    for (const alias of ALIASES) {
      const local = versions.find((v) => v.aliases.includes(alias))
      if (!local) {
        if (await client.getVersionByAlias({ name: MLFLOW_MODEL_NAME, alias }))
          await client.deleteAlias({ name: MLFLOW_MODEL_NAME, alias })
        continue
      }
      local.mlflow_version ??= await registerFromDir(local)
      try {
        await client.setAlias({ name: MLFLOW_MODEL_NAME, alias, version: local.mlflow_version })
      } catch (error) {
        if (!isMlflowError(error, 'RESOURCE_DOES_NOT_EXIST')) throw error
        // MLflow no longer has that version (a new server): register it again from its folder.
        local.mlflow_version = await registerFromDir(local)
        await client.setAlias({ name: MLFLOW_MODEL_NAME, alias, version: local.mlflow_version })
      }
      result[alias] = local.mlflow_version
    }
    return result
  }

  async function guarded(
    what: string,
    work: () => Promise<Record<Alias, string | null>>,
  ): Promise<MirrorOutcome> {
    try {
      const aliases = await work()
      log.info('MLflow registry in step with the local one', { aliases })
      return { ok: true, aliases }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      log.error(
        `MLflow mirror failed (${what}); the local registry has everything and the next alias change retries`,
        {
          error: message,
        },
      )
      return { ok: false, error: message }
    }
  }

  return {
    recordTrainedRun: (run) =>
      guarded('training run', async () => {
        const local = (await listVersions(db)).find((v) => v.version === run.promotion.version)
        if (local?.mlflow_version == null) {
          await logAndRegister(
            run.promotion.version,
            {
              name: run.dir,
              params: run.params,
              metrics: run.metrics,
              tags: { local_run_id: String(run.runId), model_dir: run.dir },
            },
            run.files,
          )
        }
        return syncAliases()
      }),
    sync: () => guarded('alias sync', syncAliases),
  }
}

function toParams(params: Record<string, unknown>): Record<string, ParamValue> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v),
    ]),
  )
}

/** The headline metrics of a model folder, named as the training run logs them. */
function metricsOf(metadata: ModelMetadata): Record<string, number> {
  const read = (split: string, key: string) => {
    const value = (metadata.metrics[split] as Record<string, unknown> | undefined)?.[key]
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined
  }
  const named: Record<string, number | undefined> = {
    test_log_loss: read('pair_test', 'logLoss'),
    test_brier: read('pair_test', 'brier'),
    test_roc_auc: read('pair_test', 'rocAuc'),
    test_accuracy: read('pair_test', 'accuracy'),
    species_test_log_loss: read('species_test', 'logLoss'),
    trees: metadata.trees,
  }
  return Object.fromEntries(Object.entries(named).filter((e): e is [string, number] => e[1] !== undefined))
}

async function readFolder(dir: string): Promise<Record<string, Uint8Array>> {
  const files: Record<string, Uint8Array> = {}
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile()) files[entry.name] = new Uint8Array(await readFile(join(dir, entry.name)))
  }
  return files
}
