import type { MiddlewareHandler } from 'hono'
import { cors } from 'hono/cors'
import { API_KEY_HEADER } from './api-keys.ts'
import { ApiSecurityError } from './errors.ts'

/** Response headers a browser script may read: the rate-limit state and the id to quote in reports. */
const EXPOSED_HEADERS = [
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  'X-Request-Id',
]

/**
 * CORS from an allow-list of exact origins.
 *
 * Why: without CORS headers a browser keeps other sites' scripts from reading our answers; each
 * listed origin is a deliberate exception. An empty list adds no header at all (same-origin
 * only); `*` is refused unless `allowAny` says it is meant. No credentials: the API uses a
 * header key, never cookies, so a foreign page can never ride on a user's session.
 *
 * @throws ApiSecurityError `CORS_WILDCARD_REFUSED` for `*` without `allowAny`.
 * @example
 * app.use('/api/*', createCors({ origins: ['https://dex.example'], allowAny: false }))
 */
export function createCors(options: { origins: readonly string[]; allowAny: boolean }): MiddlewareHandler {
  const { origins, allowAny } = options
  const wildcard = origins.includes('*')
  if (wildcard && !allowAny) {
    throw new ApiSecurityError(
      'CORS_WILDCARD_REFUSED',
      'API_CORS_ORIGINS=* would let any web site call the API; list the origins, or also set API_CORS_ALLOW_ANY=true',
    )
  }
  if (origins.length === 0) {
    return async function noCors(_c, next) {
      await next()
    }
  }
  return cors({
    origin: wildcard ? '*' : [...origins],
    allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
    allowHeaders: ['Content-Type', API_KEY_HEADER],
    exposeHeaders: EXPOSED_HEADERS,
    maxAge: 600,
    credentials: false,
  })
}
