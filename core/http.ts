import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { matchedRoutes } from 'hono/route'
import { mountDocs } from './docs-page.ts'
import { describeCode, type ErrorCode, isErrorCode } from './error-catalogue.ts'
import { mountErrorDocs } from './error-docs.ts'
import { describeError, hasCode, KernelError } from './errors.ts'
import { createSecurityHeadersByPath } from './guards/security-headers.ts'
import type { Logger } from './log.ts'
import type { Metrics } from './metrics.ts'
import type { HtmlErrorRenderer, HttpRegistrar } from './plugin.ts'
import { HttpProblem, type Problem, sendCodedProblem, sendProblem } from './problem.ts'

type HookResult = {
  success: boolean
  target?: string
  error?: { issues: { path: PropertyKey[]; message: string; code?: string; keys?: string[] }[] }
}

/**
 * The one validation hook every router shares: zod failures become a 400 problem naming each
 * field as `<part>.<path>` (e.g. `query.attacking`, `body.moves_a.2`). A JSON or form body is
 * `body`, the name handlers use too (it was `json.…` here and `body.…` there).
 */
export function validationHook(result: HookResult, c: Context): Response | undefined {
  if (result.success || !result.error) return undefined
  const part = result.target === 'json' || result.target === 'form' ? 'body' : (result.target ?? 'request')
  const errors = result.error.issues.flatMap((issue) => {
    const path = [part, ...issue.path.map(String)]
    // zod reports unknown keys on the object that holds them; name each key, not just its parent.
    const keys = issue.code === 'unrecognized_keys' ? (issue.keys ?? []) : []
    return keys.length === 0
      ? [{ field: path.join('.'), message: issue.message }]
      : keys.map((key) => ({ field: [...path, key].join('.'), message: 'unknown field' }))
  })
  return sendProblem(c, 400, {
    code: 'VALIDATION_FAILED',
    detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    errors,
  })
}

/**
 * Hono's body validator and @hono/zod-openapi throw a bare HTTPException for a body that is not
 * JSON (400) or not sent as JSON (415), before the validation hook runs; name the request part
 * here so those answers have the same shape as every other 400.
 */
function bodyProblem(error: HTTPException): { code?: ErrorCode; errors?: Problem['errors'] } {
  if (error.status === 415) {
    return {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      errors: [{ field: 'header.content-type', message: 'send the body as application/json' }],
    }
  }
  if (error.status === 400 && error.message.startsWith('Malformed JSON')) {
    return { code: 'JSON_MALFORMED', errors: [{ field: 'body', message: 'the body is not valid JSON' }] }
  }
  return {}
}

const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/**
 * The methods some route (not a middleware) answers at `path`, for a 405's `Allow` header; HEAD
 * comes with GET (Hono answers it from the GET route).
 */
function allowedMethods(app: OpenAPIHono, path: string): string[] {
  const allowed = ROUTE_METHODS.filter((method) => {
    const [matches] = app.router.match(method, path) as unknown as [
      [[unknown, { method: string }], unknown][],
    ]
    return matches.some(([[, route]]) => route.method === method)
  })
  return allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed
}

/** The route template that answered (never the raw path: bounded label cardinality). */
export function routeTemplate(c: Context): string {
  const routes = matchedRoutes(c).filter((r) => r.method !== 'ALL')
  return routes.length > 0 ? routes[routes.length - 1]!.path : '(unmatched)'
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])

/** The `method` label: the standard methods, anything else (PURGE, PROPFIND…) as OTHER, so clients cannot add series. */
export function methodLabel(method: string): string {
  return METHODS.has(method) ? method : 'OTHER'
}

/** JSON (problem+json) under `/api` and the kernel's own endpoints; HTML for the web app. */
function wantsJson(path: string): boolean {
  return (
    path.startsWith('/api/') ||
    path === '/api' ||
    ['/healthz', '/readyz', '/metrics', '/openapi.json'].includes(path)
  )
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** A small HTML error fragment for the web app (htmx swaps it in; a browser shows it as a page). */
function htmlError(c: Context, status: number, message: string): Response {
  const text = message.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!)
  return c.html(`<p class="error" role="alert">${text}</p>`, status as 400)
}

type RenderedProblem = { status: number; code?: ErrorCode; detail?: string; errors?: Problem['errors'] }

/**
 * Maps any error to its problem by code: a catalogued code (on an `HttpProblem`, a `KernelError`
 * or any error carrying `code`, found anywhere in the `cause` chain) answers with the catalogue's
 * status, so a domain error never becomes a 500; only an uncoded error is `INTERNAL` (500), and
 * its message is not shown (it may hold internals).
 */
function toProblem(error: unknown, requestId: string): RenderedProblem {
  if (error instanceof HttpProblem)
    return {
      status: error.status,
      code: error.code,
      detail: error.message,
      ...(error.errors ? { errors: error.errors } : {}),
    }
  if (error instanceof HTTPException) {
    const body = bodyProblem(error)
    return { status: error.status, ...(error.message ? { detail: error.message } : {}), ...body }
  }
  const coded = codedCause(error)
  if (coded !== undefined && coded.code !== 'INTERNAL') {
    return { status: describeCode(coded.code).status, code: coded.code, detail: publicDetail(coded) }
  }
  return {
    status: 500,
    code: 'INTERNAL',
    detail: `unexpected error; quote request id ${requestId} when reporting it`,
  }
}

