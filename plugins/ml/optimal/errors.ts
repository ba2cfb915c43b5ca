import { KernelError } from '../../../core/errors.ts'

/**
 * Which budget an optimal-play solve ran into. Each is a limit on the work, checked before the work
 * is done (or as it grows), so that a request that would take too long is refused, never left to hang:
 * - `OPTIMAL_STATE_LIMIT`: discrete states explored (statuses, stages, PP, effects);
 * - `OPTIMAL_CELL_LIMIT`: states × HP cells, the memory of the value tables;
 * - `OPTIMAL_TIME_LIMIT`: wall time of the solve.
 */
export type OptimalLimitCode = 'OPTIMAL_STATE_LIMIT' | 'OPTIMAL_CELL_LIMIT' | 'OPTIMAL_TIME_LIMIT'

/**
 * A solve refused because it exceeds a budget; `limit` is the budget's value. The API answers 422
 * with the code, so the client knows which limit (and that asking again will not help).
 *
 * @example throw new OptimalLimitError('OPTIMAL_STATE_LIMIT', 'more than 20000 states', { limit: 20000 })
 */
export class OptimalLimitError extends KernelError {
  readonly limit: number
  constructor(code: OptimalLimitCode, message: string, options: { limit: number }) {
    super(code, message, { plugin: 'ml' })
    this.name = 'OptimalLimitError'
    this.limit = options.limit
  }
}

/**
 * Throws `OPTIMAL_TIME_LIMIT` once `performance.now()` is past `deadline`: the check a long sweep
 * makes between pieces of work (a row's stretch, a wait for the other thread).
 */
export function checkDeadline(options: { readonly deadline: number; readonly timeLimitMs: number }): void {
  if (performance.now() <= options.deadline) return
  throw new OptimalLimitError('OPTIMAL_TIME_LIMIT', `the solve took longer than ${options.timeLimitMs} ms`, {
    limit: options.timeLimitMs,
  })
}
