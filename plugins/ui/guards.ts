import type { MiddlewareHandler } from 'hono'
import { clientAddress, clientBucketId } from '../../core/guards/client-ip.ts'
import { createRateLimit, createTokenBuckets } from '../../core/guards/rate-limit.ts'
import { createBodyDeadline, createBodyLimit } from '../../core/guards/request-limits.ts'
import type { Metrics } from '../../core/metrics.ts'
import { HttpProblem } from '../../core/problem.ts'
import type { UiConfig } from './config.ts'

/**
 * A form body must parse: malformed multipart or urlencoded data is a 400 `FORM_MALFORMED` here,
 * before a page handler's `parseBody` throws it as a 500 (issue 13, #5). The body was already read
 * (and capped) by the guards before; this parses a copy, leaving Hono's cache to the handler.
 */
const wellFormedForm: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type') ?? ''
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)) return next()
  try {
    const copy = new Request(c.req.url, {
      method: 'POST',
      headers: { 'content-type': type },
      body: await c.req.arrayBuffer(),
    })
    await copy.formData()
  } catch {
    // Thrown, so the kernel renders it as the web app's own error page.
    throw new HttpProblem('FORM_MALFORMED', 'the form body could not be parsed', [
      { field: 'body', message: 'send application/x-www-form-urlencoded or well-formed multipart/form-data' },
    ])
  }
  return next()
}

/**
 * The web app's guards: a rate limit per client IP (429) for the pages that cost CPU (predictions,
 * quiz answers), and for form posts a body limit (413), a body deadline (408) and a well-formed
 * form (400); a GET passes the body guards untouched. The same building blocks as the API's.
 * Security headers come from the kernel for every page (CSP under which htmx works).
 *
 * @example
 * const guards = createFormGuards(config, { metrics, bodyTimeoutMs: 5000 })
 * app.use('/quiz/answer', guards.rateLimit, ...guards.body)
 */
export function createFormGuards(
  config: UiConfig,
  deps: { metrics: Metrics; bodyTimeoutMs: number; now?: () => number },
): { rateLimit: MiddlewareHandler; body: MiddlewareHandler[] } {
  const limited = deps.metrics.counter({
    name: 'predictiondex_ui_rate_limited_total',
    help: 'Web-app requests refused with 429',
  })
  limited.inc(0)
  const rateLimit = createRateLimit({
    buckets: createTokenBuckets({
      perMinute: config.rateLimitPerMinute,
      maxClients: 10_000,
      now: deps.now ?? Date.now,
    }),
    identify: (c) => ({ scope: 'ip', id: clientBucketId(clientAddress(c, config.trustProxy)) }),
    onLimited: () => limited.inc(),
  })
  const body = [
    createBodyLimit(config.bodyLimitBytes),
    createBodyDeadline(deps.bodyTimeoutMs),
    wellFormedForm,
  ]
  const postsOnly =
    (guard: MiddlewareHandler): MiddlewareHandler =>
    (c, next) =>
      c.req.method === 'POST' ? guard(c, next) : next()
  return { rateLimit, body: body.map(postsOnly) }
}
