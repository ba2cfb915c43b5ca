import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, spawnServer, waitForReady } from '../bench/load/server-process.ts'
import { allMigrations, pluginsForRole } from '../core/catalogue.ts'
import { createKernel, type Kernel } from '../core/kernel.ts'
import { createMemoryLogger } from '../core/log.ts'
import { parseStageInput } from '../core/stages.ts'
import { datasetInput, datasetName } from '../plugins/ml/stages/dataset.ts'
import { DEFAULT_DATASET } from '../plugins/ml/stages/train.ts'
import { DOCS, documentedCommands, pairs, ROOT, ruleFor } from './docs-commands.ts'
import { loadedPokedexFile } from './pokedex-db.ts'

/**
 * The docs run: every shell command in README.md and docs/*.md is found and either run (the ones
 * that are safe and quick here), or checked without running (every `bun run stage …`: the stage
 * exists and its flags parse; dataset names chain from `ml:dataset` to `ml:train`/`ml:evaluate`),
 * or skipped for a stated reason. A command the docs gain later fails the first test until it is
 * classified, so the docs cannot drift from the code unnoticed (issue 13, #11).
 *
 * Run by `bun run test:docs`, not by `bun run check`: its commands are real processes (the
 * one-command start, the offline ETL, a battle; ~45 CPU-seconds), so CI runs it as its own step.
 */

