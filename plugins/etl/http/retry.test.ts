import { describe, expect, test } from 'bun:test'
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './retry.ts'

describe('retry policy', () => {
  test('5xx and 429 are retried; other statuses are answers', () => {
    expect([500, 502, 503, 429].every(isRetryableStatus)).toBe(true)
    expect([200, 304, 400, 403, 404].some(isRetryableStatus)).toBe(false)
  })

  test('backoff doubles, is capped, and the jitter keeps it between half and full', () => {
    const limits = { baseMs: 500, maxMs: 4000 }
    expect([0, 1, 2, 3, 4].map((n) => backoffDelayMs(n, limits, () => 0))).toEqual([
      250, 500, 1000, 2000, 2000,
    ])
    expect(backoffDelayMs(1, limits, () => 0.999999)).toBe(1000)
  })

  test('Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')
    expect(parseRetryAfterMs('7', now)).toBe(7000)
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', now)).toBe(60_000)
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfterMs('soon', now)).toBeUndefined()
    expect(parseRetryAfterMs(null, now)).toBeUndefined()
  })
})
