import type { MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/** What a response is, for its security headers. */
export type ResponseKind = 'api' | 'page' | 'docs'

/**
 * Content-Security-Policy per kind of response.
 * - `api` (JSON, problem+json, /metrics): a response opened as a page can load nothing.
 * - `page` (the htmx web app): scripts, styles, images and fonts from this origin only — htmx is
 *   served locally with `includeIndicatorStyles: false`, no inline script, style or handler,
 *   sprites are local; the web app's browser suite proves every journey works under exactly this
 *   policy (testing/ui/browser.ts `STRICT_CSP`); forms post only here.
 * - `docs` (Swagger UI from node_modules): its bundle and init script from this origin, its inline
 *   styles, data: images.
 * Every kind: framing forbidden (clickjacking), `base-uri` and `object-src` closed.
 */
const POLICIES: Record<ResponseKind, Record<string, string[]>> = {
  api: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  page: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  docs: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
    objectSrc: ["'none'"],
  },
}

/**
 * Security response headers for one kind of response.
 *
 * Why each: `nosniff` stops a browser from running a JSON answer as script or HTML; the CSP above
 * (plus `X-Frame-Options: DENY` for old browsers) limits what a page may load and forbids framing;
 * `Referrer-Policy: no-referrer` keeps URLs from leaking; `Cross-Origin-Resource-Policy:
 * same-origin` stops other sites embedding answers through no-cors loads (CORS fetches are governed
 * by the API's allow-list); `X-Powered-By` is removed. Hono's other defaults (HSTS, COOP…) are kept.
 *
 * @example
 * router.use('*', createSecurityHeaders('api'))
 */
export function createSecurityHeaders(kind: ResponseKind = 'api'): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: POLICIES[kind],
    xFrameOptions: 'DENY',
    xContentTypeOptions: 'nosniff',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
    removePoweredBy: true,
  })
}

/**
 * The kernel's headers for every response, chosen by path: the docs page, the JSON endpoints
 * (`/api`, `/healthz`, `/readyz`, `/metrics`, `/openapi.json`), and web-app pages for the rest.
 */
export function createSecurityHeadersByPath(isJsonPath: (path: string) => boolean): MiddlewareHandler {
  const byKind = {
    api: createSecurityHeaders('api'),
    page: createSecurityHeaders('page'),
    docs: createSecurityHeaders('docs'),
  }
  return (c, next) => {
    const path = c.req.path
    const kind: ResponseKind =
      path === '/docs' || path.startsWith('/docs/') ? 'docs' : isJsonPath(path) ? 'api' : 'page'
    return byKind[kind](c, next)
  }
}
