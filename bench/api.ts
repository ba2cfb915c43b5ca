/**
 * Load benchmark of the real API server (`bun core/cli/serve.ts --role api` in a child process).
 *
 *   bun bench/api.ts [--duration 10] [--warmup 2] [--runs 3] [--connections 32]
 *                    [--scenarios ceiling,pokemon,predict] [--profile]
 *
 * Uses DATA_DIR / MODELS_DIR / DATABASE_URL from the environment (default: the repository's data/
 * and models/), a freshly generated API key, rate limits raised out of the way and LOG_LEVEL=warn
 * (info-level access logs would dominate the figures). Scenarios, each `--runs` times after one
 * warm-up, `--connections` closed loops over keep-alive connections on 127.0.0.1 only:
 * - ceiling: an empty-204 Bun.serve in its own process — the most this generator can drive here;
 * - pokemon: GET /api/v1/pokemon/25 (target ≥ 5,000 req/s);
 * - predict: POST /api/v1/predict/best-move, 4 × 4 moves (target ≥ 2,000 req/s, p99 ≤ 20 ms);
 * - threats: GET /api/v1/pokemon/{id}/threats (every form ranked by the model) cycling over 8
 *   Pokémon with their default moves; each is first asked once alone (cold: the model scores its
 *   ~750 pairs; printed), then the timed runs (target p99 ≤ 50 ms at 8 connections: `--connections 8`).
 * Prints each run, the median req/s and p99, a Markdown summary, and the verdicts. `--profile`
 * runs the server under `bun --cpu-prof --cpu-prof-md` and prints where the profile went.
 * Exit status: 0 measured (targets met or not), 1 server not ready or failed requests, 2 usage.
 */
import { mkdtempSync, readdirSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { generateApiKey } from '../plugins/api/security/index.ts'
import { type LoadTarget, runLoad } from './load/generator.ts'
import { formatRun, meetsTarget, summaryTable, type Target } from './load/report.ts'
import { BEST_MOVE_PATH, bestMoveBody, POKEDEX_DETAIL_PATH, THREAT_POKEMON } from './load/scenarios.ts'
import {
  freePort,
  processCpuSeconds,
  type ServerProcess,
  spawnServer,
  waitForReady,
} from './load/server-process.ts'
import { type RunFigures, type ScenarioFigures, scenarioFigures, summariseLatencies } from './load/stats.ts'

const HOST = '127.0.0.1'
const READY_TIMEOUT_MS = 30_000
const SCENARIOS = ['ceiling', 'pokemon', 'predict', 'threats'] as const
type Scenario = (typeof SCENARIOS)[number]
const TARGETS: Partial<Record<Scenario, Target>> = {
  pokemon: { minRequestsPerSecond: 5_000 },
  predict: { minRequestsPerSecond: 2_000, maxP99Ms: 20 },
  threats: { minRequestsPerSecond: 0, maxP99Ms: 50 },
}

function usage(message: string): never {
  console.error(`usage error: ${message}`)
  process.exit(2)
}

const { values: flags } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    scenarios: { type: 'string', default: SCENARIOS.join(',') },
    'max-requests': { type: 'string', default: '2000000' },
    profile: { type: 'boolean', default: false },
  },
})
const bounded = (name: string, value: string, min: number, max: number) => {
  const n = Number(value)
  if (!(n >= min && n <= max)) usage(`--${name} must be a number from ${min} to ${max} (got ${value})`)
  return n
}
// Every loop is bounded in time and in count: at most 120 s a run, 10 runs, 2 M requests a run.
const durationMs = bounded('duration', flags.duration, 0.5, 120) * 1000
const warmupMs = bounded('warmup', flags.warmup, 0, 30) * 1000
const runs = bounded('runs', flags.runs, 1, 10)
const connections = bounded('connections', flags.connections, 1, 256)
const maxRequests = bounded('max-requests', flags['max-requests'], 1, 2_000_000)
const wanted = flags.scenarios.split(',').map((s) => s.trim())
for (const s of wanted) {
  if (!SCENARIOS.includes(s as Scenario)) usage(`unknown scenario "${s}"; scenarios: ${SCENARIOS.join(', ')}`)
}
const scenarios = new Set(wanted as Scenario[])

const repoRoot = resolve(import.meta.dir, '..')
const env = process.env
const dataDir = env.DATA_DIR ? resolve(env.DATA_DIR) : join(repoRoot, 'data')
const modelsDir = env.MODELS_DIR ? resolve(env.MODELS_DIR) : join(repoRoot, 'models')

