import type { ErrorCode } from './error-catalogue.ts'

export type { ErrorCode } from './error-catalogue.ts'

/**
 * Coded errors for the kernel and every plugin.
 *
 * Why codes: callers (the CLI, the HTTP error handler, tests) branch on a stable `code`, never on
 * message text, and the plugin that failed is named so a boot failure in a 4-plugin role is
 * obvious. The original error is kept as `cause` so nothing is lost when an error is wrapped.
 * Codes come from the one catalogue (`error-catalogue.ts`), which also gives their HTTP status.
 *
 * @example
 * throw new KernelError('KERNEL_SERVICE_MISSING', "api requires ml.predictor; nothing in role 'api' provides it", { plugin: 'api' })
 */
export class KernelError extends Error {
  readonly code: ErrorCode
  readonly plugin: string | undefined

  constructor(code: ErrorCode, message: string, options: { plugin?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'KernelError'
    this.code = code
    this.plugin = options.plugin
  }
}

/**
 * Bad input from a user (bad CLI arguments, an unknown stage, an unknown Pokémon, a move it cannot
 * learn): the CLI exits with status 2 and prints the message; nothing was changed.
 *
 * @example
 * throw new UsageError('STAGE_UNKNOWN', 'unknown stage "etl:lod"')
 */
export class UsageError extends KernelError {
  constructor(code: ErrorCode, message: string, options: { plugin?: string; cause?: unknown } = {}) {
    super(code, message, options)
    this.name = 'UsageError'
  }
}

/** True when `error` carries a string `code` (ours or a library's). */
export function hasCode(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string'
}

/**
 * Renders an error and its `cause` chain as one readable line per level, for logs and the CLI.
 *
 * @example
 * describeError(new KernelError('X', 'outer', { cause: new Error('inner') })) // "X: outer\n  caused by: inner"
 */
export function describeError(error: unknown): string {
  const lines: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    const prefix = depth === 0 ? '' : '  caused by: '
    if (current instanceof Error) {
      const code = hasCode(current) ? `${current.code}: ` : ''
      lines.push(prefix + code + current.message)
      current = current.cause
    } else {
      lines.push(prefix + String(current))
      current = undefined
    }
  }
  return lines.join('\n')
}
