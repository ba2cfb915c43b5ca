import type { Kernel } from './kernel.ts'
import { problemBody } from './problem.ts'

/** A running HTTP server that can be drained before the kernel stops. */
export interface KernelServer {
  readonly server: ReturnType<typeof Bun.serve>
  /** Requests being handled right now. */
  inFlight(): number
  /**
   * Graceful shutdown, step one: stop accepting (new requests get 503 `SHUTTING_DOWN` with
   * `Connection: close`), wait for in-flight requests up to `timeoutMs`, then close every
   * connection. Resolves with how many requests were still running when time ran out (0 = drained).
   * Idempotent.
   */
  drain(timeoutMs: number): Promise<number>
}

/** How long a draining server keeps answering after its last in-flight request (see `drain`). */
const LINGER_MS = 250

const SHUTTING_DOWN = JSON.stringify(
  problemBody(503, {
    code: 'SHUTTING_DOWN',
    detail: 'the server is shutting down; retry on another instance',
  }),
)

/** Bun's own `error` callback: only reached when our app itself fails; never Bun's developer page. */
function lastResortError(): Response {
  return new Response(JSON.stringify(problemBody(500, { code: 'INTERNAL', detail: 'unexpected error' })), {
    status: 500,
    headers: { 'content-type': 'application/problem+json' },
  })
}

/**
 * Serves a kernel's app with Bun.serve and counts in-flight requests, so SIGTERM can drain them
 * before workers and the database stop (without this, every request in flight at SIGTERM was
 * reset: issue 13, #6). `development: false` always: Bun's development error page shows source
 * and the working directory (issue 13, #4).
 *
 * @example
 * const http = serveKernel(kernel, { port: 8080, hostname: '127.0.0.1' })
 * process.on('SIGTERM', async () => { await http.drain(10_000); await kernel.stop() })
 */
export function serveKernel(kernel: Kernel, options: { port: number; hostname: string }): KernelServer {
  let inFlight = 0
  let draining: Promise<number> | undefined
  let idle: (() => void) | undefined
  const server = Bun.serve({
    port: options.port,
    hostname: options.hostname,
    development: false,
    error: lastResortError,
    async fetch(request, srv) {
      if (draining) {
        return new Response(SHUTTING_DOWN, {
          status: 503,
          headers: { 'content-type': 'application/problem+json', connection: 'close', 'retry-after': '1' },
        })
      }
      inFlight++
      try {
        const response = await kernel.app.fetch(request, srv)
        // Answered during a drain: ask the client to close, so it sends nothing more on this connection.
        if (draining) response.headers.set('connection', 'close')
        return response
      } finally {
        inFlight--
        if (inFlight === 0) idle?.()
      }
    },
  })
  return {
    server,
    inFlight: () => inFlight,
    drain(timeoutMs) {
      draining ??= (async () => {
        // Keep reading while in-flight requests finish: anything new gets 503 SHUTTING_DOWN with
        // `Connection: close`, and answers given now carry `Connection: close` too. Closing the
        // listener or idle connections first would reset requests already sent on keep-alive
        // connections but not yet read (they were resets, not answers).
        let timer: ReturnType<typeof setTimeout> | undefined
        const deadline = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs)
        })
        const allAnswered = new Promise<void>((resolve) => {
          idle = resolve
          if (inFlight === 0) resolve()
        })
        await Promise.race([allAnswered, deadline])
        // Linger briefly, still answering, so requests in transit when the last one finished are
        // read and refused cleanly, then let every connection close.
        await Promise.race([Bun.sleep(LINGER_MS), deadline])
        clearTimeout(timer)
        const left = inFlight
        await Promise.race([server.stop(false), Bun.sleep(LINGER_MS)])
        void server.stop(true)
        return left
      })()
      return draining
    },
  }
}
