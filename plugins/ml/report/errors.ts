import { KernelError } from '../../../core/errors.ts'

/** Failure codes of the charts and the evaluation report; callers branch on these. */
export type ReportErrorCode = 'REPORT_INVALID_INPUT' | 'REPORT_ROC_UNDEFINED'

/**
 * A coded error from the report renderer (plugin `ml`).
 *
 * Why a subclass: the kernel's handler already understands `KernelError`; the narrow `code` union
 * documents exactly which failures a chart or the report can raise.
 *
 * @example
 * throw new ReportError('REPORT_INVALID_INPUT', 'bar chart item 3: value NaN is not finite')
 */
export class ReportError extends KernelError {
  declare readonly code: ReportErrorCode

  constructor(code: ReportErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { plugin: 'ml', ...options })
    this.name = 'ReportError'
  }
}
