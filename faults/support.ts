import { cpSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, type ServerProcess, spawnServer, waitForReady } from '../bench/load/server-process.ts'
import { generateApiKey } from '../plugins/api/security/index.ts'
import { loadedPokedexFile } from '../testing/pokedex-db.ts'

export const ROOT = join(import.meta.dir, '..')
export const HOST = '127.0.0.1'

export interface ServedApi {
  readonly server: ServerProcess
  readonly key: string
  readonly modelsDir: string
}

/**
 * `bun core/cli/serve.ts --role <role>` in a child process on a free loopback port, over a copy of
 * the loaded Pokédex and a copy of the shipped models, with one API key and no rate limits; ready
 * (`/readyz` 200) when it resolves. The caller must `server.stop()`.
 */
export async function serveApi(role: 'api' | 'all', env: Record<string, string> = {}): Promise<ServedApi> {
  const { key, hash } = generateApiKey()
  const modelsDir = join(mkdtempSync(join(tmpdir(), 'pdx-fault-models-')), 'models')
  cpSync(join(ROOT, 'models'), modelsDir, { recursive: true })
  const port = freePort(HOST)
  const server = spawnServer({
    cmd: ['bun', join(ROOT, 'core', 'cli', 'serve.ts'), '--role', role],
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST,
      PORT: String(port),
      DATABASE_URL: `sqlite:${await loadedPokedexFile()}`,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pdx-fault-data-')),
      MODELS_DIR: modelsDir,
      API_KEYS: hash,
      API_RATE_LIMIT_PER_MINUTE: '10000000',
      API_PREDICT_RATE_LIMIT_PER_MINUTE: '10000000',
      UI_RATE_LIMIT_PER_MINUTE: '10000000',
      // a shared CI machine can be loaded tenfold: the faults under test are resets, lost models
      // and half-written databases, not slowness, so a slow answer must not turn into a 503 TIMEOUT
      API_REQUEST_TIMEOUT_MS: '120000',
      SHUTDOWN_TIMEOUT_MS: '120000',
      LOG_LEVEL: 'error',
      ...env,
    },
    host: HOST,
    port,
  })
  const ready = await waitForReady(server, `${server.baseUrl}/readyz`, {
    timeoutMs: 90_000,
    accept: (status) => status === 200,
  })
  if (!ready.ready) {
    await server.stop()
    throw new Error(`server not ready: ${ready.reason}\n${server.output()}`)
  }
  return { server, key, modelsDir }
}

/** A best-move prediction for a seeded matchup (one of a few dozen, each a real ONNX batch). */
export function predictionRequest(base: string, key: string, i: number): Request {
  const pairs = [
    ['pikachu', ['thunderbolt', 'quick-attack', 'iron-tail', 'thunder'], 'gengar'],
    ['pikachu', ['thunderbolt', 'quick-attack'], 'squirtle'],
    ['pikachu', ['quick-attack', 'thunderbolt', 'iron-tail'], 'snorlax'],
  ] as const
  const [a, moves, b] = pairs[i % pairs.length]!
  return new Request(`${base}/api/v1/predict/best-move`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ pokemon_a: a, moves_a: moves, pokemon_b: b }),
  })
}
