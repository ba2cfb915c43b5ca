/**
 * Security for the JSON API (`/api/v1`). Threat model, one line per measure:
 * - Strangers on protected routes: X-API-Key vs SHA-256 hashes, constant time; no keys → 503.
 * - A leaked config or env dump: only hashes are configured; plaintext keys fail boot.
 * - Floods, scraping, key guessing: token buckets per valid key, else per client IP (a wrong key
 *   counts against the IP); X-Forwarded-For is believed only behind a trusted proxy.
 * - Memory exhaustion: bodies capped (413), limiter state capped; slow requests answered 503
 *   (the handler is not cancelled: JavaScript cannot).
 * - Other sites reading responses in a victim's browser: CORS allow-list, never credentials.
 * - Misuse of a response as a page: nosniff, CSP `default-src 'none'`, DENY framing, CORP.
 * Out of scope: TLS (the proxy's) and key rotation (edit API_KEYS, restart).
 */
import type { Context, MiddlewareHandler } from 'hono'
import { clientAddress, clientBucketId } from '../../../core/guards/client-ip.ts'
import { createRateLimit, createTokenBuckets, type RateIdentity } from '../../../core/guards/rate-limit.ts'
import { createBodyDeadline, createBodyLimit, createTimeout } from '../../../core/guards/request-limits.ts'
import { createSecurityHeaders } from '../../../core/guards/security-headers.ts'
import type { Logger } from '../../../core/log.ts'
import type { Metrics } from '../../../core/metrics.ts'
import { API_KEY_HEADER, createApiKeyVerifier, createRequireApiKey } from './api-keys.ts'
import type { ApiSecurityConfig } from './config.ts'
import { createCors } from './cors.ts'

export { API_KEY_HEADER, generateApiKey, hashApiKey } from './api-keys.ts'
export { type ApiSecurityConfig, apiSecurityConfig, KEY_GENERATION_HINT } from './config.ts'
export { ApiSecurityError } from './errors.ts'

/** The middlewares of the JSON API, built once per kernel in the api plugin's setup. */
export interface ApiSecurity {
  /** CORS allow-list (no headers at all when API_CORS_ORIGINS is empty); answers preflights itself. */
  readonly cors: MiddlewareHandler
  /** nosniff, CSP, X-Frame-Options, CORP, Referrer-Policy; JSON routes only. Outermost. */
  readonly securityHeaders: MiddlewareHandler
  /** API_RATE_LIMIT_PER_MINUTE, for reads. */
  readonly rateLimit: MiddlewareHandler
  /** API_PREDICT_RATE_LIMIT_PER_MINUTE, for predictions. */
  readonly predictRateLimit: MiddlewareHandler
  /** 401 / 403 / 503 unless a configured key is sent (or the dev bypass is on). */
  readonly requireApiKey: MiddlewareHandler
  /** `requireApiKey` when API_PUBLIC_READS=false, else a pass-through. */
  readonly requireApiKeyForReads: MiddlewareHandler
  /** 413 above API_BODY_LIMIT_BYTES. */
  readonly bodyLimit: MiddlewareHandler
  /** 503 TIMEOUT after API_REQUEST_TIMEOUT_MS. */
  readonly timeout: MiddlewareHandler
  /** 408 REQUEST_TIMEOUT when the body has not arrived within BODY_TIMEOUT_MS (after bodyLimit). */
  readonly bodyDeadline: MiddlewareHandler
  /** Another limiter with its own buckets (call during setup). */
  createRateLimit(perMinute: number): MiddlewareHandler
  /** Things an operator must see at start (log each at warn level). */
  warnings(): string[]
}

/**
 * Builds every middleware from the parsed `apiSecurityConfig`. Registers two counters:
 * `predictiondex_rate_limited_total{scope="key"|"ip"}` and
 * `predictiondex_api_auth_failures_total{reason="missing"|"invalid"|"not_configured"}`.
 *
 * Wiring order (outermost first): securityHeaders → cors → rate limit → requireApiKey →
 * bodyLimit → timeout → handler. Headers outermost because they only decorate what comes back
 * (preflights included, which cors answers without calling `next`); cors before the rest so even
 * a 401/429 is readable by an allowed page and preflights never need a key or spend a token; the
 * limiter before auth so key guessing is throttled per IP; auth before bodyLimit so a stranger's
 * body is never read.
 *
 * @throws ApiSecurityError `API_KEY_PLAINTEXT` or `CORS_WILDCARD_REFUSED`.
 * @example
 * const security = createApiSecurity(ctx.config, { log: ctx.log, metrics: ctx.metrics })
 * for (const warning of security.warnings()) ctx.log.warn(warning)
 * router.use('*', security.securityHeaders, security.cors)
 * router.use('/pokemon/*', security.rateLimit, security.requireApiKeyForReads)
 * router.use('/predict/*', security.predictRateLimit, security.requireApiKey, security.bodyLimit, security.timeout)
 */
