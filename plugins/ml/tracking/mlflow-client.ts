import { artifactUploadPath } from './artifact-path.ts'
import { chunkLogBatch, toWireMetricValue, type WireKeyValue, type WireMetric } from './batch.ts'
import { isMlflowError, MlflowError } from './errors.ts'
import {
  createExperimentResponse,
  createRunResponse,
  emptyResponse,
  getExperimentResponse,
  modelVersionResponse,
  updateRunResponse,
  type WireExperiment,
  type WireModelVersion,
  type WireRunInfo,
} from './schemas.ts'
import { createTransport, normaliseTrackingUri } from './transport.ts'
import type {
  MetricInput,
  MlflowClient,
  MlflowClientOptions,
  MlflowExperiment,
  MlflowModelVersion,
  MlflowRun,
} from './types.ts'

/**
 * A thin typed client over MLflow's REST API (`/api/2.0/`): no maintained JavaScript client
 * covers runs and the registry, and we need only a dozen calls.
 *
 * @example
 * const mlflow = createMlflowClient({ trackingUri: config.mlflowTrackingUri, log: ctx.log })
 * const experiment = await mlflow.getOrCreateExperiment('predictiondex-winner')
 */
export function createMlflowClient(options: MlflowClientOptions): MlflowClient {
  const trackingUri = normaliseTrackingUri(options.trackingUri)
  const send = createTransport(options)
  const clock = options.clock ?? Date.now

  const getExperimentByName = async (name: string): Promise<MlflowExperiment | null> => {
    try {
      const query = { experiment_name: name }
      const path = 'mlflow/experiments/get-by-name'
      const body = await send({ method: 'GET', path, query, schema: getExperimentResponse, idempotent: true })
      return toExperiment(body.experiment)
    } catch (error) {
      if (isMlflowError(error, 'RESOURCE_DOES_NOT_EXIST')) return null
      throw error
    }
  }

  const requireActive = (experiment: MlflowExperiment): MlflowExperiment => {
    if (experiment.lifecycleStage !== 'deleted') return experiment
    throw new MlflowError(
      'MLFLOW_EXPERIMENT_DELETED',
      `experiment '${experiment.name}' (id ${experiment.experimentId}) is deleted: restore it, ` +
        `purge it with 'mlflow gc', or use another name (a deleted name cannot be re-created)`,
      { endpoint: 'GET mlflow/experiments/get-by-name' },
    )
  }

  return {
    trackingUri,
    getExperimentByName,

    async getOrCreateExperiment(name, createOptions = {}) {
      const existing = await getExperimentByName(name)
      if (existing) return requireActive(existing)
      try {
        const json = {
          name,
          ...(createOptions.artifactLocation ? { artifact_location: createOptions.artifactLocation } : {}),
        }
        await send({
          method: 'POST',
          path: 'mlflow/experiments/create',
          json,
          schema: createExperimentResponse,
          idempotent: true,
        })
      } catch (error) {
        // Another trainer created it between our read and our create: theirs is as good as ours.
        if (!isMlflowError(error, 'RESOURCE_ALREADY_EXISTS')) throw error
      }
      const created = await getExperimentByName(name)
      if (!created) {
        throw new MlflowError(
          'MLFLOW_BAD_RESPONSE',
          `experiment '${name}' was created but cannot be read back`,
          {
            endpoint: 'GET mlflow/experiments/get-by-name',
          },
        )
      }
      return requireActive(created)
    },

    async createRun(input) {
      const json = {
        experiment_id: input.experimentId,
        start_time: input.startTime ?? clock(),
        ...(input.runName ? { run_name: input.runName } : {}),
        tags: toKeyValues(input.tags ?? {}),
      }
      const body = await send({
        method: 'POST',
        path: 'mlflow/runs/create',
        json,
        schema: createRunResponse,
        idempotent: false,
      })
      return toRun(body.run.info)
    },

    async logBatch(runId, input) {
      const now = clock()
      const metrics = (input.metrics ?? []).map((metric) => toWireMetric(metric, now))
      const params = Object.entries(input.params ?? {}).map(([key, value]) => ({ key, value: String(value) }))
      const bodies = chunkLogBatch(runId, { metrics, params, tags: toKeyValues(input.tags ?? {}) })
      for (const json of bodies) {
        try {
          await send({
            method: 'POST',
            path: 'mlflow/runs/log-batch',
            json,
            schema: emptyResponse,
            idempotent: true,
          })
        } catch (error) {
          throw clarifyParamConflict(error)
        }
      }
      return { requests: bodies.length }
    },

    async updateRun(runId, input) {
      const json = { run_id: runId, status: input.status, end_time: input.endTime ?? clock() }
      await send({
        method: 'POST',
        path: 'mlflow/runs/update',
        json,
        schema: updateRunResponse,
        idempotent: true,
      })
    },

    async uploadArtifact({ artifactUri, path, bytes }) {
      const target = artifactUploadPath(artifactUri, path)
      if (target === undefined)
        return { uploaded: false, path, reason: `not uploaded: artifact store is ${artifactUri}` }
      await send({
        method: 'PUT',
        path: `mlflow-artifacts/artifacts/${target}`,
        bytes,
        schema: emptyResponse,
        idempotent: true,
      })
      return { uploaded: true, path, bytes: bytes.byteLength }
    },

    async createRegisteredModel(name) {
      try {
        const path = 'mlflow/registered-models/create'
        await send({ method: 'POST', path, json: { name }, schema: emptyResponse, idempotent: true })
        return { created: true }
      } catch (error) {
        if (isMlflowError(error, 'RESOURCE_ALREADY_EXISTS')) return { created: false }
        throw error
      }
    },

    async createModelVersion({ name, source, runId }) {
      const json = { name, source, ...(runId ? { run_id: runId } : {}) }
      const path = 'mlflow/model-versions/create'
      const body = await send({ method: 'POST', path, json, schema: modelVersionResponse, idempotent: false })
      return toModelVersion(body.model_version)
    },

    async setAlias({ name, alias, version }) {
      // `version` must be a JSON string: MLflow rejects the number 2 with INVALID_PARAMETER_VALUE.
      const json = { name, alias, version: String(version) }
      await send({
        method: 'POST',
        path: 'mlflow/registered-models/alias',
        json,
        schema: emptyResponse,
        idempotent: true,
      })
    },

    async getVersionByAlias({ name, alias }) {
      try {
        const query = { name, alias }
        const path = 'mlflow/registered-models/alias'
        const body = await send({
          method: 'GET',
          path,
          query,
          schema: modelVersionResponse,
          idempotent: true,
        })
        return toModelVersion(body.model_version)
      } catch (error) {
        if (isMissingAlias(error)) return null
        throw error
      }
    },

    async deleteAlias({ name, alias }) {
      const json = { name, alias }
      await send({
        method: 'DELETE',
        path: 'mlflow/registered-models/alias',
        json,
        schema: emptyResponse,
        idempotent: true,
      })
    },
  }
}

