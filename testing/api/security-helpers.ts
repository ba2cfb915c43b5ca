import { Hono } from 'hono'
import { createMemoryLogger } from '../../core/log.ts'
import { createMetrics } from '../../core/metrics.ts'
import { hashApiKey } from '../../plugins/api/security/api-keys.ts'
import { type ApiSecurityConfig, apiSecurityConfig } from '../../plugins/api/security/config.ts'
import { type ApiSecurity, createApiSecurity } from '../../plugins/api/security/index.ts'

/** Two keys a test client may hold, and the config entries for them. */
export const KEY_A = 'test-key-a-0123456789'
export const KEY_B = 'test-key-b-9876543210'
export const HASHES = [hashApiKey(KEY_A), hashApiKey(KEY_B)].join(',')

/** A config parsed exactly as the kernel would from env strings (`API_` prefix dropped). */
export function parseConfig(raw: Record<string, string> = {}): ApiSecurityConfig {
  return apiSecurityConfig.parse(raw)
}

/** A manual clock in epoch milliseconds. */
export function manualClock(start = 1_700_000_000_000) {
  let time = start
  return {
    now: () => time,
    advance(ms: number) {
      time += ms
    },
  }
}

/** The `env` Bun.serve passes to `fetch`, faked so `getConnInfo` sees `address` as the socket peer. */
export function fromAddress(address: string) {
  return {
    server: { requestIP: () => ({ address, family: address.includes(':') ? 'IPv6' : 'IPv4', port: 40000 }) },
  }
}

/**
 * The wiring the api plugin is meant to use, on a bare Hono app: public reads under /pokemon,
 * key-protected predictions under /predict, a slow route to trip the timeout.
 */
export function buildApp(raw: Record<string, string> = {}, options: { now?: () => number } = {}) {
  const log = createMemoryLogger('debug')
  const metrics = createMetrics('test', { defaultMetrics: false })
  const security: ApiSecurity = createApiSecurity(parseConfig(raw), {
    log,
    metrics,
    ...(options.now ? { now: options.now } : {}),
  })
  const app = new Hono()
  app.use('*', security.securityHeaders, security.cors)
  app.use('/pokemon/*', security.rateLimit, security.requireApiKeyForReads)
  app.use(
    '/predict/*',
    security.predictRateLimit,
    security.requireApiKey,
    security.bodyLimit,
    security.timeout,
  )
  app.get('/pokemon/25', (c) => c.json({ id: 25, name: 'Pikachu' }))
  app.post('/predict/best-move', async (c) => c.json({ received: await c.req.json() }))
  app.get('/predict/slow', async (c) => {
    await Bun.sleep(Number(c.req.query('ms') ?? 200))
    return c.json({ late: true })
  })
  return { app, security, log, metrics }
}

/** Current value of a counter series. */
export async function counterValue(
  metrics: ReturnType<typeof createMetrics>,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const metric = metrics.registry.getSingleMetric(name)
  const data = await metric?.get()
  const hit = data?.values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val))
  return hit?.value ?? Number.NaN
}