describe('docs run', () => {
  const commands = documentedCommands()

  test('every documented command is run, validated, or skipped for a stated reason', () => {
    expect(commands.length).toBeGreaterThan(20)
    expect(commands.filter((c) => !ruleFor(c.command)).map((c) => `${c.file}: ${c.command}`)).toEqual([])
  })

  describe('stage commands', () => {
    let kernel: Kernel
    beforeAll(async () => {
      kernel = await createKernel({
        plugins: pluginsForRole('all'),
        role: 'all',
        env: { DATABASE_URL: 'sqlite::memory:', DATA_DIR: mkdtempSync(join(tmpdir(), 'pdx-docs-')) },
        logger: createMemoryLogger('error'),
        defaultMetrics: false,
        migrations: allMigrations(),
      })
    })
    afterAll(() => kernel.stop())

    /** `bun run stage X -- --a 1` → selector and flags; placeholders get a sample value. */
    const parse = (command: string) => {
      const words = command.replace(/^bun run stage /, '').split(/\s+/)
      const selector = words[0]!
      const flags = words
        .slice(1)
        .filter((w) => w !== '--' && !/^\[|\]$/.test(w))
        .map((w) => (w === 'DIR' ? '/tmp/x' : w === 'N' ? '1' : w.includes('|') ? w.split('|')[0]! : w))
      return { selector, flags }
    }

    test('every `bun run stage …` in the docs names a stage and flags it accepts', () => {
      const problems: string[] = []
      for (const { file, command } of commands.filter((c) => /^bun run stage /.test(c.command))) {
        const { selector, flags } = parse(command)
        if (selector === '--list') continue
        try {
          const stages = kernel.stages.select(selector)
          if (stages.length === 1)
            parseStageInput(
              stages[0]!,
              flags.filter((f) => f !== '--help'),
            )
        } catch (error) {
          problems.push(`${file}: ${command}: ${(error as Error).message}`)
        }
      }
      expect(problems).toEqual([])
    })

    test('a dataset named by ml:train or ml:evaluate is one an ml:dataset command of the same page builds', () => {
      const problems: string[] = []
      for (const file of DOCS) {
        const here = commands.filter((c) => c.file === file).map((c) => c.command)
        const built = here
          .filter((c) => c.startsWith('bun run stage ml:dataset -- '))
          .map((c) => datasetName(datasetInput.parse(Object.fromEntries(pairs(parse(c).flags)))))
        for (const c of here.filter(
          (x) => /^bun run stage ml:(train|evaluate)\b/.test(x) && !x.includes('--help'),
        )) {
          const named = pairs(parse(c).flags).find(([k]) => k === 'dataset')?.[1] ?? DEFAULT_DATASET
          if (!built.includes(String(named)))
            problems.push(`${file}: ${c} uses "${named}"; built here: ${built.join(', ')}`)
        }
      }
      expect(problems).toEqual([])
    })
  })

  test('`bun run stage --list` and `ml:train -- --help` answer with exit 0', async () => {
    const list = await cli(['core/cli/stage.ts', '--list'])
    expect(list.code).toBe(0)
    expect(list.stdout).toContain('ml:train')
    const help = await cli(['core/cli/stage.ts', 'ml:train', '--', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--grid')
  }, 300_000)

  test('the README key command prints a key and its sha256 hash', async () => {
    const out = await cli([
      '-e',
      "import('./plugins/api/security/index.ts').then((m) => console.log(JSON.stringify(m.generateApiKey())))",
    ])
    expect(out.code).toBe(0)
    const { key, hash } = JSON.parse(out.stdout) as { key: string; hash: string }
    expect(key.length).toBeGreaterThan(20)
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/)
  }, 300_000)

  test('`bun run stage etl` builds the Pokédex offline; `ml:battle` plays the README matchup', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pdx-docs-etl-'))
    const env = { DATA_DIR: dataDir, DATABASE_URL: `sqlite:${join(dataDir, 'db.sqlite')}` }
    const etl = await cli(['core/cli/stage.ts', 'etl'], env)
    expect({ code: etl.code, stderr: etl.code === 0 ? '' : etl.stderr }).toEqual({ code: 0, stderr: '' })
    const battle = await cli(
      ['core/cli/stage.ts', 'ml:battle', '--', '--a', 'pikachu', '--b', 'squirtle', '--k', '200'],
      {
        DATA_DIR: dataDir,
        DATABASE_URL: `sqlite:${await loadedPokedexFile()}`,
      },
    )
    expect(battle.code).toBe(0)
    expect(battle.stdout).toMatch(/pikachu/i)
  }, 300_000)

  test('after `cp .env.example .env`, Bun does not read .env (it is docker compose’s)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdx-docs-env-'))
    copyFileSync(join(ROOT, '.env.example'), join(dir, '.env'))
    copyFileSync(join(ROOT, 'bunfig.toml'), join(dir, 'bunfig.toml'))
    writeFileSync(join(dir, 'show.ts'), 'console.log(String(process.env.ML_SKIP_IF_EXISTS))')
    const proc = Bun.spawn(['bun', 'show.ts'], { cwd: dir, env: { PATH: process.env.PATH }, stdout: 'pipe' })
    expect((await new Response(proc.stdout).text()).trim()).toBe('undefined')
  }, 300_000)

  test('`bun run start` on an empty database builds it, serves, and answers the README prediction', async () => {
    const keyOut = await cli([
      '-e',
      "import('./plugins/api/security/index.ts').then((m) => console.log(JSON.stringify(m.generateApiKey())))",
    ])
    const { key, hash } = JSON.parse(keyOut.stdout) as { key: string; hash: string }
    const port = freePort('127.0.0.1')
    const dataDir = mkdtempSync(join(tmpdir(), 'pdx-docs-start-'))
    const server = spawnServer({
      cmd: ['bun', 'run', 'start'],
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PORT: String(port),
        DATA_DIR: dataDir,
        API_KEYS: hash,
        LOG_LEVEL: 'error',
      },
      host: '127.0.0.1',
      port,
    })
    try {
      const ready = await waitForReady(server, `${server.baseUrl}/readyz`, {
        timeoutMs: 120_000,
        accept: (s) => s === 200,
      })
      expect(ready).toEqual({ ready: true })
      // The README's curl, as a fetch.
      const res = await fetch(`${server.baseUrl}/api/v1/predict/best-move`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': key },
        body: '{"pokemon_a":"pikachu","moves_a":["thunderbolt","quick-attack","iron-tail","thunder"],"pokemon_b":"gengar"}',
      })
      expect(res.status).toBe(200)
      expect(((await res.json()) as { recommended_move: string }).recommended_move).toBeString()
    } finally {
      await server.stop()
    }
    expect(await server.exited).toBe(0)
  }, 300_000)
})

async function cli(args: string[], env: Record<string, string> = {}) {
  const proc = Bun.spawn(['bun', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'error',
      DATABASE_URL: 'sqlite::memory:',
      ...env,
    },
    stdout: 'pipe',
    stderr: 'pipe',
  })
  const [stdout, stderr, code] = await Promise.all([
    new Response(proc.stdout).text(),
    new Response(proc.stderr).text(),
    proc.exited,
  ])
  return { stdout, stderr, code }
}
