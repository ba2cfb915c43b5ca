/**
 * MLflow tracking and registry over REST (the in-process fake for tests is in testing/ml/).
 * Internal to the `ml` plugin.
 */
export { MLFLOW_BATCH_LIMITS } from './batch.ts'
export { isMlflowError, type MlflowClientErrorCode, MlflowError } from './errors.ts'
export {
  type LogRunInput,
  type LogRunResult,
  logRun,
  type RegisterModelVersionInput,
  registerModelVersion,
} from './log-run.ts'
export { createMlflowClient } from './mlflow-client.ts'
export type { MlflowLog, RetryOptions } from './transport.ts'
export type {
  ArtifactUploadResult,
  LogBatchInput,
  MetricInput,
  MlflowClient,
  MlflowClientOptions,
  MlflowExperiment,
  MlflowModelVersion,
  MlflowRun,
  ParamValue,
  RunStatus,
} from './types.ts'
