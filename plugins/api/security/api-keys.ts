import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { sendProblem } from '../../../core/problem.ts'
import { KEY_GENERATION_HINT, KEY_HASH_PATTERN } from './config.ts'
import { ApiSecurityError } from './errors.ts'

/** The request header that carries the key (matched case-insensitively, as every HTTP header). */
export const API_KEY_HEADER = 'X-API-Key'

/**
 * The form a key is configured in: `sha256:<hex>` of the UTF-8 key.
 *
 * Why a plain hash and no salt or KDF: keys are 32 random bytes, so there is nothing to
 * brute-force; the hash only keeps a leaked config or env dump from being a usable key.
 *
 * @example
 * hashApiKey('k3y') // 'sha256:6c0a…'
 */
export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`
}

/**
 * A fresh random key (give it to the client) and its hash (put it in `API_KEYS`).
 *
 * @example
 * const { key, hash } = generateApiKey() // key: 43 base64url chars, hash: 'sha256:…'
 */
export function generateApiKey(): { key: string; hash: string } {
  const key = randomBytes(32).toString('base64url')
  return { key, hash: hashApiKey(key) }
}

/** Checks presented keys against the configured hashes. */
export interface ApiKeyVerifier {
  /** How many keys are configured (0 → protected routes fail closed). */
  readonly size: number
  /** The configured hash the key matches, or undefined. Same work whatever the answer. */
  match(presented: string): string | undefined
}

/**
 * Builds a verifier; refuses anything that is not `sha256:<64 lowercase hex>`.
 *
 * Why compare every hash, always: `timingSafeEqual` on fixed 32-byte digests leaks nothing about
 * how close a guess is, and not stopping at the first hit hides which key matched.
 *
 * @throws ApiSecurityError `API_KEY_PLAINTEXT` naming the entry's position (never its value).
 * @example
 * const verifier = createApiKeyVerifier([hashApiKey('k3y')])
 * verifier.match('k3y') // 'sha256:…'
 */
export function createApiKeyVerifier(hashes: readonly string[]): ApiKeyVerifier {
  const digests = hashes.map((hash, index) => {
    if (!KEY_HASH_PATTERN.test(hash)) {
      throw new ApiSecurityError(
        'API_KEY_PLAINTEXT',
        `API_KEYS entry #${index + 1} is not a hashed key "sha256:<64 lowercase hex>"; plaintext keys are refused. Make one with ${KEY_GENERATION_HINT}`,
      )
    }
    return { hash, digest: Buffer.from(hash.slice('sha256:'.length), 'hex') }
  })
  return {
    size: digests.length,
    match(presented) {
      const candidate = createHash('sha256').update(presented, 'utf8').digest()
      let found: string | undefined
      for (const { hash, digest } of digests) {
        if (timingSafeEqual(candidate, digest) && found === undefined) found = hash
      }
      return found
    },
  }
}

/** A way to count refusals by a bounded reason, without naming the client. */
export type AuthFailureReason = 'missing' | 'invalid' | 'not_configured'

/**
 * Middleware: 401 without a key, 403 with a wrong one, 503 when no key is configured (fail
 * closed), pass-through only when `disabled` (the explicit development bypass).
 *
 * @example
 * router.use('/predict/*', createRequireApiKey({ verifier, disabled: false, onFailure: () => {} }))
 */
export function createRequireApiKey(options: {
  verifier: ApiKeyVerifier
  disabled: boolean
  onFailure: (reason: AuthFailureReason) => void
}): MiddlewareHandler {
  const { verifier, disabled, onFailure } = options
  return async function requireApiKey(c, next) {
    if (disabled) return next()
    if (verifier.size === 0) {
      onFailure('not_configured')
      return sendProblem(c, 503, {
        code: 'API_KEYS_NOT_CONFIGURED',
        detail: 'this route needs an API key, but the server has none configured (API_KEYS is empty)',
      })
    }
    const presented = c.req.header(API_KEY_HEADER)
    if (!presented) {
      onFailure('missing')
      c.header('WWW-Authenticate', `ApiKey header="${API_KEY_HEADER}"`)
      return sendProblem(c, 401, {
        code: 'API_KEY_MISSING',
        detail: `send your API key in the ${API_KEY_HEADER} header (WWW-Authenticate: ApiKey header="${API_KEY_HEADER}")`,
      })
    }
    if (verifier.match(presented) === undefined) {
      onFailure('invalid')
      return sendProblem(c, 403, {
        code: 'API_KEY_INVALID',
        detail: `the ${API_KEY_HEADER} header does not match any configured key`,
      })
    }
    return next()
  }
}
