import { KernelError } from '../../../core/errors.ts'

/** Every failure code the GBDT trainer, model and metrics can raise; callers branch on these. */
export type GbdtErrorCode =
  | 'GBDT_EMPTY_DATASET'
  | 'GBDT_SHAPE_MISMATCH'
  | 'GBDT_NON_FINITE_FEATURE'
  | 'GBDT_INVALID_LABEL'
  | 'GBDT_SINGLE_CLASS'
  | 'GBDT_FEATURE_COUNT_MISMATCH'
  | 'GBDT_INVALID_PARAMS'
  | 'GBDT_INVALID_MODEL'
  | 'GBDT_INVALID_PREDICTION'
  | 'GBDT_METRIC_UNDEFINED'
  | 'GBDT_THREAD_FAILED'

/**
 * A coded error from the gradient-boosted tree library (plugin `ml`).
 *
 * Why a subclass: the kernel's error handler already understands `KernelError` (code + plugin +
 * cause); the narrower `code` type documents exactly which failures this module can produce.
 *
 * @example
 * throw new GbdtError('GBDT_EMPTY_DATASET', 'training set has no rows')
 */
export class GbdtError extends KernelError {
  declare readonly code: GbdtErrorCode

  constructor(code: GbdtErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { plugin: 'ml', ...options })
    this.name = 'GbdtError'
  }
}
