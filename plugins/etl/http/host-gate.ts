/**
 * Per-host politeness: at most `maxConcurrent` requests in flight, request starts at least
 * `minIntervalMs` apart, and a shared "not before" time a server can impose with `Retry-After`.
 *
 * Why per host and not global: PokéAPI is happy with a few parallel requests while Poképédia
 * asks for one at a time about a second apart; one slow host must not hold back the other.
 * Start times are reserved synchronously, so concurrent callers never compute the same slot.
 */

/** How politely to treat one host. */
export interface HostPolicy {
  maxConcurrent: number
  minIntervalMs: number
  /** Fetch `/robots.txt` once and refuse the URLs it disallows. */
  obeyRobots: boolean
}

export interface HostGate {
  /** Waits for a free slot on the host; call the returned `release` exactly once. */
  acquire(): Promise<() => void>
  /** Waits until the next request start this host allows (interval, Retry-After), then reserves it. */
  pace(): Promise<void>
  /** No request to this host starts before `epochMs` (a 429/503 with `Retry-After`). */
  holdUntil(epochMs: number): void
  /** Raises the minimum interval (robots.txt `Crawl-delay`); never lowers it. */
  slowDownTo(minIntervalMs: number): void
}

export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

/**
 * Creates the gate of one host.
 *
 * @example
 * const gate = createHostGate({ maxConcurrent: 1, minIntervalMs: 1000, obeyRobots: true }, clock)
 * const release = await gate.acquire()
 * try { await gate.pace(); await fetch(url) } finally { release() }
 */
export function createHostGate(policy: HostPolicy, clock: Clock): HostGate {
  const maxConcurrent = Math.max(1, Math.floor(policy.maxConcurrent))
  let minIntervalMs = Math.max(0, policy.minIntervalMs)
  let inFlight = 0
  const waiting: (() => void)[] = []
  let lastStart = Number.NEGATIVE_INFINITY
  let notBefore = Number.NEGATIVE_INFINITY

  const release = () => {
    const next = waiting.shift()
    // Hand the slot straight to the next waiter so a newcomer cannot overtake the queue.
    if (next) next()
    else inFlight--
  }

  return {
    async acquire() {
      if (inFlight < maxConcurrent) inFlight++
      else await new Promise<void>((resolve) => waiting.push(resolve))
      let released = false
      return () => {
        if (released) return
        released = true
        release()
      }
    },
    async pace() {
      const now = clock.now()
      const start = Math.max(now, lastStart + minIntervalMs, notBefore)
      lastStart = start
      if (start > now) await clock.sleep(start - now)
    },
    holdUntil(epochMs) {
      notBefore = Math.max(notBefore, epochMs)
    },
    slowDownTo(intervalMs) {
      minIntervalMs = Math.max(minIntervalMs, intervalMs)
    },
  }
}
