import { afterAll, beforeAll, expect, test } from 'bun:test'
import { predictionRequest, type ServedApi, serveApi } from './support.ts'

/**
 * SIGTERM under 32-connection load (issue 13, #6): every request sent before the signal gets an
 * HTTP answer (200, or 503 SHUTTING_DOWN if the server read it after draining began) — none is
 * reset — and the process exits 0. Before the fix, 12 of 32 in-flight requests were reset.
 */
let api: ServedApi
beforeAll(async () => {
  api = await serveApi('api')
}, 120_000)
afterAll(() => api.server.stop())

test('SIGTERM with 32 connections busy: 0 reset requests, exit 0', async () => {
  const base = api.server.baseUrl
  let signalled = false
  const outcomes: { beforeSignal: boolean; result: string }[] = []
  let completed = 0
  const client = async (id: number) => {
    for (let i = 0; !signalled; i++) {
      const beforeSignal = !signalled
      const result = await fetch(predictionRequest(base, api.key, id + i)).then(
        async (res) => {
          const body = await res.text()
          return res.status === 503 ? `503 ${JSON.parse(body).code}` : String(res.status)
        },
        (error: Error) => `network error: ${error.message}`,
      )
      outcomes.push({ beforeSignal, result })
      completed++
    }
  }
  const clients = Array.from({ length: 32 }, (_, id) => client(id))
  // Signal once the load is established (every client has had answers), with all 32 in flight.
  while (completed < 200) await new Promise((resolve) => setTimeout(resolve, 5))
  signalled = true
  process.kill(api.server.pid, 'SIGTERM')
  await Promise.all(clients)
  const exitCode = await api.server.exited

  const sentBefore = outcomes.filter((o) => o.beforeSignal)
  const resets = sentBefore.filter((o) => o.result.startsWith('network error'))
  const counts = Object.fromEntries(
    [...new Set(sentBefore.map((o) => o.result))].map((r) => [
      r,
      sentBefore.filter((o) => o.result === r).length,
    ]),
  )
  console.log(`SIGTERM under load: ${sentBefore.length} requests sent before the signal:`, counts)
  expect(resets).toEqual([])
  expect(sentBefore.every((o) => o.result === '200' || o.result === '503 SHUTTING_DOWN')).toBe(true)
  expect(exitCode).toBe(0)
}, 180_000)
