/**
 * End to end with the real programs (`bun run monitoring:e2e`; CI runs it after the tests):
 * the app (api and ui roles), Debian's Prometheus with the project's rules, Alertmanager through
 * its entrypoint, node-exporter, the Pushgateway and a small webhook receiver, all on loopback
 * ports. An ETL and the trainer push their runs; predictions of one matchup over and over shift
 * the feature distribution until FeatureDriftHigh fires and reaches the webhook; every dashboard
 * query must then return series from Prometheus' HTTP API. Bounded in time; everything it starts
 * is stopped, whatever happens (and listed in PDEX_MONITORING_PIDFILE for .ci/run).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateApiKey } from '../../plugins/api/security/index.ts'
import { committedQueries } from '../grafana/dashboards.ts'
import { SAMPLE_BEST_MOVE } from './booted-kernel.fixture.ts'
import { freePort, type Ports, writeAlertmanagerTemplate, writePrometheusConfig } from './e2e-setup.ts'
import { type Program, startProgram, waitForHttp } from './processes.ts'

/** The whole run must end within this; a stuck step fails it instead of hanging CI. */
const DEADLINE_MS = 240_000
/**
 * Dashboard queries expected to be empty here, and why: the trainer skips (the shipped champion
 * exists), so no dataset or model metrics are pushed. Everything else must return series.
 */
const EMPTY_WITHOUT_TRAINING = /predictiondex_(dataset_|model_trees|model_promoted|model_evaluation)/

const root = join(import.meta.dir, '..', '..')
const started = performance.now()
const seconds = () => ((performance.now() - started) / 1000).toFixed(1)
const log = (message: string) => console.log(`[${seconds().padStart(5)} s] ${message}`)

const work = mkdtempSync(join(tmpdir(), 'pdex-monitoring-e2e-'))
const programs: Program[] = []
const webhookBodies: { status: string; alerts: { status: string; labels: Record<string, string> }[] }[] = []
let webhook: ReturnType<typeof Bun.serve> | undefined

async function stopAll(): Promise<void> {
  await Promise.all(programs.map((p) => p.stop()))
  webhook?.stop(true)
  rmSync(work, { recursive: true, force: true })
}

const deadline = setTimeout(() => {
  console.error(`e2e: deadline of ${DEADLINE_MS / 1000} s passed; stopping everything`)
  void stopAll().then(() => process.exit(1))
}, DEADLINE_MS)