// On an error, Ctrl-C or SIGTERM the servers this script started go with it (SIGKILL cannot be caught).
const servers = new Set<ServerProcess>()
process.on('exit', () => {
  for (const server of servers) server.killNow()
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the servers…`)
    void Promise.all([...servers].map((s) => s.stop(2_000))).finally(() => process.exit(130))
  })
}

/** Starts a server on a free port, given both in PORT and to `command` (for servers that take argv). */
function startServer(command: (port: number) => string[], extraEnv: Record<string, string>): ServerProcess {
  const port = freePort(HOST)
  const server = spawnServer({
    cmd: command(port),
    cwd: repoRoot,
    env: { ...env, ...extraEnv, PORT: String(port) },
    host: HOST,
    port,
  })
  servers.add(server)
  return server
}

async function stopServer(server: ServerProcess): Promise<void> {
  await server.stop()
  servers.delete(server)
}

async function measure(name: string, target: LoadTarget, server: ServerProcess): Promise<ScenarioFigures> {
  console.log(
    `\n${name}: ${connections} connections, ${warmupMs / 1000} s warm-up, ${runs} × ${durationMs / 1000} s`,
  )
  const options = { connections, maxRequests }
  if (warmupMs > 0) await runLoad(target, { ...options, durationMs: warmupMs })
  const figures: RunFigures[] = []
  for (let i = 1; i <= runs; i++) {
    const serverCpuBefore = processCpuSeconds(server.pid)
    const run = await runLoad(target, { ...options, durationMs })
    const serverCpuAfter = processCpuSeconds(server.pid)
    const f: RunFigures = {
      ...summariseLatencies(run.latenciesMs, run.responses),
      requestsPerSecond: run.responses / run.seconds,
      requests: run.responses,
      failures: run.non2xx + run.errors,
      clientCores: run.clientCpuSeconds / run.seconds,
      serverCores:
        serverCpuBefore === undefined || serverCpuAfter === undefined
          ? undefined
          : (serverCpuAfter - serverCpuBefore) / run.seconds,
    }
    figures.push(f)
    console.log(formatRun(i, f))
    if (run.firstProblem) console.log(`    first failure: ${run.firstProblem}`)
  }
  return scenarioFigures(figures)
}

/** Ready = /readyz 200; without the predict scenario a missing model (only `ml.model` failing) is fine. */
function acceptReadiness(needsModel: boolean) {
  return (status: number, body: string) => {
    if (status === 200) return true
    if (needsModel || status !== 503) return false
    try {
      const failing = (JSON.parse(body) as { errors?: { field: string }[] }).errors ?? []
      return failing.length > 0 && failing.every((e) => e.field === 'ml.model')
    } catch {
      return false
    }
  }
}

/** The 1-minute load average: other work on a shared 2-core machine shows up here. */
const loadLine = () => `load average ${loadavg()[0]!.toFixed(2)}`

async function probe(url: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, init)
  const text = await response.text()
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${url} → HTTP ${response.status}: ${text.slice(0, 500)}`)
  return JSON.parse(text)
}

