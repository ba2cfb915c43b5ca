/**
 * `bun bench/outage.ts <postgres-url>`: PostgreSQL stopped and restarted under traffic, through a
 * loopback proxy in front of the given (disposable) database, against `serve --role api` in a
 * child process. Prints, for the outage window, the answers by status and the slowest answer, then
 * how long the server took to become ready again after the database came back (no restart).
 * Bounded: loopback only, 16 clients, 8 s of outage.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateApiKey } from '../plugins/api/security/index.ts'
import { startTcpProxy } from '../testing/tcp-proxy.ts'
import { freePort, spawnServer, waitForReady } from './load/server-process.ts'

const target = new URL(process.argv[2] ?? process.env.TEST_DATABASE_URL ?? '')
if (!target.protocol.startsWith('postgres')) {
  console.error('usage: bun bench/outage.ts postgres://user@127.0.0.1:5432/db (a disposable database)')
  process.exit(2)
}
const ROOT = join(import.meta.dir, '..')
const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432))
const viaProxy = new URL(target)
viaProxy.hostname = '127.0.0.1'
viaProxy.port = String(proxy.port)
const schema = `outage_${Date.now().toString(36)}`
viaProxy.searchParams.set('options', `-c search_path=${schema}`)
const { hash } = generateApiKey()
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DATABASE_URL: viaProxy.toString(),
  DATA_DIR: mkdtempSync(join(tmpdir(), 'pdx-outage-')),
  API_KEYS: hash,
  API_RATE_LIMIT_PER_MINUTE: '10000000',
  LOG_LEVEL: 'error',
}
const admin = Bun.spawn([
  'bun',
  '-e',
  `import('${ROOT}/core/db/postgres.ts').then(async (m) => { const db = m.openPostgres(${JSON.stringify(target.toString())}); await db.exec('CREATE SCHEMA ${schema}'); await db.close() })`,
])
await admin.exited
const load = Bun.spawn(['bun', join(ROOT, 'core/cli/stage.ts'), 'etl:load'], { cwd: ROOT, env })
if ((await load.exited) !== 0) throw new Error('etl:load failed')
const port = freePort('127.0.0.1')
const server = spawnServer({
  cmd: ['bun', join(ROOT, 'core/cli/serve.ts'), '--role', 'api'],
  cwd: ROOT,
  env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
  host: '127.0.0.1',
  port,
})
try {
  const ready = await waitForReady(server, `${server.baseUrl}/readyz`, {
    timeoutMs: 60_000,
    accept: (s) => s === 200 || s === 503,
  })
  if (!ready.ready) throw new Error(ready.reason)
  const paths = [
    '/api/v1/pokemon/25',
    '/api/v1/moves?limit=5',
    '/api/v1/types/effectiveness?attacking=fire',
    '/readyz',
  ]
  for (const p of paths) await fetch(`${server.baseUrl}${p}`) // warm the caches
  proxy.setMode('down')
  const stopAt = performance.now() + 8_000
  const statuses = new Map<string, number>()
  let slowest = 0
  const client = async (i: number) => {
    for (let n = i; performance.now() < stopAt; n++) {
      const path = paths[n % paths.length]!
      const started = performance.now()
      const res = await fetch(`${server.baseUrl}${path}`, { signal: AbortSignal.timeout(15_000) }).catch(
        () => undefined,
      )
      slowest = Math.max(slowest, performance.now() - started)
      const key = `${path.split('?')[0]} ${res?.status ?? 'no answer'}`
      statuses.set(key, (statuses.get(key) ?? 0) + 1)
      await res?.arrayBuffer()
    }
  }
  await Promise.all(Array.from({ length: 16 }, (_, i) => client(i)))
  console.log('database stopped for 8 s under 16 clients; answers by route and status:')
  for (const [k, n] of [...statuses.entries()].sort()) console.log(`  ${k}: ${n}`)
  console.log(`  slowest answer: ${(slowest / 1000).toFixed(2)} s`)
  proxy.setMode('up')
  const back = performance.now()
  const again = await waitForReady(server, `${server.baseUrl}/readyz`, {
    timeoutMs: 30_000,
    accept: (s) => s === 200,
  })
  console.log(
    `database back: /readyz 200 again after ${((performance.now() - back) / 1000).toFixed(2)} s (${again.ready ? 'recovered, no restart' : again.reason})`,
  )
} finally {
  await server.stop()
  await proxy.close()
}
