import type { Logger } from '../../../core/log.ts'
import type { Promotion } from '../model/promotion.ts'
import { createMlflowClient, logRun, registerModelVersion } from './index.ts'

/** The registered model name in MLflow. */
export const MLFLOW_MODEL_NAME = 'predictiondex-battle'

/**
 * Mirrors a finished training run to MLflow: params, metrics, artifacts (model files and report),
 * a model version, and the same alias (champion/challenger) as the local registry. A failure is
 * logged and never loses the local run: the local store is the source of truth.
 */
export function createMlflowSink(trackingUri: string, log: Logger) {
  const client = createMlflowClient({ trackingUri, log })
  return async (run: {
    runId: number
    dir: string
    promotion: Promotion
    params: Record<string, unknown>
    metrics: Record<string, number>
    files: Record<string, Uint8Array | string>
  }) => {
    try {
      const params = Object.fromEntries(
        Object.entries(run.params).map(([k, v]) => [
          k,
          typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean),
        ]),
      )
      const logged = await logRun(client, {
        experiment: 'predictiondex',
        runName: run.dir,
        params,
        metrics: Object.entries(run.metrics).map(([key, value]) => ({ key, value })),
        tags: { local_run_id: String(run.runId), model_dir: run.dir },
        artifacts: Object.entries(run.files).map(([path, body]) => ({
          path: `model/${path}`,
          bytes: typeof body === 'string' ? new TextEncoder().encode(body) : body,
        })),
      })
      const version = await registerModelVersion(client, {
        name: MLFLOW_MODEL_NAME,
        source: `${logged.artifactUri}/model`,
        runId: logged.runId,
        alias: run.promotion.alias,
      })
      log.info('run mirrored to MLflow', {
        runId: logged.runId,
        version: version.version,
        alias: run.promotion.alias,
      })
    } catch (error) {
      log.error('MLflow mirror failed; the local registry has the run', {
        error: error instanceof Error ? error.message : String(error),
      })
    }
  }
}
