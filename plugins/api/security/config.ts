import { z } from 'zod'
import { envBoolean, envList } from '../../../core/config.ts'

/** What a configured key must look like: the SHA-256 of the key, never the key itself. */
export const KEY_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/

/** How to make a key; repeated in every "plaintext key refused" message so the fix is one paste away. */
export const KEY_GENERATION_HINT =
  "bun -e \"const k=require('crypto').randomBytes(32).toString('base64url');console.log('key:',k);console.log('hash:','sha256:'+require('crypto').createHash('sha256').update(k).digest('hex'))\""

const PLAINTEXT_MESSAGE = `must be a hashed key "sha256:<64 lowercase hex>", never a plaintext key; make one with ${KEY_GENERATION_HINT}`

/** True for `*` or an exact browser origin (`scheme://host[:port]`, no path, no trailing slash). */
export function isOriginOrWildcard(value: string): boolean {
  if (value === '*') return true
  try {
    return new URL(value).origin === value
  } catch {
    return false
  }
}

/**
 * The security settings of the JSON API (env prefix `API_`, e.g. `API_KEYS`, `API_CORS_ORIGINS`).
 *
 * Why field-level checks plus one object-level check: a plaintext key or a malformed origin fails
 * boot through the kernel's `readConfig` with every problem listed; the `*` rule needs two fields,
 * so it is an object refinement (and `createApiSecurity` checks it again, in case the shape was
 * spread into a bigger schema and the refinement was lost).
 *
 * @example
 * apiSecurityConfig.parse({ keys: 'sha256:…', corsOrigins: 'https://dex.example' })
 */
export const apiSecurityConfig = z
  .object({
    keys: envList(z.string().regex(KEY_HASH_PATTERN, PLAINTEXT_MESSAGE))
      .default([])
      .describe(
        'Comma list of hashed API keys "sha256:<hex>" (header X-API-Key). Empty and API_AUTH_DISABLED unset: protected routes answer 503 (fail closed)',
      ),
    authDisabled: envBoolean
      .default(false)
      .describe('Development only: true opens every protected route without a key (logged loudly at start)'),
    publicReads: envBoolean
      .default(true)
      .describe('Pokédex reads need no key; false puts them behind X-API-Key like predictions'),
    trustProxy: envBoolean
      .default(false)
      .describe(
        'true: client IP = last X-Forwarded-For entry (set it only behind a proxy that appends it); false: socket address',
      ),
    rateLimitPerMinute: z.coerce
      .number()
      .int()
      .min(1)
      .default(600)
      .describe('Read requests per minute per API key, or per client IP without a valid key'),
    predictRateLimitPerMinute: z.coerce
      .number()
      .int()
      .min(1)
      .default(120)
      .describe('Prediction requests per minute per API key, or per client IP without a valid key'),
    rateLimitMaxClients: z.coerce
      .number()
      .int()
      .min(1)
      .default(10_000)
      .describe('Clients tracked per rate limiter; idle ones are dropped first, then the least recent'),
    corsOrigins: envList(
      z
        .string()
        .refine(
          isOriginOrWildcard,
          'must be an exact origin such as https://dex.example or http://localhost:5173 (no path, no trailing slash)',
        ),
    )
      .default([])
      .describe(
        'Comma list of browser origins allowed to call the API; empty = no CORS headers (same origin only)',
      ),
    corsAllowAny: envBoolean
      .default(false)
      .describe('Must be true for API_CORS_ORIGINS=* to be accepted (any web site may then call the API)'),
    bodyLimitBytes: z.coerce
      .number()
      .int()
      .min(1)
      .default(64 * 1024)
      .describe('Largest request body accepted, in bytes (413 above)'),
    requestTimeoutMs: z.coerce
      .number()
      .int()
      .min(1)
      .default(10_000)
      .describe('Time a request may take before the API answers 503 TIMEOUT'),
  })
  .superRefine((config, ctx) => {
    if (config.corsOrigins.includes('*') && !config.corsAllowAny) {
      ctx.addIssue({
        code: 'custom',
        path: ['corsOrigins'],
        message: '"*" lets any web site call the API; list the origins, or also set API_CORS_ALLOW_ANY=true',
      })
    }
  })

export type ApiSecurityConfig = z.infer<typeof apiSecurityConfig>
