import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { connect } from 'node:net'
import { join } from 'node:path'
import type { Kernel } from '../../core/kernel.ts'
import { type KernelServer, serveKernel } from '../../core/server.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { loadedPokedexFile } from '../../testing/pokedex-db.ts'
import { STRICT_CSP } from '../../testing/ui/browser.ts'
import { etlPlugin } from '../etl/index.ts'
import { mlPlugin } from '../ml/index.ts'
import { uiPlugin } from './index.ts'

/**
 * The web app's guards: what a hostile client gets (the pages themselves are tested elsewhere).
 * Guards act before any page handler, so no model is loaded (the kernel is not started).
 */
async function uiKernel(env: Record<string, string> = {}): Promise<Kernel> {
  return createTestKernel({
    plugins: [etlPlugin, mlPlugin, uiPlugin],
    env: {
      DATABASE_URL: `sqlite:${await loadedPokedexFile()}`,
      MODELS_DIR: join(import.meta.dir, '..', '..', 'models'),
      ...env,
    },
  })
}

const formPost = (body: BodyInit, type: string) => ({
  method: 'POST',
  headers: { 'content-type': type },
  body,
})

describe('web app guards', () => {
  let kernel: Kernel
  beforeAll(async () => {
    kernel = await uiKernel()
  }, 300_000)
  afterAll(() => kernel.stop())

  test('/static/<name of an Object.prototype member> is a 404, not a 500 (issue 13, #4)', async () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
      const res = await kernel.app.request(`/static/${name}`)
      expect({ name, status: res.status }).toEqual({ name, status: 404 })
    }
    expect((await kernel.app.request('/static/app.css')).status).toBe(200)
  })

  test('malformed multipart is a 400, never a 500 (issue 13, #5)', async () => {
    for (const path of ['/quiz/answer']) {
      const res = await kernel.app.request(
        path,
        formPost(
          '--x\r\nContent-Disposition: form-data; name="pokemon_a"\r\n\r\npika',
          'multipart/form-data; boundary=x',
        ),
      )
      expect({ path, status: res.status }).toEqual({ path, status: 400 })
      expect(await res.text()).toContain('could not be parsed')
      expect(res.headers.get('content-type')).toContain('text/html')
    }
  })

  test('a form body above UI_BODY_LIMIT_BYTES is a 413 (a 50 MB form was read whole)', async () => {
    const big = new URLSearchParams({ pokemon_a: 'pikachu', filler: 'x'.repeat(64 * 1024) }).toString()
    for (const path of ['/quiz/answer']) {
      const res = await kernel.app.request(path, formPost(big, 'application/x-www-form-urlencoded'))
      expect({ path, status: res.status }).toEqual({ path, status: 413 })
    }
  })

  test('pages, /docs and /metrics carry security headers; the page CSP allows only local scripts (issue 13, #8)', async () => {
    const page = await kernel.app.request('/types')
    const csp = page.headers.get('content-security-policy') ?? ''
    // The policy the browser suite proves every journey works under.
    expect(
      csp
        .split(';')
        .map((d) => d.trim())
        .sort(),
    ).toEqual(
      STRICT_CSP.split(';')
        .map((d) => d.trim())
        .sort(),
    )
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    expect(page.headers.get('x-frame-options')).toBe('DENY')
    const docs = await kernel.app.request('/docs')
    expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'")
    const metrics = await kernel.app.request('/metrics')
    expect(metrics.headers.get('content-security-policy')).toContain("default-src 'none'")
    expect(metrics.headers.get('x-content-type-options')).toBe('nosniff')
  })

  test('a wrong method is a 405 naming the allowed ones, not a 404 (issue 13, #8)', async () => {
    const put = await kernel.app.request('/quiz/answer', { method: 'PUT' })
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toBe('POST')
    const post = await kernel.app.request('/predict', { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD')
    const del = await kernel.app.request('/types', { method: 'DELETE' })
    expect(del.status).toBe(405)
    expect(del.headers.get('allow')).toBe('GET, HEAD')
    expect((await kernel.app.request('/no-such-page', { method: 'DELETE' })).status).toBe(404)
  })
})

test('form posts are rate limited per client (429 past UI_RATE_LIMIT_PER_MINUTE)', async () => {
  const kernel = await uiKernel({ UI_RATE_LIMIT_PER_MINUTE: '3' })
  try {
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      const res = await kernel.app.request(
        '/quiz/answer',
        formPost('score=0', 'application/x-www-form-urlencoded'),
      )
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 3)).not.toContain(429)
    expect(statuses[3]).toBe(429)
    // Pages are not counted.
    expect((await kernel.app.request('/types')).status).toBe(200)
  } finally {
    await kernel.stop()
  }
}, 300_000)

describe('a stalled body over real HTTP', () => {
  let kernel: Kernel
  let http: KernelServer
  beforeAll(async () => {
    kernel = await uiKernel({ BODY_TIMEOUT_MS: '300' })
    http = serveKernel(kernel, { port: 0, hostname: '127.0.0.1' })
  }, 300_000)
  afterAll(async () => {
    await http.drain(1000)
    await kernel.stop()
  })

  test('is answered 408 REQUEST_TIMEOUT, not 503 (issue 13, #8)', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(http.server.port!, '127.0.0.1', () => {
        // Promise 100 bytes, send 10, then nothing.
        socket.write(
          'POST /quiz/answer HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\npokemon_a=',
        )
      })
      let text = ''
      socket.on('data', (chunk) => {
        text += chunk.toString()
        if (text.includes('\r\n\r\n')) {
          socket.destroy()
          resolve(text.split('\r\n')[0]!)
        }
      })
      socket.on('error', reject)
    })
    expect(answer).toBe('HTTP/1.1 408 Request Timeout')
  })
})
