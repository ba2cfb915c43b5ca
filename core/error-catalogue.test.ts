import { describe, expect, test } from 'bun:test'
import { join } from 'node:path'
import { Glob } from 'bun'
import { Hono } from 'hono'
import { ERROR_CATALOGUE, type ErrorCode, isErrorCode } from './error-catalogue.ts'
import { errorTableMarkdown } from './error-docs.ts'
import { KernelError } from './errors.ts'
import { createHttp } from './http.ts'
import { createMemoryLogger } from './log.ts'
import { createMetrics } from './metrics.ts'

const ROOT = join(import.meta.dir, '..')
const CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[]

/** A root app with one route per code that throws that code, plainly and wrapped in a cause. */
function appThrowing() {
  const http = createHttp({
    log: createMemoryLogger('error'),
    metrics: createMetrics('test', { defaultMetrics: false }),
    version: 'test',
  })
  const router = new Hono()
  router.get('/plain/:code', (c) => {
    throw new KernelError(c.req.param('code') as ErrorCode, 'the domain said no')
  })
  router.get('/wrapped/:code', () => {
    // A library or a plugin wrapping a coded error keeps its status.
    throw new Error('outer', { cause: new KernelError('ML_NO_MODEL', 'inner') })
  })
  router.get('/uncoded', () => {
    throw new TypeError('secret internals at /srv/app')
  })
  http.registrar('test').mount('/api/v1/t', router)
  http.registrar('test').mount('/page', router)
  return http.app
}

describe('the error catalogue', () => {
  const app = appThrowing()

  test('every code answers with its catalogued status and problem+json, under /api and on pages', async () => {
    for (const code of CODES) {
      const [status] = ERROR_CATALOGUE[code]
      const res = await app.request(`/api/v1/t/plain/${code}`)
      expect({ code, status: res.status }).toEqual({ code, status })
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const body = (await res.json()) as { code: string; type: string; title: string }
      expect(body).toMatchObject({ code, type: `/docs/errors#${code.toLowerCase().replaceAll('_', '-')}` })
      const page = await app.request(`/page/plain/${code}`)
      expect({ code, status: page.status }).toEqual({ code, status })
      expect(page.headers.get('content-type')).toContain('text/html')
    }
  })

  test('no domain error reaches a client as a 500: only bugs and non-request failures are 500', async () => {
    const domain = CODES.filter((code) => ERROR_CATALOGUE[code][0] !== 500)
    expect(domain.length).toBeGreaterThan(60)
    for (const code of domain) {
      expect((await app.request(`/api/v1/t/plain/${code}`)).status).not.toBe(500)
    }
    expect((await app.request('/api/v1/t/wrapped/x')).status).toBe(503)
    const uncoded = await app.request('/api/v1/t/uncoded')
    expect(uncoded.status).toBe(500)
    expect(await uncoded.text()).not.toContain('/srv/app')
  })

  test('a 5xx answer never shows the error message (it may name hosts, paths or SQL)', async () => {
    const body = (await (await app.request('/api/v1/t/plain/MIGRATION_FAILED')).json()) as { detail: string }
    expect(body.detail).toBe('Migration failed')
    const client = (await (await app.request('/api/v1/t/plain/POKEMON_NOT_FOUND')).json()) as {
      detail: string
    }
    expect(client.detail).toBe('the domain said no')
  })

  test('only own keys are codes', () => {
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode('__proto__')).toBe(false)
    expect(isErrorCode('ML_NO_MODEL')).toBe(true)
  })

  test('every explicit status given with a code in the source agrees with the catalogue', async () => {
    const disagreements: string[] = []
    const call = /sendProblem\(\s*c,\s*(\d{3}),\s*\{\s*code:\s*'([A-Z0-9_]+)'/g
    for (const path of new Glob('{core,plugins}/**/*.{ts,tsx}').scanSync({ cwd: ROOT })) {
      const source = await Bun.file(join(ROOT, path)).text()
      for (const [, status, code] of source.matchAll(call)) {
        if (!isErrorCode(code) || ERROR_CATALOGUE[code][0] !== Number(status)) {
          disagreements.push(`${path}: ${status} ${code}`)
        }
      }
    }
    expect(disagreements).toEqual([])
  })

  test('docs/errors.md is generated from the catalogue (bun scripts/error-table.ts > docs/errors.md)', async () => {
    const doc = await Bun.file(join(ROOT, 'docs', 'errors.md')).text()
    expect(doc).toContain(errorTableMarkdown())
    const page = await appThrowing().request('/docs/errors')
    const html = await page.text()
    for (const code of CODES) expect(html).toContain(`id="${code.toLowerCase().replaceAll('_', '-')}"`)
  })
})
