import type { TransportOptions } from './transport.ts'

/** Public types of the MLflow client (`mlflow-client.ts`), in our camelCase, not MLflow's wire names. */

export interface MlflowClientOptions extends TransportOptions {
  /** Milliseconds since the epoch for default timestamps; injectable for tests. */
  clock?: () => number
}

export interface MlflowExperiment {
  experimentId: string
  name: string
  artifactLocation: string | undefined
  lifecycleStage: string
}
export interface MlflowRun {
  runId: string
  experimentId: string
  runName: string | undefined
  artifactUri: string
}
export interface MetricInput {
  key: string
  value: number
  /** Training step / iteration (integer, default 0). */
  step?: number
  /** Milliseconds since the epoch (default: now). */
  timestamp?: number
}
export type ParamValue = string | number | boolean
export interface LogBatchInput {
  metrics?: MetricInput[]
  params?: Record<string, ParamValue>
  tags?: Record<string, string>
}
export type RunStatus = 'FINISHED' | 'FAILED' | 'KILLED'
export type ArtifactUploadResult =
  | { uploaded: true; path: string; bytes: number }
  | { uploaded: false; path: string; reason: string }
export interface MlflowModelVersion {
  name: string
  version: string
  status: string | undefined
  source: string | undefined
  runId: string | undefined
  aliases: string[]
}

/** The MLflow calls PredictionDex makes: tracking (experiments, runs, artifacts) and the registry. */
export interface MlflowClient {
  readonly trackingUri: string
  /** The experiment, or `null` when none has that name (deleted ones are returned, marked). */
  getExperimentByName(name: string): Promise<MlflowExperiment | null>
  getOrCreateExperiment(name: string, options?: { artifactLocation?: string }): Promise<MlflowExperiment>
  createRun(input: {
    experimentId: string
    runName?: string
    startTime?: number
    tags?: Record<string, string>
  }): Promise<MlflowRun>
  /** Logs everything, split into as many `log-batch` requests as the limits need. */
  logBatch(runId: string, input: LogBatchInput): Promise<{ requests: number }>
  updateRun(runId: string, input: { status: RunStatus; endTime?: number }): Promise<void>
  /** Uploads through the server's artifact proxy; reports (does not throw) when the store is elsewhere. */
  uploadArtifact(input: {
    artifactUri: string
    path: string
    bytes: Uint8Array
  }): Promise<ArtifactUploadResult>
  /** Creates the registered model; `created: false` when it already existed. */
  createRegisteredModel(name: string): Promise<{ created: boolean }>
  createModelVersion(input: { name: string; source: string; runId?: string }): Promise<MlflowModelVersion>
  setAlias(input: { name: string; alias: string; version: string }): Promise<void>
  /** The version an alias points at, or `null` when the alias (or the model) does not exist. */
  getVersionByAlias(input: { name: string; alias: string }): Promise<MlflowModelVersion | null>
  deleteAlias(input: { name: string; alias: string }): Promise<void>
}
