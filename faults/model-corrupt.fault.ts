import { afterAll, beforeAll, expect, test } from 'bun:test'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { predictionRequest, type ServedApi, serveApi } from './support.ts'

/**
 * A corrupted model promoted under traffic: the champion pointer moves to a copy whose ONNX bytes
 * are garbage. The server must refuse it at the next reload (sha256 mismatch) and keep serving the
 * previous champion: every prediction answers 200, before, during and after.
 */
let api: ServedApi
beforeAll(async () => {
  api = await serveApi('api', { ML_RELOAD_INTERVAL_MS: '1000' })
}, 120_000)
afterAll(() => api.server.stop())

test('a corrupt champion is refused under traffic; the previous one keeps serving every prediction', async () => {
  const base = api.server.baseUrl
  const served = readFileSync(join(api.modelsDir, 'champion'), 'utf8').trim()
  let done = false
  const statuses = new Map<number | string, number>()
  const client = async (id: number) => {
    for (let i = 0; !done; i++) {
      const status = await fetch(predictionRequest(base, api.key, id + i)).then(
        async (res) => {
          await res.arrayBuffer() // read the body whole: a reset mid-body must count as a failure
          return res.status
        },
        () => 'network error',
      )
      statuses.set(status, (statuses.get(status) ?? 0) + 1)
    }
  }
  const clients = Array.from({ length: 8 }, (_, id) => client(id))
  cpSync(join(api.modelsDir, served), join(api.modelsDir, 'corrupt'), { recursive: true })
  writeFileSync(join(api.modelsDir, 'corrupt', 'model.onnx'), Buffer.from('not an onnx model at all'))
  writeFileSync(join(api.modelsDir, 'champion'), 'corrupt\n')
  // Bounded wait (counts, not time): until the server has tried the new pointer and said no.
  for (let i = 0; i < 600 && !api.server.output().includes('refused model'); i++) await Bun.sleep(50)
  done = true
  await Promise.all(clients)
  expect(api.server.output()).toContain('refused model')
  const model = (await (await fetch(`${base}/api/v1/model`)).json()) as { dir: string }
  expect(model.dir).toBe(served)
  expect([...statuses.keys()]).toEqual([200])
  console.log('predictions during the corrupt promotion:', Object.fromEntries(statuses))
}, 120_000)
