import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Logger } from '../../../core/log.ts'
import { sendProblem } from '../../../core/problem.ts'

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