export function createApiSecurity(
  config: ApiSecurityConfig,
  deps: { log: Logger; metrics: Metrics; now?: () => number; bodyTimeoutMs?: number },
): ApiSecurity {
  const { log, metrics } = deps
  const now = deps.now ?? Date.now
  const verifier = createApiKeyVerifier(config.keys)
  const cors = createCors({ origins: config.corsOrigins, allowAny: config.corsAllowAny })

  const limited = metrics.counter({
    name: 'predictiondex_rate_limited_total',
    help: 'Requests refused with 429, by what they were counted against (key or ip)',
    labelNames: ['scope'],
  })
  const authFailures = metrics.counter({
    name: 'predictiondex_api_auth_failures_total',
    help: 'Requests refused by the API key check, by reason (missing, invalid, not_configured)',
    labelNames: ['reason'],
  })
  // Zero-valued series exist from the start, so alerts and rate() see them before the first event.
  for (const scope of ['key', 'ip']) limited.inc({ scope }, 0)
  for (const reason of ['missing', 'invalid', 'not_configured']) authFailures.inc({ reason }, 0)

  // A key counts only once verified: random keys must not buy fresh buckets.
  const identify = (c: Context): RateIdentity => {
    const presented = c.req.header(API_KEY_HEADER)
    const hash = presented ? verifier.match(presented) : undefined
    if (hash) return { scope: 'key', id: hash }
    return { scope: 'ip', id: clientBucketId(clientAddress(c, config.trustProxy)) }
  }

  let lastCapWarning = Number.NEGATIVE_INFINITY
  const makeRateLimit = (perMinute: number) =>
    createRateLimit({
      buckets: createTokenBuckets({
        perMinute,
        maxClients: config.rateLimitMaxClients,
        now,
        onCapReached: () => {
          if (now() - lastCapWarning < 60_000) return
          lastCapWarning = now()
          log.warn('rate limiter full; evicting the least recently seen clients', {
            maxClients: config.rateLimitMaxClients,
          })
        },
      }),
      identify,
      onLimited: (scope) => limited.inc({ scope }),
    })

  const requireApiKey = createRequireApiKey({
    verifier,
    disabled: config.authDisabled,
    onFailure: (reason) => authFailures.inc({ reason }),
  })
  const passThrough: MiddlewareHandler = async (_c, next) => {
    await next()
  }

  return {
    cors,
    securityHeaders: createSecurityHeaders(),
    rateLimit: makeRateLimit(config.rateLimitPerMinute),
    predictRateLimit: makeRateLimit(config.predictRateLimitPerMinute),
    requireApiKey,
    requireApiKeyForReads: config.publicReads ? passThrough : requireApiKey,
    bodyLimit: createBodyLimit(config.bodyLimitBytes),
    timeout: createTimeout(config.requestTimeoutMs, log),
    bodyDeadline: createBodyDeadline(deps.bodyTimeoutMs ?? 5_000),
    createRateLimit: makeRateLimit,
    warnings: () => securityWarnings(config),
  }
}

/** What an operator must be told at start; empty for a safe production configuration. */
function securityWarnings(config: ApiSecurityConfig): string[] {
  const warnings: string[] = []
  if (config.authDisabled) {
    warnings.push(
      `API AUTHENTICATION IS DISABLED (API_AUTH_DISABLED=true): every key-protected route is open to anyone${
        config.keys.length > 0 ? `; the ${config.keys.length} configured key(s) are ignored` : ''
      }. Development only.`,
    )
  } else if (config.keys.length === 0) {
    warnings.push(
      'API_KEYS is empty: key-protected routes answer 503 API_KEYS_NOT_CONFIGURED until a hashed key is configured',
    )
  }
  if (config.corsOrigins.includes('*')) {
    warnings.push('CORS allows every origin (API_CORS_ORIGINS=* with API_CORS_ALLOW_ANY=true)')
  }
  return warnings
}
