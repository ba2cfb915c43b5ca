import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/**
 * Response headers for a JSON-only API.
 *
 * Why each: `nosniff` stops a browser from running a JSON answer as script or HTML; a CSP of
 * `default-src 'none'; frame-ancestors 'none'` (plus `X-Frame-Options: DENY` for old browsers)
 * means a response opened as a page can load nothing and be framed nowhere (no clickjacking);
 * `Referrer-Policy: no-referrer` keeps URLs from leaking; `Cross-Origin-Resource-Policy:
 * same-origin` stops other sites embedding answers through no-cors loads (it does not affect CORS
 * fetches, which the allow-list governs); `X-Powered-By` is removed so we advertise nothing.
 * Hono's other defaults (HSTS, COOP, X-DNS-Prefetch-Control…) are kept: harmless for JSON.
 *
 * Apply it to the JSON API only: this CSP would break HTML pages and the Swagger UI.
 *
 * @example
 * router.use('*', createSecurityHeaders())
 */
export function createSecurityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
    removePoweredBy: true,
  })
}
