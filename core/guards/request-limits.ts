import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Logger } from '../log.ts'
import { sendCodedProblem, sendProblem } from '../problem.ts'

/**
 * Refuses bodies above `maxBytes` with a 413 problem (`BODY_TOO_LARGE`).
 *
 * Why: JSON parsing and validation cost memory and CPU in proportion to the body; a cap keeps one
 * client from tying up the process. Hono's `bodyLimit` answers from `Content-Length` without
 * reading, and counts a chunked or length-less body while it reads it, stopping at the first byte
 * too many. Under Bun.serve a body can never exceed its declared Content-Length (HTTP framing).
 *
 * @example
 * router.use('/predict/*', createBodyLimit(64 * 1024))
 */
export function createBodyLimit(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      sendProblem(c, 413, { code: 'BODY_TOO_LARGE', detail: `the request body exceeds ${maxBytes} bytes` }),
  })
}

/**
 * Answers 503 `TIMEOUT` when the rest of the chain takes longer than `ms`.
 *
 * Why our own (10 lines) rather than `hono/timeout`: that one throws, so the answer's shape
 * depends on whichever `onError` is installed (plain text without one); this returns the problem
 * itself. Either way the slow handler is not cancelled (JavaScript cannot), it is only no longer
 * awaited; its late result or error is dropped.
 *
 * @example
 * router.use('/predict/*', createTimeout(10_000, log))
 */
export function createTimeout(ms: number, log: Logger): MiddlewareHandler {
  return async function timeout(c, next) {
    let timer: ReturnType<typeof setTimeout> | undefined
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), ms)
    })
    try {
      const outcome = await Promise.race([next().then(() => 'done' as const), expired])
      if (outcome === 'done') return
    } finally {
      clearTimeout(timer)
    }
    log.warn('request timed out', { method: c.req.method, path: c.req.path, ms })
    return sendProblem(c, 503, { code: 'TIMEOUT', detail: `the request took longer than ${ms} ms` })
  }
}

/**
 * Answers 408 `REQUEST_TIMEOUT` when a request's body has not fully arrived within `ms`; otherwise
 * the body is read here (Hono caches it for the validators and handlers after).
 *
 * Why: a client that sends headers then stalls (slowloris) used to hold the request until the
 * handler's own timeout, then get 503 — wrong, since the server was fine and the client was slow.
 * Place it after authentication and the body limit, so a stranger's body is still never read.
 *
 * @example
 * router.use('/predict/*', requireApiKey, createBodyLimit(65536), createBodyDeadline(5000))
 */
export function createBodyDeadline(ms: number): MiddlewareHandler {
  return async function bodyDeadline(c, next) {
    if (c.req.raw.body === null) return next()
    let timer: ReturnType<typeof setTimeout> | undefined
    const expired = new Promise<'expired'>((resolve) => {
      timer = setTimeout(() => resolve('expired'), ms)
    })
    const read = c.req.arrayBuffer().then(
      () => 'read' as const,
      (error: unknown) => ({ error }),
    )
    const outcome = await Promise.race([read, expired])
    clearTimeout(timer)
    if (outcome === 'expired') {
      c.header('Connection', 'close')
      return sendCodedProblem(c, 'REQUEST_TIMEOUT', `the request body did not arrive within ${ms} ms`)
    }
    // A read error (the body limit's 413, a reset) is the next middleware's to report.
    return next()
  }
}
