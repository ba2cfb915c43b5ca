/**
 * When and how long to wait before trying a request again.
 *
 * Why jitter: several workers that failed together would otherwise retry together and hit a
 * struggling server in lock-step. Why honour `Retry-After`: it is the server telling us exactly
 * how long to stay away (429 Too Many Requests, 503 Service Unavailable); ignoring it is how IPs
 * get banned.
 */

/** Statuses worth another try: the server is overloaded or failing, not refusing the request. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500
}

/**
 * The exponential backoff before retry number `attempt` (0 = first retry): `base · 2^attempt`,
 * capped at `max`, scaled by a random factor in [0.5, 1) ("equal jitter").
 *
 * @example
 * backoffDelayMs(2, { baseMs: 500, maxMs: 30_000 }, () => 0.5) // 1500 (2000 · 0.75)
 */
export function backoffDelayMs(
  attempt: number,
  limits: { baseMs: number; maxMs: number },
  random: () => number,
): number {
  const ceiling = Math.min(limits.maxMs, limits.baseMs * 2 ** attempt)
  return Math.round(ceiling * (0.5 + random() / 2))
}

/**
 * Parses a `Retry-After` header (delta-seconds or an HTTP date) into milliseconds from `nowMs`;
 * undefined when absent or unreadable, 0 for a date in the past.
 *
 * @example
 * parseRetryAfterMs('7', 0) // 7000
 * parseRetryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')) // 60000
 */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined
  const text = header.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - nowMs)
}