async function poll<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const value = await check()
    if (value !== undefined) return value
    await Bun.sleep(500)
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`)
}

async function run(command: string[], env: Record<string, string>, name: string): Promise<void> {
  const program = startProgram(command[0]!, command.slice(1), {
    env: { ...process.env, ...env },
    cwd: root,
    name,
  })
  programs.push(program)
  const code = await program.exited
  if (code !== 0) throw new Error(`${name} exited ${code}:\n${program.output().slice(-3000)}`)
}

async function promQuery(port: number, expr: string): Promise<unknown[]> {
  const url = `http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(expr)}`
  const body = (await (await fetch(url)).json()) as {
    status: string
    error?: string
    data?: { result: unknown[] }
  }
  if (body.status !== 'success') throw new Error(`query failed: ${expr}: ${body.error}`)
  return body.data?.result ?? []
}

async function main(): Promise<void> {
  const taken = new Set<number>()
  const ports = Object.fromEntries(
    ['api', 'ui', 'prometheus', 'alertmanager', 'node', 'pushgateway', 'webhook'].map((k) => [
      k,
      freePort(taken),
    ]),
  ) as Ports
  log(`ports ${JSON.stringify(ports)}; work dir ${work}`)

  webhook = Bun.serve({
    hostname: '127.0.0.1',
    port: ports.webhook,
    async fetch(request) {
      webhookBodies.push((await request.json()) as (typeof webhookBodies)[number])
      return new Response('ok')
    },
  })

  const start = (command: string, args: string[], env: Record<string, string> = {}) => {
    const program = startProgram(command, args, { env: { ...process.env, ...env }, cwd: root })
    programs.push(program)
    return program
  }
  const gateway = start('prometheus-pushgateway', [`--web.listen-address=127.0.0.1:${ports.pushgateway}`])
  const node = start('prometheus-node-exporter', [`--web.listen-address=127.0.0.1:${ports.node}`])
  const alertmanager = start(
    'sh',
    [
      'ops/alertmanager/entrypoint.sh',
      `--web.listen-address=127.0.0.1:${ports.alertmanager}`,
      `--storage.path=${join(work, 'alertmanager')}`,
      '--cluster.listen-address=',
    ],
    {
      ALERT_WEBHOOK_URL: `http://127.0.0.1:${ports.webhook}/hook`,
      ALERTMANAGER_TEMPLATE: writeAlertmanagerTemplate(work),
      ALERTMANAGER_CONFIG: join(work, 'alertmanager.yml'),
      ALERTMANAGER_BIN: 'prometheus-alertmanager',
    },
  )

  // The batch roles: ETL into a SQLite file, then the trainer (it skips: the shipped champion
  // exists), both pushing each stage run to the Pushgateway.
  const { key, hash } = generateApiKey()
  const appEnv = {
    DATA_DIR: join(work, 'data'),
    DATABASE_URL: `sqlite:${join(work, 'predictiondex.sqlite')}`,
    MODELS_DIR: join(root, 'models'),
    PUSHGATEWAY_URL: `http://127.0.0.1:${ports.pushgateway}`,
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
  }
  await waitForHttp(`http://127.0.0.1:${ports.pushgateway}/-/ready`, { program: gateway })
  await run(['bun', 'core/cli/stage.ts', '--role', 'etl', 'etl'], appEnv, 'etl')
  await run(
    ['bun', 'core/cli/stage.ts', '--role', 'trainer', 'ml'],
    { ...appEnv, ML_SKIP_IF_EXISTS: 'true' },
    'trainer',
  )
  log('etl and trainer ran and pushed their stage runs')

  const serve = (role: 'api' | 'ui') =>
    start('bun', ['core/cli/serve.ts', '--role', role], {
      ...appEnv,
      PORT: String(ports[role]),
      HOST: '127.0.0.1',
      API_KEYS: hash,
    })
  const api = serve('api')
  const ui = serve('ui')
  // Prometheus last, once every target can answer: an app still booting would be (rightly)
  // reported down with these 2-second `for` clauses.
  for (const [program, url] of [
    [api, `http://127.0.0.1:${ports.api}/readyz`],
    [ui, `http://127.0.0.1:${ports.ui}/readyz`],
    [node, `http://127.0.0.1:${ports.node}/metrics`],
    [alertmanager, `http://127.0.0.1:${ports.alertmanager}/-/ready`],
  ] as const) {
    await waitForHttp(url, { program, timeoutMs: 60_000 })
  }
  const promConfig = writePrometheusConfig(work, ports)
  await run(['promtool', 'check', 'config', promConfig], {}, 'promtool check config (end-to-end copy)')
  const prometheus = start('prometheus', [
    `--config.file=${promConfig}`,
    `--storage.tsdb.path=${join(work, 'prometheus')}`,
    `--web.listen-address=127.0.0.1:${ports.prometheus}`,
  ])
  for (const [program, url] of [[prometheus, `http://127.0.0.1:${ports.prometheus}/-/ready`]] as const) {
    await waitForHttp(url, { program, timeoutMs: 60_000 })
  }
  log('app (api, ui), prometheus, alertmanager, node-exporter and pushgateway answer')

  const targets = await poll('every scrape target up', 30_000, async () => {
    const body = (await (await fetch(`http://127.0.0.1:${ports.prometheus}/api/v1/targets`)).json()) as {
      data: { activeTargets: { health: string; labels: Record<string, string> }[] }
    }
    const active = body.data.activeTargets
    return active.length > 0 && active.every((t) => t.health === 'up') ? active : undefined
  })
  log(
    `all ${targets.length} targets up: ${targets.map((t) => t.labels.job + (t.labels.role ? `/${t.labels.role}` : '')).join(', ')}`,
  )

  // Traffic: reads on both roles, a rejected key, then one matchup predicted again and again —
  // a distribution nothing like the training data's.
  const apiUrl = `http://127.0.0.1:${ports.api}`
  for (const path of ['/api/v1/types', '/api/v1/pokemon/25', '/api/v1/pokemon/unknown-mon'])
    await fetch(apiUrl + path)
  for (const path of ['/', '/pokedex', '/moves']) await fetch(`http://127.0.0.1:${ports.ui}${path}`)
  const predict = (apiKey: string) =>
    fetch(`${apiUrl}/api/v1/predict/best-move`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body: JSON.stringify(SAMPLE_BEST_MOVE),
    })
  await predict('not-a-key')
  // On a loaded 2-core machine the first exact solves can pass the API's 10 s request timeout
  // (503 TIMEOUT); this run proves the monitoring chain, not latency, so a refused prediction is
  // sent again (at most twice) and the retries are reported.
  let ok = 0
  let retries = 0
  for (let i = 0; i < 45; i++) {
    for (let attempt = 1; attempt <= 3; attempt++) {
      if ((await predict(key)).ok) {
        ok++
        break
      }
      if (attempt < 3) retries++
    }
  }
  if (ok !== 45) throw new Error(`only ${ok} of 45 predictions succeeded (${retries} retries)`)
  log(
    `sent 45 identical best-move predictions (720 scored pairs; ${retries} retried), reads and a rejected key`,
  )

  const fired = await poll('FeatureDriftHigh at the webhook', 60_000, async () => {
    const alerts = webhookBodies.flatMap((b) => b.alerts)
    const drift = alerts.filter((a) => a.labels.alertname === 'FeatureDriftHigh' && a.status === 'firing')
    return drift.length > 0 ? drift : undefined
  })
  const received = [...new Set(webhookBodies.flatMap((b) => b.alerts.map((a) => a.labels.alertname)))]
  log(
    `webhook received FeatureDriftHigh for ${new Set(fired.map((a) => a.labels.feature)).size} features (role ${fired[0]?.labels.role}); alerts seen: ${received.join(', ')}`,
  )

  // Every dashboard query returns series (recording rules need an evaluation or two first).
  const queries = committedQueries().map((q) => ({
    ...q,
    promql: q.expr.replaceAll('$__rate_interval', '1m').replaceAll('$role', '.*'),
    expectEmpty: EMPTY_WITHOUT_TRAINING.test(q.expr),
  }))
  await poll('every dashboard query to return series', 30_000, async () => {
    const missing: string[] = []
    for (const q of queries.filter((x) => !x.expectEmpty)) {
      if ((await promQuery(ports.prometheus, q.promql)).length === 0)
        missing.push(`${q.dashboard} / ${q.panel} / ${q.refId}`)
    }
    return missing.length === 0 ? missing : undefined
  }).catch(async (error) => {
    const missing: string[] = []
    for (const q of queries.filter((x) => !x.expectEmpty)) {
      if ((await promQuery(ports.prometheus, q.promql)).length === 0) missing.push(`${q.panel}: ${q.promql}`)
    }
    throw new Error(`${error}\nqueries without series:\n  ${missing.join('\n  ')}`)
  })
  const skipped = queries.filter((q) => q.expectEmpty)
  log(
    `${queries.length - skipped.length} dashboard queries return series; ${skipped.length} need a trained model and were not expected to: ${skipped.map((q) => q.panel).join('; ')}`,
  )
  const roles = (await (
    await fetch(
      `http://127.0.0.1:${ports.prometheus}/api/v1/label/role/values?match[]=${encodeURIComponent('up{job="predictiondex"}')}`,
    )
  ).json()) as { data: string[] }
  if (roles.data.join() !== 'api,ui') throw new Error(`role variable values: ${roles.data.join()}`)
  log('dashboard variable role offers api, ui')
}

let status = 0
try {
  await main()
  log('monitoring end to end: passed')
} catch (error) {
  status = 1
  console.error(`monitoring end to end FAILED: ${error instanceof Error ? error.message : String(error)}`)
  for (const program of programs) {
    const tail = program.output().trim().split('\n').slice(-15).join('\n')
    if (tail) console.error(`--- last output of ${program.name}:\n${tail}`)
  }
} finally {
  clearTimeout(deadline)
  await stopAll()
  log(`stopped ${programs.length} processes`)
}
process.exit(status)
