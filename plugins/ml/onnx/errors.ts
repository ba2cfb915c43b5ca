import { KernelError } from '../../../core/errors.ts'

/** Failure codes of ONNX export and inference. */
export type OnnxErrorCode = 'ONNX_INVALID_MODEL' | 'ONNX_FEATURE_COUNT_MISMATCH' | 'ONNX_RUNTIME_FAILED'

/**
 * A coded error from the ONNX export/runner (plugin `ml`); the runtime's own error is the `cause`.
 *
 * @example
 * throw new OnnxError('ONNX_INVALID_MODEL', 'not an ONNX model: truncated protobuf', { cause })
 */
export class OnnxError extends KernelError {
  declare readonly code: OnnxErrorCode

  constructor(code: OnnxErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { plugin: 'ml', ...options })
    this.name = 'OnnxError'
  }
}
