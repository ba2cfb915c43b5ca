import { describe, expect, test } from 'bun:test'
import { buildApp, counterValue, HASHES, KEY_A, KEY_B } from '../../../testing/api/security-helpers.ts'
import { createApiKeyVerifier, generateApiKey, hashApiKey } from './api-keys.ts'
import { ApiSecurityError } from './errors.ts'

const predict = (headers: Record<string, string> = {}) =>
  ({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"a":1}' }) as const

describe('hashApiKey / generateApiKey', () => {
  test('hashes with SHA-256 in the configured form', () => {
    // Known vector: SHA-256("abc").
    expect(hashApiKey('abc')).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
  })

  test('generates a random key whose hash verifies', () => {
    const first = generateApiKey()
    const second = generateApiKey()
    expect(first.key).not.toBe(second.key)
    expect(first.key.length).toBeGreaterThanOrEqual(43)
    expect(first.hash).toBe(hashApiKey(first.key))
    expect(createApiKeyVerifier([first.hash]).match(first.key)).toBe(first.hash)
  })
})

describe('createApiKeyVerifier', () => {
  test('matches any of several keys and nothing else', () => {
    const verifier = createApiKeyVerifier(HASHES.split(','))
    expect(verifier.size).toBe(2)
    expect(verifier.match(KEY_A)).toBe(hashApiKey(KEY_A))
    expect(verifier.match(KEY_B)).toBe(hashApiKey(KEY_B))
    expect(verifier.match(`${KEY_A}x`)).toBeUndefined()
    expect(verifier.match(hashApiKey(KEY_A))).toBeUndefined() // the hash itself is not a key
    expect(verifier.match('')).toBeUndefined()
  })

  test('refuses a plaintext key without repeating it', () => {
    const secret = 'my-plaintext-secret'
    let caught: unknown
    try {
      createApiKeyVerifier([hashApiKey(KEY_A), secret])
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ApiSecurityError)
    expect((caught as ApiSecurityError).code).toBe('API_KEY_PLAINTEXT')
    expect((caught as Error).message).toContain('entry #2')
    expect((caught as Error).message).not.toContain(secret)
  })

  test('refuses upper-case hex and wrong lengths', () => {
    const upper = hashApiKey(KEY_A).toUpperCase().replace('SHA256', 'sha256')
    expect(() => createApiKeyVerifier([upper])).toThrow(ApiSecurityError)
    expect(() => createApiKeyVerifier([hashApiKey(KEY_A).slice(0, -1)])).toThrow(ApiSecurityError)
  })
})

describe('requireApiKey', () => {
  test('401 without a key, 403 with a wrong one, 200 with either configured key', async () => {
    const { app } = buildApp({ keys: HASHES })
    const missing = await app.request('/predict/best-move', predict())
    expect(missing.status).toBe(401)
    expect(missing.headers.get('content-type')).toBe('application/problem+json')
    expect(missing.headers.get('www-authenticate')).toBe('ApiKey header="X-API-Key"')
    const missingBody = (await missing.json()) as { code: string; detail: string; status: number }
    expect(missingBody).toMatchObject({ code: 'API_KEY_MISSING', status: 401, title: 'API key missing' })
    expect(missingBody.detail).toContain('X-API-Key')

    const wrong = await app.request('/predict/best-move', predict({ 'X-API-Key': 'nope' }))
    expect(wrong.status).toBe(403)
    expect(((await wrong.json()) as { code: string }).code).toBe('API_KEY_INVALID')

    for (const key of [KEY_A, KEY_B]) {
      const ok = await app.request('/predict/best-move', predict({ 'x-api-key': key }))
      expect(ok.status).toBe(200)
      expect(await ok.json()).toEqual({ received: { a: 1 } })
    }
  })

  test('an empty header counts as missing', async () => {
    const { app } = buildApp({ keys: HASHES })
    expect((await app.request('/predict/best-move', predict({ 'X-API-Key': '' }))).status).toBe(401)
  })

  test('fails closed with 503 when no key is configured', async () => {
    const { app, security } = buildApp({})
    const res = await app.request('/predict/best-move', predict({ 'X-API-Key': KEY_A }))
    expect(res.status).toBe(503)
    expect(((await res.json()) as { code: string }).code).toBe('API_KEYS_NOT_CONFIGURED')
    expect(security.warnings().join('\n')).toContain('API_KEYS is empty')
  })

  test('the bypass needs API_AUTH_DISABLED=true and is announced', async () => {
    for (const value of ['false', '0', '']) {
      const { app, security } = buildApp({ authDisabled: value })
      expect((await app.request('/predict/best-move', predict())).status).toBe(503)
      expect(security.warnings().join('\n')).not.toContain('DISABLED')
    }
    const { app, security } = buildApp({ authDisabled: 'true', keys: HASHES })
    expect((await app.request('/predict/best-move', predict())).status).toBe(200)
    const warnings = security.warnings()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('API AUTHENTICATION IS DISABLED')
    expect(warnings[0]).toContain('2 configured key(s) are ignored')
  })

  test('reads are public by default and protected when API_PUBLIC_READS=false', async () => {
    const open = buildApp({ keys: HASHES })
    expect((await open.app.request('/pokemon/25')).status).toBe(200)
    const closed = buildApp({ keys: HASHES, publicReads: 'false' })
    expect((await closed.app.request('/pokemon/25')).status).toBe(401)
    expect((await closed.app.request('/pokemon/25', { headers: { 'X-API-Key': KEY_B } })).status).toBe(200)
  })

  test('counts refusals by reason, never by key', async () => {
    const { app, metrics } = buildApp({ keys: HASHES })
    await app.request('/predict/best-move', predict())
    await app.request('/predict/best-move', predict({ 'X-API-Key': 'wrong' }))
    await app.request('/predict/best-move', predict({ 'X-API-Key': 'wrong-again' }))
    const name = 'predictiondex_api_auth_failures_total'
    expect(await counterValue(metrics, name, { reason: 'missing' })).toBe(1)
    expect(await counterValue(metrics, name, { reason: 'invalid' })).toBe(2)
    expect(await counterValue(metrics, name, { reason: 'not_configured' })).toBe(0)
    expect(await metrics.registry.metrics()).not.toContain('wrong')
  })
})
