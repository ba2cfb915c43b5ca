import { KernelError } from '../../../core/errors.ts'

/**
 * Codes the client raises itself. Every other `code` on an `MlflowError` is MLflow's own
 * `error_code` (`RESOURCE_DOES_NOT_EXIST`, `INVALID_PARAMETER_VALUE`, `RESOURCE_ALREADY_EXISTS`, …),
 * passed through untouched so callers can branch on what the server said.
 */
export type MlflowClientErrorCode =
  | 'MLFLOW_UNREACHABLE'
  | 'MLFLOW_TIMEOUT'
  | 'MLFLOW_HOST_REJECTED'
  | 'MLFLOW_ARTIFACTS_DISABLED'
  | 'MLFLOW_HTTP_ERROR'
  | 'MLFLOW_BAD_RESPONSE'
  | 'MLFLOW_INVALID_INPUT'
  | 'MLFLOW_BAD_TRACKING_URI'
  | 'MLFLOW_EXPERIMENT_DELETED'

/**
 * A failed MLflow call: the code (MLflow's `error_code` or one of ours), the HTTP status when the
 * server answered, and the endpoint, so a log line says exactly which call failed and why.
 *
 * Why a `KernelError`: the kernel's CLI and error handler already render code + plugin + cause.
 *
 * @example
 * throw new MlflowError('RESOURCE_DOES_NOT_EXIST', 'No run with id abc', { status: 404, endpoint: 'POST mlflow/runs/update' })
 */
export class MlflowError extends KernelError {
  readonly status: number | undefined
  readonly endpoint: string
  /** MLflow's own `error_code` (`RESOURCE_DOES_NOT_EXIST`…) when the server sent one; `code` is then `MLFLOW_SERVER_ERROR`. */
  readonly serverCode: string | undefined

  constructor(
    code: MlflowClientErrorCode | 'MLFLOW_SERVER_ERROR',
    message: string,
    options: { status?: number; endpoint: string; cause?: unknown; serverCode?: string },
  ) {
    super(code, message, { plugin: 'ml', cause: options.cause })
    this.name = 'MlflowError'
    this.status = options.status
    this.endpoint = options.endpoint
    this.serverCode = options.serverCode
  }
}

/**
 * True when `error` is an `MlflowError`, optionally with one of the given codes.
 *
 * @example
 * if (isMlflowError(error, 'RESOURCE_ALREADY_EXISTS')) return
 */
export function isMlflowError(error: unknown, ...codes: string[]): error is MlflowError {
  return (
    error instanceof MlflowError &&
    (codes.length === 0 ||
      codes.includes(error.code) ||
      (error.serverCode !== undefined && codes.includes(error.serverCode)))
  )
}
