import { describeError, hasCode, UsageError } from './errors.ts'
import type { Kernel } from './kernel.ts'
import type { KernelServer } from './server.ts'

/** Exit statuses shared by every command: 0 ok, 1 failure, 2 usage error. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const

/**
 * Runs a command's body with the process-level concerns in one place: SIGINT/SIGTERM stop the
 * kernel cleanly (only this file touches signals), errors become a readable message on stderr and
 * the right exit status, and the kernel is always stopped.
 *
 * Graceful shutdown, in this order: the HTTP server stops accepting and drains in-flight requests
 * (bounded by SHUTDOWN_TIMEOUT_MS), then the kernel stops (workers, then the database), then the
 * process exits. A second signal exits at once.
 *
 * @example
 * await runMain(async (track, { serving }) => { const kernel = track(await bootRole('api', env)); serving(listen(kernel)) })
 */
export async function runMain(
  body: (
    track: (kernel: Kernel) => Kernel,
    scope: { serving(server: KernelServer): void },
  ) => Promise<number | void>,
): Promise<never> {
  let kernel: Kernel | undefined
  let server: KernelServer | undefined
  const track = (k: Kernel) => {
    kernel = k
    return k
  }
  let signalled = false
  const onSignal = (signal: string) => {
    if (signalled) process.exit(EXIT.failure)
    signalled = true
    process.stderr.write(`\n${signal} received, stopping…\n`)
    void (async () => {
      if (server) {
        const budget = kernel?.config.shutdownTimeoutMs ?? 15_000
        const left = await server.drain(budget)
        if (left > 0)
          process.stderr.write(`${left} request(s) still running after ${budget} ms; stopping anyway\n`)
      }
      await kernel?.stop()
      process.exit(EXIT.ok)
    })()
  }
  process.on('SIGINT', () => onSignal('SIGINT'))
  process.on('SIGTERM', () => onSignal('SIGTERM'))
  let status: number
  try {
    status =
      (await body(track, {
        serving: (s) => {
          server = s
        },
      })) ?? EXIT.ok
  } catch (error) {
    const usage = error instanceof UsageError || (hasCode(error) && error.code === 'CONFIG_INVALID')
    process.stderr.write(`${usage ? 'usage error' : 'error'}: ${describeError(error)}\n`)
    status = usage ? EXIT.usage : EXIT.failure
  }
  await kernel?.stop()
  process.exit(status)
}