/** The first error of the `cause` chain whose code is catalogued (a wrapped cause keeps its status). */
function codedCause(error: unknown): (Error & { code: ErrorCode }) | undefined {
  let current: unknown = error
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    if (hasCode(current) && isErrorCode(current.code)) return current as Error & { code: ErrorCode }
    current = current.cause
  }
  return undefined
}

/** Server-side failures say what failed, not how (no driver messages, hosts or paths). */
function publicDetail(error: Error & { code: ErrorCode }): string {
  const { status, title } = describeCode(error.code)
  return status >= 500 ? title : error.message
}

export interface HttpCore {
  readonly app: OpenAPIHono
  readonly registrar: (plugin: string) => HttpRegistrar
  freeze(): void
}

/**
 * Builds the root app: request ids, access log, RED metrics by route template, problem+json
 * errors, 404s, `/metrics`, `/openapi.json` and the offline docs page. Plugins add routers
 * through `ctx.http` during setup only.
 *
 * @example
 * const http = createHttp({ log, metrics, title: 'PredictionDex' })
 * http.registrar('api').mount('/api/v1', router)
 */
export function createHttp(options: { log: Logger; metrics: Metrics; version: string }): HttpCore {
  const { log, metrics } = options
  const app = new OpenAPIHono({ defaultHook: validationHook as never })
  const requests = metrics.counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'],
  })
  const duration = metrics.histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  })
  let frozen = false
  let htmlErrors: HtmlErrorRenderer | undefined

  app.use('*', createSecurityHeadersByPath(wantsJson))
  app.use('*', requestId())
  app.use('*', async (c, next) => {
    const start = performance.now()
    await next()
    const seconds = (performance.now() - start) / 1000
    const labels = {
      method: methodLabel(c.req.method),
      route: routeTemplate(c),
      status: String(c.res.status),
    }
    requests.inc(labels)
    duration.observe(labels, seconds)
    log.info('request', { ...labels, ms: Math.round(seconds * 10_000) / 10, requestId: c.get('requestId') })
  })

  app.onError((error, c) => {
    const problem = toProblem(error, c.get('requestId'))
    if (problem.status >= 500 && problem.code !== undefined && describeCode(problem.code).status >= 500) {
      log.error(problem.code === 'INTERNAL' ? 'unhandled error' : 'request failed', {
        requestId: c.get('requestId'),
        error: describeError(error),
        code: hasCode(error) ? error.code : undefined,
        stack: problem.code === 'INTERNAL' && error instanceof Error ? error.stack : undefined,
      })
    }
    if (problem.status === 503 && !c.res.headers.has('retry-after')) c.header('Retry-After', '5')
    if (!wantsJson(c.req.path)) {
      const message =
        problem.code === 'INTERNAL'
          ? `Erreur inattendue (requête ${c.get('requestId')})`
          : (problem.detail ?? describeCode(problem.code ?? 'INTERNAL').title)
      return htmlErrors
        ? htmlErrors(c, problem.status, problem.status >= 500 ? undefined : message)
        : htmlError(c, problem.status, message)
    }
    return sendProblem(c, problem.status, problem)
  })
  app.notFound((c) => {
    const html = htmlErrors && !wantsJson(c.req.path) ? htmlErrors : undefined
    const allowed = allowedMethods(app, c.req.path)
    if (allowed.length > 0 && !allowed.includes(c.req.method)) {
      c.header('Allow', allowed.join(', '))
      const detail = `${c.req.path} answers ${allowed.join(', ')}`
      return html ? html(c, 405, detail) : sendCodedProblem(c, 'METHOD_NOT_ALLOWED', detail)
    }
    return html
      ? html(c, 404, undefined)
      : sendProblem(c, 404, { code: 'ROUTE_NOT_FOUND', detail: `no route for ${c.req.method} ${c.req.path}` })
  })

  app.get('/metrics', async (c) =>
    c.body(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  )
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'PredictionDex API',
      version: options.version,
      description: "Pokédex data and battle predictions for Pokémon Let's Go Pikachu/Eevee.",
    },
  })
  mountDocs(app)
  mountErrorDocs(app)

  return {
    app,
    registrar: (plugin) => ({
      router: () => new OpenAPIHono({ defaultHook: validationHook as never }),
      mount(prefix, router) {
        if (frozen) throw new KernelError('KERNEL_FROZEN', `route ${prefix} mounted after setup`, { plugin })
        app.route(prefix, router)
      },
      htmlErrors(render) {
        if (frozen) throw new KernelError('KERNEL_FROZEN', 'HTML error renderer set after setup', { plugin })
        if (htmlErrors) throw new KernelError('KERNEL_DUPLICATE', 'HTML error renderer set twice', { plugin })
        htmlErrors = render
      },
    }),
    freeze() {
      frozen = true
    },
  }
}
