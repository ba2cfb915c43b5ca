import { afterAll, beforeAll, expect, test } from 'bun:test'
import { Hono } from 'hono'
import { createTestKernel } from '../testing/kernel.ts'
import type { Kernel } from './kernel.ts'
import { definePlugin } from './plugin.ts'
import { type KernelServer, serveKernel } from './server.ts'

/** A plugin whose `/slow` answers only when the test releases it: requests stay in flight on demand. */
let release: () => void = () => {}
let gate = new Promise<void>((resolve) => {
  release = resolve
})
const slowPlugin = definePlugin({
  name: 'slow',
  setup(ctx) {
    const app = new Hono()
    app.get('/slow', async (c) => {
      await gate
      return c.json({ ok: true })
    })
    app.get('/boom', () => {
      throw new TypeError(`internal detail ${process.cwd()}`)
    })
    ctx.http.mount('/', app)
  },
})

let kernel: Kernel
let http: KernelServer
let base: string
beforeAll(async () => {
  kernel = await createTestKernel({ plugins: [slowPlugin] })
  http = serveKernel(kernel, { port: 0, hostname: '127.0.0.1' })
  base = `http://127.0.0.1:${http.server.port}`
})
afterAll(async () => {
  release()
  await http.drain(1000)
  await kernel.stop()
})

/** Polls a condition on the event loop (no sleeps: counts, not time). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve))
}

test('an error over real HTTP is a problem without internals (never Bun’s development page)', async () => {
  const res = await fetch(`${base}/boom`)
  expect(res.status).toBe(500)
  const text = await res.text()
  expect(text).not.toContain(process.cwd())
  expect(text).not.toContain('TypeError')
})

test('drain: stops accepting, lets 32 in-flight requests finish, then closes (issue 13, #6)', async () => {
  gate = new Promise<void>((resolve) => {
    release = resolve
  })
  const inFlight = Array.from({ length: 32 }, () =>
    fetch(`${base}/slow`).then(
      (res) => res.status,
      (error: Error) => `reset: ${error.message}`,
    ),
  )
  await until(() => http.inFlight() === 32)
  const drained = http.drain(60_000)
  // A request arriving now is refused cleanly, not reset: 503 SHUTTING_DOWN (or no listener).
  const late = await fetch(`${base}/slow`).then(
    async (res) => `${res.status} ${((await res.json()) as { code: string }).code}`,
    () => 'refused',
  )
  expect(['503 SHUTTING_DOWN', 'refused']).toContain(late)
  expect(http.inFlight()).toBe(32)
  release()
  expect(await Promise.all(inFlight)).toEqual(Array(32).fill(200))
  expect(await drained).toBe(0)
})
