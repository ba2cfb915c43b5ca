import { type ErrorCode, KernelError } from '../../../core/errors.ts'
/**
 * A refused security configuration (plaintext key, CORS wildcard without opt-in, …).
 *
 * Why its own class: boot code and tests branch on `code`, and the message never repeats the
 * offending value, because that value may be a secret someone pasted in the wrong place.
 *
 * @example
 * throw new ApiSecurityError('API_KEY_PLAINTEXT', 'API_KEYS entry #2 is not a sha256:<hex> hash')
 */
export class ApiSecurityError extends KernelError {
  constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { plugin: 'api', ...options })
    this.name = 'ApiSecurityError'
  }
}
