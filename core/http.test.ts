import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { apiPlugin } from '../plugins/api/index.ts'
import { etlPlugin } from '../plugins/etl/index.ts'
import { mlPlugin } from '../plugins/ml/index.ts'
import { createTestKernel } from '../testing/kernel.ts'
import type { Kernel } from './kernel.ts'

describe('kernel HTTP endpoints', () => {
  let kernel: Kernel
  beforeAll(async () => {
    kernel = await createTestKernel({
      plugins: [etlPlugin, mlPlugin, apiPlugin],
      env: { MODELS_DIR: mkdtempSync(join(tmpdir(), 'pdx-no-models-')) },
    })
  })
  afterAll(() => kernel.stop())

  test('/healthz answers while /readyz names each failing check until data and model are loaded', async () => {
    expect(await (await kernel.app.request('/healthz')).json()).toEqual({ status: 'ok' })
    const notReady = await kernel.app.request('/readyz')
    expect(notReady.status).toBe(503)
    expect(notReady.headers.get('content-type')).toContain('application/problem+json')
    const body = (await notReady.json()) as { code: string; errors: { field: string; message: string }[] }
    expect(body.code).toBe('NOT_READY')
    expect(body.errors.map((e) => e.field).sort()).toEqual(['api.pokedex', 'etl.data', 'ml.model'])
    expect(body.errors.find((e) => e.field === 'etl.data')?.message).toBe('the ETL has not loaded data yet')
    await kernel.stages.run(
      'etl:load',
      {},
      { log: kernel.log, tty: false, signal: new AbortController().signal },
    )
    const stillNoModel = (await (await kernel.app.request('/readyz')).json()) as {
      errors: { field: string }[]
    }
    expect(stillNoModel.errors.map((e) => e.field)).toEqual(['ml.model'])
    expect((await kernel.app.request('/api/v1/model')).status).toBe(503)
    expect((await kernel.app.request('/api/v1/types')).status).toBe(200)
  })

  test('/metrics labels requests by route template, never the raw path', async () => {
    await kernel.app.request('/api/v1/types/effectiveness?attacking=fire&defending=grass')
    await kernel.app.request('/api/v1/nope/123')
    const text = await (await kernel.app.request('/metrics')).text()
    expect(text).toContain(
      'http_requests_total{method="GET",route="/api/v1/types/effectiveness",status="200",role="test"}',
    )
    expect(text).toContain('route="(unmatched)",status="404"')
    expect(text).not.toContain('/api/v1/nope/123')
    expect(text).toContain('http_request_duration_seconds_bucket')
  })

  test('/openapi.json is an OpenAPI 3.1 document covering every mounted route', async () => {
    const doc = (await (await kernel.app.request('/openapi.json')).json()) as {
      openapi: string
      paths: object
    }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/model',
      '/api/v1/model/truth',
      '/api/v1/monitoring/drift',
      '/api/v1/moves',
      '/api/v1/moves/{idOrSlug}',
      '/api/v1/pokemon',
      '/api/v1/pokemon/{idOrSlug}',
      '/api/v1/pokemon/{idOrSlug}/threats',
      '/api/v1/pokemon/{idOrSlug}/weaknesses',
      '/api/v1/predict/best-move',
      '/api/v1/predict/matchup',
      '/api/v1/predict/optimal',
      '/api/v1/simulate',
      '/api/v1/types',
      '/api/v1/types/effectiveness',
      '/api/v1/types/{idOrName}/pokemon',
      '/healthz',
      '/readyz',
    ])
  })

  test('the docs page and its assets are served locally (no CDN)', async () => {
    const page = await (await kernel.app.request('/docs')).text()
    expect(page).not.toMatch(/https?:\/\//)
    const scripts = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(scripts).toContain('/docs/assets/swagger-ui-bundle.js')
    for (const asset of scripts) {
      const res = await kernel.app.request(asset)
      expect(res.status).toBe(200)
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100)
    }
    expect((await kernel.app.request('/docs/assets/..%2Fpackage.json')).status).toBe(404)
  })

  test('unknown API routes are 404 problem+json; an error never leaks a stack trace', async () => {
    const res = await kernel.app.request('/api/v1/unknown')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(await res.json()).toMatchObject({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      instance: '/api/v1/unknown',
    })
    expect(res.headers.get('x-request-id')).toBeTruthy()
  })
})

describe('web-app errors', () => {
  test('a plugin renders the web app’s 404s and thrown errors (5xx without their message); /api stays JSON', async () => {
    const { Hono } = await import('hono')
    const { definePlugin } = await import('./plugin.ts')
    const seen: [number, string | undefined][] = []
    const pages = definePlugin({
      name: 'pages',
      setup(ctx) {
        const app = new Hono()
        app.get('/boom', () => {
          throw new Error('secret detail')
        })
        ctx.http.mount('/', app)
        ctx.http.htmlErrors((c, status, message) => {
          seen.push([status, message])
          return c.html(`<p>page ${status}</p>`, status as 404)
        })
      },
    })
    const kernel = await createTestKernel({ plugins: [pages] })
    const missing = await kernel.app.request('/nowhere')
    expect([missing.status, await missing.text()]).toEqual([404, '<p>page 404</p>'])
    const boom = await kernel.app.request('/boom')
    expect([boom.status, await boom.text()]).toEqual([500, '<p>page 500</p>'])
    expect(seen).toEqual([
      [404, undefined],
      [500, undefined],
    ])
    const api = await kernel.app.request('/api/v1/nowhere')
    expect(api.headers.get('content-type')).toContain('application/problem+json')
    await kernel.stop()
  })
})
