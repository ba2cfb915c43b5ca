import type {
  ArtifactUploadResult,
  MetricInput,
  MlflowClient,
  MlflowModelVersion,
  ParamValue,
  RunStatus,
} from './types.ts'

export interface LogRunInput {
  /** Experiment name; created on first use, reused afterwards. */
  experiment: string
  runName?: string
  params?: Record<string, ParamValue>
  metrics?: MetricInput[]
  tags?: Record<string, string>
  artifacts?: { path: string; bytes: Uint8Array }[]
  /** Final status of the run (default `FINISHED`). */
  status?: RunStatus
}

export interface LogRunResult {
  experimentId: string
  runId: string
  artifactUri: string
  /** Artifact paths stored through the tracking server. */
  uploaded: string[]
  /** Artifacts left out because the run's artifact store is not served by MLflow, with why. */
  notUploaded: { path: string; reason: string }[]
}

/**
 * Records one finished training run in a single call: experiment (get or create), run, params,
 * metrics and tags (chunked to MLflow's batch limits), artifacts, final status.
 *
 * Why the run is closed as FAILED when a step throws: a run left RUNNING forever looks alive in
 * the UI and hides the failure; the original error is rethrown.
 *
 * @example
 * const { runId, artifactUri } = await logRun(mlflow, {
 *   experiment: 'predictiondex-winner', runName: 'gbdt-300x6',
 *   params: { trees: 300, depth: 6 }, metrics: [{ key: 'val_logloss', value: 0.41, step: 300 }],
 *   artifacts: [{ path: 'model/model.onnx', bytes: onnxBytes }],
 * })
 */
export async function logRun(client: MlflowClient, input: LogRunInput): Promise<LogRunResult> {
  const experiment = await client.getOrCreateExperiment(input.experiment)
  const run = await client.createRun({
    experimentId: experiment.experimentId,
    ...(input.runName ? { runName: input.runName } : {}),
    ...(input.tags ? { tags: input.tags } : {}),
  })
  const uploaded: string[] = []
  const notUploaded: { path: string; reason: string }[] = []
  try {
    await client.logBatch(run.runId, { params: input.params ?? {}, metrics: input.metrics ?? [] })
    for (const artifact of input.artifacts ?? []) {
      const result: ArtifactUploadResult = await client.uploadArtifact({
        artifactUri: run.artifactUri,
        ...artifact,
      })
      if (result.uploaded) uploaded.push(result.path)
      else notUploaded.push({ path: result.path, reason: result.reason })
    }
  } catch (error) {
    await client.updateRun(run.runId, { status: 'FAILED' }).catch(() => {})
    throw error
  }
  await client.updateRun(run.runId, { status: input.status ?? 'FINISHED' })
  return {
    experimentId: experiment.experimentId,
    runId: run.runId,
    artifactUri: run.artifactUri,
    uploaded,
    notUploaded,
  }
}

export interface RegisterModelVersionInput {
  /** Registered model name, e.g. `predictiondex-winner`. */
  name: string
  /** Where the model files are: the run's artifact URI + path, e.g. `mlflow-artifacts:/1/<run>/artifacts/model`. */
  source: string
  runId: string
  /** Alias to point at the new version (`champion`, `challenger`); aliases move, versions stay. */
  alias?: string
}

/**
 * Registers a new model version (creating the registered model on first use) and optionally
 * points an alias at it. We use aliases, not the deprecated stages.
 *
 * @example
 * const { version } = await registerModelVersion(mlflow, { name: 'predictiondex-winner', source: `${artifactUri}/model`, runId, alias: 'challenger' })
 */
export async function registerModelVersion(
  client: MlflowClient,
  input: RegisterModelVersionInput,
): Promise<MlflowModelVersion> {
  await client.createRegisteredModel(input.name)
  const version = await client.createModelVersion({
    name: input.name,
    source: input.source,
    runId: input.runId,
  })
  if (input.alias === undefined) return version
  await client.setAlias({ name: input.name, alias: input.alias, version: version.version })
  return { ...version, aliases: [...version.aliases, input.alias] }
}
