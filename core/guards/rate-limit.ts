import type { Context, MiddlewareHandler } from 'hono'
import { sendProblem } from '../problem.ts'

const WINDOW_MS = 60_000

/** One limiter's verdict for one request. */
export interface RateDecision {
  allowed: boolean
  limit: number
  /** Whole requests left right now. */
  remaining: number
  /** Seconds until the bucket is full again (the IETF draft's RateLimit-Reset). */
  resetSeconds: number
  /** Seconds until one more request is allowed (0 when allowed). */
  retryAfterSeconds: number
}

export interface TokenBuckets {
  take(clientId: string): RateDecision
  /** Clients currently tracked (bounded by `maxClients`). */
  readonly size: number
}

/**
 * Token buckets: each client holds up to `perMinute` tokens, refilled continuously at
 * `perMinute` a minute; a request spends one.
 *
 * Why a token bucket: no 2× burst at window edges as with fixed windows, O(1) memory per client,
 * and "idle" has a precise meaning (a full bucket equals no bucket, so it can be dropped).
 * Memory: full buckets are swept at most once a minute; at `maxClients` the least recently seen
 * client is evicted (it merely gets a fresh bucket later; refusing new clients instead would let
 * one flood lock everybody out).
 *
 * @example
 * const buckets = createTokenBuckets({ perMinute: 2, maxClients: 100, now: () => Date.now() })
 * buckets.take('ip:203.0.113.9').allowed // true
 */
export function createTokenBuckets(options: {
  perMinute: number
  maxClients: number
  now: () => number
  onCapReached?: () => void
}): TokenBuckets {
  const { perMinute: capacity, maxClients, now, onCapReached } = options
  const perMs = capacity / WINDOW_MS
  // Map iteration order = insertion order; re-inserting on use makes the first entry the least recent.
  const buckets = new Map<string, { tokens: number; at: number }>()
  let lastSweep = now()

  const refilled = (bucket: { tokens: number; at: number }, time: number) =>
    Math.min(capacity, bucket.tokens + Math.max(0, time - bucket.at) * perMs)

  const sweepIdle = (time: number) => {
    lastSweep = time
    for (const [id, bucket] of buckets) if (refilled(bucket, time) >= capacity) buckets.delete(id)
  }

  return {
    get size() {
      return buckets.size
    },
    take(clientId) {
      const time = now()
      if (time - lastSweep >= WINDOW_MS) sweepIdle(time)
      const known = buckets.get(clientId)
      let tokens = known ? refilled(known, time) : capacity
      if (known) buckets.delete(clientId)
      else if (buckets.size >= maxClients) {
        // A flood of new clients must not turn every request into a full scan: one sweep a second.
        if (time - lastSweep >= 1000) sweepIdle(time)
        if (buckets.size >= maxClients) {
          onCapReached?.()
          buckets.delete(buckets.keys().next().value as string)
        }
      }
      const allowed = tokens >= 1
      if (allowed) tokens -= 1
      buckets.set(clientId, { tokens, at: time })
      return {
        allowed,
        limit: capacity,
        remaining: Math.floor(tokens),
        resetSeconds: Math.ceil((capacity - tokens) / perMs / 1000),
        retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
      }
    },
  }
}

/** Who a request counts against: a verified API key, or else the client address. */
export interface RateIdentity {
  scope: 'key' | 'ip'
  id: string
}

/**
 * Middleware enforcing one limit; every response it sees carries `RateLimit-Limit`,
 * `RateLimit-Remaining`, `RateLimit-Reset` and `RateLimit-Policy`; a refusal is a 429 problem
 * with `Retry-After` (seconds).
 *
 * @example
 * router.use('/predict/*', createRateLimit({ buckets, identify, onLimited: () => {} }))
 */
export function createRateLimit(options: {
  buckets: TokenBuckets
  identify: (c: Context) => RateIdentity
  onLimited: (scope: RateIdentity['scope']) => void
}): MiddlewareHandler {
  const { buckets, identify, onLimited } = options
  const setHeaders = (c: Context, decision: RateDecision) => {
    c.header('RateLimit-Limit', String(decision.limit))
    c.header('RateLimit-Remaining', String(decision.remaining))
    c.header('RateLimit-Reset', String(decision.resetSeconds))
    c.header('RateLimit-Policy', `${decision.limit};w=60`)
  }
  return async function rateLimit(c, next) {
    const identity = identify(c)
    const decision = buckets.take(`${identity.scope}:${identity.id}`)
    if (!decision.allowed) {
      onLimited(identity.scope)
      c.header('Retry-After', String(decision.retryAfterSeconds))
      setHeaders(c, decision)
      const who = identity.scope === 'key' ? 'this API key' : 'this client address'
      return sendProblem(c, 429, {
        code: 'RATE_LIMITED',
        detail: `more than ${decision.limit} requests a minute from ${who}; retry in ${decision.retryAfterSeconds} s`,
      })
    }
    // set before the handler runs, they go out with its response; setting them after would
    // rebuild the finished response once per header (a measurable cost on the hottest route)
    setHeaders(c, decision)
    await next()
    if (!c.res.headers.has('RateLimit-Limit')) setHeaders(c, decision)
  }
}
