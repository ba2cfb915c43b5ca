import { connect, createServer, type Server, type Socket } from 'node:net'

export type ProxyMode = 'up' | 'down' | 'hang'

export interface TcpProxy {
  readonly port: number
  /**
   * `up` forwards; `down` resets every connection, open or new (a stopped server); `hang` accepts
   * and forwards nothing (a frozen one, SIGSTOP); `up` after `hang` resumes the frozen connections.
   */
  setMode(mode: ProxyMode): void
  close(): Promise<void>
}

/**
 * A loopback TCP proxy in front of a real server (PostgreSQL in the outage tests), so a test can
 * stop, freeze and restart "the database" under traffic without touching the shared test cluster.
 *
 * @example
 * const proxy = await startTcpProxy('127.0.0.1', 5432)
 * proxy.setMode('down') // every client connection is reset; 'up' lets new ones through again
 */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  let mode: ProxyMode = 'up'
  const pairs = new Set<{ client: Socket; upstream?: Socket }>()
  const server: Server = createServer((client) => {
    if (mode === 'down') {
      client.destroy()
      return
    }
    const pair: { client: Socket; upstream?: Socket } = { client }
    pairs.add(pair)
    client.on('close', () => {
      pairs.delete(pair)
      pair.upstream?.destroy()
    })
    client.on('error', () => {})
    if (mode === 'hang') {
      client.pause()
      return
    }
    forward(pair)
  })
  /** Connects a pair upstream (if not yet) and pipes both ways; a frozen pair resumes where it was. */
  const forward = (pair: { client: Socket; upstream?: Socket }) => {
    if (!pair.upstream) {
      const upstream = connect(port, host)
      pair.upstream = upstream
      upstream.on('error', () => pair.client.destroy())
      upstream.on('close', () => pair.client.destroy())
    }
    pair.client.pipe(pair.upstream)
    pair.upstream.pipe(pair.client)
    pair.client.resume()
    pair.upstream.resume()
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('proxy has no port')
  return {
    port: address.port,
    setMode(next) {
      const was = mode
      mode = next
      for (const pair of pairs) {
        if (next === 'down') {
          pair.client.destroy()
          pair.upstream?.destroy()
        } else if (next === 'hang') {
          pair.client.unpipe()
          pair.upstream?.unpipe()
          pair.client.pause()
          pair.upstream?.pause()
        } else if (was === 'hang') {
          forward(pair) // a frozen server resumes: its connections carry on
        }
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy()
        pair.upstream?.destroy()
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
