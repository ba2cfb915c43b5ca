import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { apiPlugin } from '../../plugins/api/index.ts'
import { etlPlugin } from '../../plugins/etl/index.ts'
import { mlPlugin } from '../../plugins/ml/index.ts'
import { createTestKernel, freshDatabaseUrl, notePostgresSkipped, testEngines } from '../../testing/kernel.ts'
import { startTcpProxy, type TcpProxy } from '../../testing/tcp-proxy.ts'
import type { Kernel } from '../kernel.ts'
import { definePlugin } from '../plugin.ts'

notePostgresSkipped()

/** A route that reads the database on every request, as any uncached read does. */
const probePlugin = definePlugin({
  name: 'probe',
  setup(ctx) {
    const app = new Hono()
    app.get('/now', async (c) => c.json(await ctx.db.sql`SELECT 1 AS one`))
    ctx.http.mount('/api/v1/probe', app)
  },
})

// PostgreSQL stopped, frozen and restarted under a running kernel, through a loopback proxy in
// front of the test cluster (the shared cluster itself is never touched). Issue 13, #3.
if (testEngines().includes('postgres')) {
  describe('PostgreSQL outage', () => {
    let proxy: TcpProxy
    let kernel: Kernel
    beforeAll(async () => {
      const direct = new URL(await freshDatabaseUrl('postgres'))
      proxy = await startTcpProxy(direct.hostname, Number(direct.port || 5432))
      direct.hostname = '127.0.0.1'
      direct.port = String(proxy.port)
      kernel = await createTestKernel({
        plugins: [etlPlugin, mlPlugin, apiPlugin, probePlugin],
        env: {
          DATABASE_URL: direct.toString(),
          DB_TIMEOUT_MS: '1000',
          MODELS_DIR: mkdtempSync(join(tmpdir(), 'pdx-outage-models-')),
        },
      })
      await kernel.stages.run(
        'etl:load',
        {},
        { log: kernel.log, tty: false, signal: new AbortController().signal },
      )
      expect((await kernel.app.request('/api/v1/pokemon/25')).status).toBe(200)
    }, 300_000)
    afterAll(async () => {
      proxy.setMode('up')
      await kernel.stop()
      await proxy.close()
    }, 30_000)

    const expectDegraded = async () => {
      // Concurrent requests pile statements onto the dead pool (a pool that cannot recover later
      // shows up in the restart test).
      const burst = await Promise.all(
        Array.from({ length: 8 }, () => kernel.app.request('/api/v1/probe/now')),
      )
      expect(burst.map((r) => r.status)).toEqual(Array(8).fill(503))
      const probe = await kernel.app.request('/api/v1/probe/now')
      expect(probe.status).toBe(503)
      expect(probe.headers.get('content-type')).toBe('application/problem+json')
      expect(probe.headers.get('retry-after')).toBe('5')
      expect(((await probe.json()) as { code: string }).code).toBe('DATABASE_UNAVAILABLE')
      const ready = await kernel.app.request('/readyz')
      expect(ready.status).toBe(503)
      const text = await ready.text()
      expect(text).toContain('database unavailable')
      expect(text).not.toContain(String(proxy.port))
      // The Pokédex keeps serving from its cache.
      const pikachu = await kernel.app.request('/api/v1/pokemon/25')
      expect(pikachu.status).toBe(200)
    }

    /**
     * Back up: the pool reconnects by itself, and /readyz's database checks pass again (only the
     * model is missing: none trained here). Polled, counts not time: on a loaded machine the
     * first query through the new connections can still outlast DB_TIMEOUT_MS, and one probe
     * answering 200 does not mean every check already did.
     */
    const expectRecovers = async () => {
      proxy.setMode('up')
      let seen = { status: 0, notReady: [] as string[] }
      for (let attempt = 0; attempt < 100; attempt++) {
        const status = (await kernel.app.request('/api/v1/probe/now')).status
        const ready = (await (await kernel.app.request('/readyz')).json()) as { errors: { field: string }[] }
        seen = { status, notReady: ready.errors.map((e) => e.field) }
        if (status === 200 && seen.notReady.join() === 'ml.model') break
        await Bun.sleep(100)
      }
      expect(seen).toEqual({ status: 200, notReady: ['ml.model'] })
    }

    test('stopped: uncached reads answer 503 DATABASE_UNAVAILABLE, cached Pokédex reads 200, /readyz names no address', async () => {
      proxy.setMode('down')
      await expectDegraded()
    })

    test('restarted after a stop: the kernel recovers by itself, without a restart', async () => {
      await expectRecovers()
    }, 300_000)

    test('frozen (connections hang): the same answers, bounded by DB_TIMEOUT_MS instead of TCP time-outs', async () => {
      proxy.setMode('hang')
      await expectDegraded()
    })

    test('resumed after a freeze: the kernel recovers by itself', async () => {
      await expectRecovers()
    }, 300_000)
  })
}