async function main(): Promise<number> {
  const { key, hash } = generateApiKey()
  const profileDir = flags.profile ? mkdtempSync(join(tmpdir(), 'pdx-api-profile-')) : undefined
  const serve = ['core/cli/serve.ts', '--role', 'api']
  const cmd = profileDir
    ? ['bun', '--cpu-prof', '--cpu-prof-md', `--cpu-prof-dir=${profileDir}`, ...serve]
    : ['bun', ...serve]
  console.log(`API load benchmark, ${new Date().toISOString()}, Bun ${Bun.version}, ${loadLine()}`)
  console.log(
    `server: ${cmd.join(' ')}  (DATA_DIR=${dataDir}, MODELS_DIR=${modelsDir}${env.DATABASE_URL ? ', DATABASE_URL set' : ''})`,
  )
  const api = startServer(() => cmd, {
    HOST,
    DATA_DIR: dataDir,
    MODELS_DIR: modelsDir,
    API_KEYS: hash,
    API_AUTH_DISABLED: 'false',
    API_RATE_LIMIT_PER_MINUTE: '1000000000',
    API_PREDICT_RATE_LIMIT_PER_MINUTE: '1000000000',
    LOG_LEVEL: 'warn',
  })
  const readiness = await waitForReady(api, `${api.baseUrl}/readyz`, {
    timeoutMs: READY_TIMEOUT_MS,
    accept: acceptReadiness(scenarios.has('predict') || scenarios.has('threats')),
  })
  if (!readiness.ready) {
    console.error(`\nthe API server did not become ready: ${readiness.reason}`)
    console.error(`--- server output (tail) ---\n${api.output().trim() || '(none)'}`)
    console.error(
      '\nThe benchmark needs a loaded database and a champion model: run `bun run stage etl`, then train and ship a model (`bun run stage ml:train`), or point DATA_DIR / MODELS_DIR at ones that have them.',
    )
    return 1
  }
  console.log(`API server ready on ${api.baseUrl} (pid ${api.pid})`)
  const rows: { name: string; figures: ScenarioFigures; target: Target | undefined }[] = []

  if (scenarios.has('ceiling')) {
    const ceiling = startServer(
      (port) => ['bun', join(import.meta.dir, 'load', 'noop-server.ts'), HOST, String(port)],
      {},
    )
    const url = `${ceiling.baseUrl}/`
    const ready = await waitForReady(ceiling, url, { timeoutMs: 10_000, accept: (s) => s === 204 })
    if (!ready.ready) throw new Error(`the noop server did not start: ${ready.reason}\n${ceiling.output()}`)
    const name = 'ceiling: empty 204 (Bun.serve)'
    rows.push({ name, figures: await measure(name, { url }, ceiling), target: undefined })
    await stopServer(ceiling)
  }
  if (scenarios.has('pokemon')) {
    const url = `${api.baseUrl}${POKEDEX_DETAIL_PATH}`
    await probe(url)
    const name = `GET ${POKEDEX_DETAIL_PATH}`
    rows.push({ name, figures: await measure(name, { url }, api), target: TARGETS.pokemon })
  }
  if (scenarios.has('predict')) {
    const model = (await probe(`${api.baseUrl}/api/v1/model`)) as { version: number | null; dir: string }
    const { body, notes } = await bestMoveBody(api.baseUrl)
    for (const note of notes) console.log(`note: ${note}`)
    const url = `${api.baseUrl}${BEST_MOVE_PATH}`
    const init = {
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify(body),
    }
    const answer = (await probe(url, init)) as { recommended_move: string; win_probability: number }
    console.log(
      `model ${model.dir} (version ${model.version ?? 'shipped'}); ${body.pokemon_a} [${body.moves_a.join(', ')}] vs ${body.pokemon_b} [${body.moves_b.join(', ')}] → ${answer.recommended_move} (P(win) ${answer.win_probability.toFixed(3)})`,
    )
    const name = `POST ${BEST_MOVE_PATH} (4 × 4)`
    rows.push({ name, figures: await measure(name, { url, ...init }, api), target: TARGETS.predict })
  }

  if (scenarios.has('threats')) {
    const urls = THREAT_POKEMON.map((p) => `${api.baseUrl}/api/v1/pokemon/${p}/threats`)
    const headers = { 'x-api-key': key }
    const cold: number[] = []
    for (const url of urls) {
      const started = performance.now()
      const answer = (await probe(url, { headers })) as { scored_pairs: number; opponents: unknown[] }
      cold.push(performance.now() - started)
      if (answer.opponents.length < 100)
        throw new Error(`${url} ranked only ${answer.opponents.length} opponents`)
    }
    cold.sort((x, y) => x - y)
    console.log(
      `threats, cold (first answer for each of ${urls.length} Pokémon, the model scoring its pairs): median ${cold[Math.floor(cold.length / 2)]!.toFixed(0)} ms, max ${cold[cold.length - 1]!.toFixed(0)} ms`,
    )
    const name = `GET /api/v1/pokemon/{id}/threats (${urls.length} Pokémon, 188 opponents each)`
    rows.push({
      name,
      figures: await measure(name, { url: urls[0]!, urls, headers }, api),
      target: TARGETS.threats,
    })
  }

  console.log(`\n${summaryTable(rows)}`)
  console.log(
    `\nClient and server share this machine's ${navigator.hardwareConcurrency} cores: the generator's own CPU use (the "generator" cores above) lowers every figure; the ceiling row is the most it can drive here. Latencies are closed-loop (a lower bound once the server saturates).`,
  )
  console.log(`at the end: ${loadLine()} (other work on the machine lowers the figures too)`)
  for (const row of rows) {
    if (row.target) {
      console.log(`${meetsTarget(row.figures, row.target) ? 'MET   ' : 'MISSED'} ${row.name}`)
    }
  }
  await stopServer(api)
  if (profileDir) {
    console.log(
      `\nserver CPU profile: ${
        readdirSync(profileDir)
          .map((f) => join(profileDir, f))
          .join(', ') || '(none written)'
      }`,
    )
  }
  return rows.some((r) => r.figures.failures > 0) ? 1 : 0
}

let status = 1
try {
  status = await main()
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`)
} finally {
  await Promise.all([...servers].map((s) => s.stop()))
}
process.exit(status)
