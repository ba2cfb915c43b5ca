import { describe, expect, test } from 'bun:test'
import { describeConfig, readConfig } from '../../../core/config.ts'
import type { KernelError } from '../../../core/errors.ts'
import { createMemoryLogger } from '../../../core/log.ts'
import { createMetrics } from '../../../core/metrics.ts'
import { HASHES, parseConfig } from '../../../testing/api/security-helpers.ts'
import { hashApiKey } from './api-keys.ts'
import { apiSecurityConfig } from './config.ts'
import { ApiSecurityError } from './errors.ts'
import { createApiSecurity } from './index.ts'

const section = { prefix: 'api', schema: apiSecurityConfig }

function bootError(env: Record<string, string>): KernelError {
  try {
    readConfig(env, [section])
  } catch (error) {
    return error as KernelError
  }
  throw new Error('readConfig accepted the configuration')
}

describe('apiSecurityConfig', () => {
  test('defaults are safe: no keys, no CORS, public reads, proxy headers ignored', () => {
    expect(parseConfig()).toEqual({
      keys: [],
      authDisabled: false,
      publicReads: true,
      trustProxy: false,
      rateLimitPerMinute: 600,
      predictRateLimitPerMinute: 120,
      rateLimitMaxClients: 10_000,
      corsOrigins: [],
      corsAllowAny: false,
      bodyLimitBytes: 65_536,
      requestTimeoutMs: 10_000,
    })
  })

  test('reads the API_ env names through the kernel', () => {
    const { values } = readConfig(
      {
        API_KEYS: ` ${HASHES} `,
        API_AUTH_DISABLED: 'false',
        API_TRUST_PROXY: 'yes',
        API_RATE_LIMIT_PER_MINUTE: '60',
        API_PREDICT_RATE_LIMIT_PER_MINUTE: '6',
        API_CORS_ORIGINS: 'https://dex.example, http://localhost:5173',
        API_BODY_LIMIT_BYTES: '1024',
        API_REQUEST_TIMEOUT_MS: '500',
      },
      [section],
    )
    expect(values.api).toMatchObject({
      keys: HASHES.split(','),
      authDisabled: false,
      trustProxy: true,
      rateLimitPerMinute: 60,
      predictRateLimitPerMinute: 6,
      corsOrigins: ['https://dex.example', 'http://localhost:5173'],
      bodyLimitBytes: 1024,
      requestTimeoutMs: 500,
    })
  })

  test('a plaintext key fails boot, naming API_KEYS and how to hash', () => {
    const error = bootError({ API_KEYS: `${hashApiKey('a')},letmein` })
    expect(error.code).toBe('CONFIG_INVALID')
    expect(error.message).toContain('API_KEYS')
    expect(error.message).toContain('never a plaintext key')
    expect(error.message).toContain('bun -e')
  })

  test('"*" needs API_CORS_ALLOW_ANY=true; malformed origins are refused', () => {
    expect(bootError({ API_CORS_ORIGINS: '*' }).message).toContain('API_CORS_ORIGINS')
    expect(
      readConfig({ API_CORS_ORIGINS: '*', API_CORS_ALLOW_ANY: 'true' }, [section]).values.api,
    ).toMatchObject({
      corsOrigins: ['*'],
    })
    for (const origin of [
      'https://dex.example/',
      'https://dex.example/api',
      'dex.example',
      'https://x:443',
    ]) {
      expect(bootError({ API_CORS_ORIGINS: origin }).message).toContain('exact origin')
    }
  })

  test('every variable is documented with its default', () => {
    const rows = describeConfig('api', apiSecurityConfig)
    expect(rows.map((r) => r.name)).toEqual([
      'API_KEYS',
      'API_AUTH_DISABLED',
      'API_PUBLIC_READS',
      'API_TRUST_PROXY',
      'API_RATE_LIMIT_PER_MINUTE',
      'API_PREDICT_RATE_LIMIT_PER_MINUTE',
      'API_RATE_LIMIT_MAX_CLIENTS',
      'API_CORS_ORIGINS',
      'API_CORS_ALLOW_ANY',
      'API_BODY_LIMIT_BYTES',
      'API_REQUEST_TIMEOUT_MS',
    ])
    for (const row of rows) expect(row.description.length).toBeGreaterThan(20)
    expect(rows.find((r) => r.name === 'API_PREDICT_RATE_LIMIT_PER_MINUTE')?.default).toBe('120')
  })
})

describe('createApiSecurity re-checks what a merged schema could lose', () => {
  const deps = () => ({ log: createMemoryLogger(), metrics: createMetrics('t', { defaultMetrics: false }) })

  test('plaintext keys and an unconfirmed wildcard throw coded errors', () => {
    const plain = { ...parseConfig(), keys: ['letmein'] }
    expect(() => createApiSecurity(plain, deps())).toThrow(ApiSecurityError)
    const wildcard = { ...parseConfig(), corsOrigins: ['*'] }
    try {
      createApiSecurity(wildcard, deps())
      throw new Error('accepted')
    } catch (error) {
      expect((error as ApiSecurityError).code).toBe('CORS_WILDCARD_REFUSED')
    }
    const allowed = createApiSecurity({ ...wildcard, corsAllowAny: true }, deps())
    expect(allowed.warnings().join('\n')).toContain('CORS allows every origin')
  })

  test('a production configuration produces no warning', () => {
    expect(createApiSecurity(parseConfig({ keys: HASHES }), deps()).warnings()).toEqual([])
  })
})
