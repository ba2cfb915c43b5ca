import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { freePort, processCpuSeconds, spawnServer, waitForReady } from './server-process.ts'

const HOST = '127.0.0.1'
const noopServer = join(import.meta.dir, 'noop-server.ts')

describe('spawnServer', () => {
  test('starts a server, sees it ready, reads its CPU, and stops it', async () => {
    const port = freePort(HOST)
    const server = spawnServer({
      cmd: ['bun', noopServer, HOST, String(port)],
      cwd: import.meta.dir,
      env: {},
      host: HOST,
      port,
    })
    try {
      expect(server.baseUrl).toBe(`http://${HOST}:${port}`)
      const ready = await waitForReady(server, `${server.baseUrl}/`, {
        timeoutMs: 10_000,
        accept: (status) => status === 204,
      })
      expect(ready).toEqual({ ready: true })
      expect(server.output()).toContain(`noop server on http://${HOST}:${port}`)
      expect(processCpuSeconds(server.pid)).toBeGreaterThanOrEqual(0)
    } finally {
      await server.stop()
    }
    expect(await server.exited).toBeDefined()
    expect(processCpuSeconds(server.pid)).toBeUndefined()
    await server.stop() // idempotent
  })

  test('a server that dies is reported with its exit status, not waited for', async () => {
    const port = freePort(HOST)
    const server = spawnServer({
      cmd: ['bun', '-e', 'process.exit(3)'],
      cwd: import.meta.dir,
      env: {},
      host: HOST,
      port,
    })
    // Waiting out the 10 s would end with a time-out reason, not the exit status.
    const ready = await waitForReady(server, `${server.baseUrl}/`, { timeoutMs: 10_000, accept: () => true })
    expect(ready).toEqual({ ready: false, reason: 'the server exited with status 3' })
  })

  test('a server that never says ready times out with its last answer', async () => {
    const port = freePort(HOST)
    const server = spawnServer({
      cmd: ['bun', noopServer, HOST, String(port)],
      cwd: import.meta.dir,
      env: {},
      host: HOST,
      port,
    })
    try {
      const ready = await waitForReady(server, `${server.baseUrl}/`, {
        timeoutMs: 1_500,
        accept: () => false,
      })
      expect(ready.ready).toBe(false)
      if (!ready.ready)
        expect(ready.reason).toMatch(/not ready after 1.5 s; last answer: (HTTP 204|.*refused|.*connect)/i)
    } finally {
      await server.stop()
    }
  })
})
