/**
 * Test helpers for code that talks HTTP: a local server on 127.0.0.1 (port 0) that records what
 * it receives, a fake clock, and a throwaway cache directory. Nothing here touches the network
 * beyond the loopback interface.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface ReceivedRequest {
  path: string
  headers: Headers
  /** `clock()` of the test when the request arrived. */
  at: number
}

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** `127.0.0.1:<port>`, the key for a host policy. */
  host: string
  received: ReceivedRequest[]
  /** Requests received for one path (query included). */
  hits(path: string): ReceivedRequest[]
  stop(): void
}

/**
 * Starts a server whose handler sees the request and how many times its path was hit before.
 *
 * @example
 * const server = startLocalServer((req, n) => new Response(n === 0 ? 'first' : 'again'))
 * await fetch(`${server.origin}/x`)
 * server.stop()
 */
export function startLocalServer(
  handler: (request: Request, previousHits: number) => Response | Promise<Response>,
  clock: () => number = () => performance.now(),
): LocalServer {
  const received: ReceivedRequest[] = []
  const pathOf = (request: Request) => {
    const url = new URL(request.url)
    return url.pathname + url.search
  }
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch(request) {
      const path = pathOf(request)
      const previousHits = received.filter((r) => r.path === path).length
      received.push({ path, headers: request.headers, at: clock() })
      return handler(request, previousHits)
    },
  })
  const host = `127.0.0.1:${server.port}`
  return {
    origin: `http://${host}`,
    host,
    received,
    hits: (path) => received.filter((r) => r.path === path),
    stop: () => server.stop(true),
  }
}

/** A port that refuses connections: a server is started and stopped at once. */
export function closedPort(): number {
  const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response('') })
  const port = server.port ?? 1
  server.stop(true)
  return port
}

export interface FakeClock {
  now(): number
  sleep(ms: number): Promise<void>
  advance(ms: number): void
  /** Every sleep asked for, in order. */
  sleeps: number[]
}

/**
 * A clock that only moves when told to or when someone sleeps (sleeping advances it at once).
 *
 * @example
 * const clock = createFakeClock(Date.UTC(2025, 0, 1))
 * await clock.sleep(1000) // returns at once; clock.now() moved by 1000
 */
export function createFakeClock(start = Date.UTC(2025, 0, 1)): FakeClock {
  let time = start
  const sleeps: number[] = []
  return {
    now: () => time,
    async sleep(ms) {
      sleeps.push(ms)
      time += ms
    },
    advance(ms) {
      time += ms
    },
    sleeps,
  }
}

/** A fresh temporary directory and its removal. */
export async function temporaryDirectory(
  prefix = 'pdex-http-',
): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}
