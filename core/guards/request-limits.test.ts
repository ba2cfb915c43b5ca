import { describe, expect, test } from 'bun:test'
import { buildApp, HASHES, KEY_A } from '../../testing/api/security-helpers.ts'

const LIMIT = 1024

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    body,
    headers: { 'X-API-Key': KEY_A, 'content-type': 'application/json', ...headers },
  }
}

/** A body sent in chunks, with no Content-Length (as `Transfer-Encoding: chunked` arrives). */
function chunked(totalBytes: number, chunkBytes = 100): ReadableStream<Uint8Array> {
  let sent = 0
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close()
      const size = Math.min(chunkBytes, totalBytes - sent)
      controller.enqueue(new TextEncoder().encode(' '.repeat(size)))
      sent += size
    },
  })
}

const json = (bytes: number) => `{"pad":"${'x'.repeat(bytes - 10)}"}`

describe('body limit', () => {
  const { app } = buildApp({ keys: HASHES, bodyLimitBytes: String(LIMIT) })

  test('413 problem from a Content-Length above the limit', async () => {
    const res = await app.request(
      '/predict/best-move',
      post(json(LIMIT + 1), { 'content-length': String(LIMIT + 1) }),
    )
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toMatchObject({
      status: 413,
      code: 'BODY_TOO_LARGE',
      title: 'Request body too large',
    })
  })

  test('413 for a large body without Content-Length', async () => {
    const body = json(LIMIT + 1)
    expect(new Request('http://x/', { method: 'POST', body }).headers.get('content-length')).toBeNull()
    expect((await app.request('/predict/best-move', post(body))).status).toBe(413)
  })

  test('413 for a chunked stream that grows past the limit', async () => {
    expect((await app.request('/predict/best-move', post(chunked(LIMIT * 4)))).status).toBe(413)
  })

  test('bodies at the limit still reach the handler intact, whichever way they come', async () => {
    const exact = json(LIMIT)
    expect(exact.length).toBe(LIMIT)
    const withLength = await app.request(
      '/predict/best-move',
      post(exact, { 'content-length': String(LIMIT) }),
    )
    expect(withLength.status).toBe(200)
    expect(((await withLength.json()) as { received: { pad: string } }).received.pad.length).toBe(LIMIT - 10)
    expect((await app.request('/predict/best-move', post(exact))).status).toBe(200)
    const stream = new Blob([exact]).stream()
    expect((await app.request('/predict/best-move', post(stream))).status).toBe(200)
  })

  test('the key check comes first: an unauthenticated large body is refused without reading it', async () => {
    const res = await app.request('/predict/best-move', { method: 'POST', body: chunked(LIMIT * 4) })
    expect(res.status).toBe(401)
  })
})

describe('timeout', () => {
  test('503 TIMEOUT problem when the handler is too slow; fast requests are untouched', async () => {
    const { app, log } = buildApp({ keys: HASHES, requestTimeoutMs: '50' })
    const headers = { 'X-API-Key': KEY_A }
    // The handler would answer 200 after 400 ms: a 503 TIMEOUT is the middleware answering first.
    const slow = await app.request('/predict/slow?ms=400', { headers })
    expect(slow.status).toBe(503)
    expect(slow.headers.get('content-type')).toBe('application/problem+json')
    expect(await slow.json()).toMatchObject({ status: 503, code: 'TIMEOUT' })
    expect(slow.headers.get('X-Content-Type-Options')).toBe('nosniff')
    expect(log.lines.some((line) => line.msg === 'request timed out')).toBe(true)

    const fast = await app.request('/predict/slow?ms=1', { headers })
    expect(fast.status).toBe(200)
    expect(await fast.json()).toEqual({ late: true })
  })

  test('a handler that fails after the timeout changes nothing and raises nothing', async () => {
    const { app } = buildApp({ keys: HASHES, requestTimeoutMs: '20' })
    const handled: string[] = []
    app.onError((error, c) => {
      handled.push(error.message)
      return c.json({ error: error.message }, 500)
    })
    app.get('/predict/explodes', async () => {
      await Bun.sleep(60)
      throw new Error('too late')
    })
    const res = await app.request('/predict/explodes', { headers: { 'X-API-Key': KEY_A } })
    expect(res.status).toBe(503)
    await Bun.sleep(80) // let the late failure happen inside this test
    // The late error went to onError (the kernel logs it), not to an unhandled rejection.
    expect(handled).toEqual(['too late'])
  })
})