/**
 * MLflow answers a missing alias with `INVALID_PARAMETER_VALUE` "Registered model alias X not
 * found." (SQL and file stores), other stores with `RESOURCE_DOES_NOT_EXIST`; a missing model is
 * `RESOURCE_DOES_NOT_EXIST`. All of them mean "no version behind this alias".
 */
function isMissingAlias(error: unknown): boolean {
  if (isMlflowError(error, 'RESOURCE_DOES_NOT_EXIST')) return true
  return isMlflowError(error, 'INVALID_PARAMETER_VALUE') && /alias .* not found/i.test(error.message)
}

function clarifyParamConflict(error: unknown): unknown {
  if (
    !isMlflowError(error, 'INVALID_PARAMETER_VALUE') ||
    !/Changing param values is not allowed/i.test(error.message)
  ) {
    return error
  }
  const message =
    `a param was already logged on this run with a different value (MLflow params are immutable; ` +
    `log it as a metric or tag, or start a new run): ${error.message}`
  return new MlflowError(error.code as 'MLFLOW_SERVER_ERROR', message, {
    status: error.status,
    endpoint: error.endpoint,
    cause: error,
    ...(error.serverCode === undefined ? {} : { serverCode: error.serverCode }),
  })
}

function toWireMetric(metric: MetricInput, now: number): WireMetric {
  const step = metric.step ?? 0
  const timestamp = metric.timestamp ?? now
  if (!Number.isSafeInteger(step) || !Number.isSafeInteger(timestamp) || timestamp < 0 || metric.key === '') {
    throw new MlflowError(
      'MLFLOW_INVALID_INPUT',
      `metric '${metric.key}': key must be non-empty, step an integer and timestamp non-negative integer ms (got step ${step}, timestamp ${timestamp})`,
      { endpoint: 'POST mlflow/runs/log-batch' },
    )
  }
  return { key: metric.key, value: toWireMetricValue(metric.value), timestamp, step }
}

const toKeyValues = (record: Record<string, string>): WireKeyValue[] =>
  Object.entries(record).map(([key, value]) => ({ key, value }))

const toExperiment = (wire: WireExperiment): MlflowExperiment => ({
  experimentId: wire.experiment_id,
  name: wire.name,
  artifactLocation: wire.artifact_location,
  lifecycleStage: wire.lifecycle_stage ?? 'active',
})

const toRun = (wire: WireRunInfo): MlflowRun => ({
  runId: wire.run_id,
  experimentId: wire.experiment_id,
  runName: wire.run_name,
  artifactUri: wire.artifact_uri,
})

const toModelVersion = (wire: WireModelVersion): MlflowModelVersion => ({
  name: wire.name,
  version: wire.version,
  status: wire.status,
  source: wire.source,
  runId: wire.run_id,
  aliases: wire.aliases,
})
