/**
 * Errors of the load benchmark, with a stable `code` so the CLI can tell "the server is not
 * ready" (tell the user what to run) from "the generator was misused" (a bug in the caller).
 *
 * @example
 * throw new BenchError('BENCH_NOT_LOOPBACK', 'load is only sent to 127.0.0.1')
 */
export class BenchError extends Error {
  readonly code: string

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'BenchError'
    this.code = code
  }
}
