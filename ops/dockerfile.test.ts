import { describe, expect, test } from 'bun:test'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'

// No Docker engine here to build the image, so this reads the Dockerfile and checks what would
// break a build or weaken the container: pins that drift from package.json, COPY sources that are
// missing or ignored, a root user, a missing health check, a CMD that names no script.

type Instruction = { keyword: string; args: string }

const root = join(import.meta.dir, '..')
const dockerfile = await Bun.file(join(root, 'Dockerfile')).text()
const dockerignore = await Bun.file(join(root, '.dockerignore')).text()
const ciRun = await Bun.file(join(root, '.ci', 'run')).text()
const packageJson = (await Bun.file(join(root, 'package.json')).json()) as {
  packageManager: string
  scripts: Record<string, string>
}
const bunVersion = /^bun@(\d+\.\d+\.\d+)$/.exec(packageJson.packageManager)?.[1]

/** Joins `\` continuations and drops comments and blank lines. */
function parseDockerfile(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
  return logical
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const [keyword = '', ...rest] = line.split(/\s+/)
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') }
    })
}

/** The instructions of each stage, from its FROM up to the next one. */
function stagesOf(instructions: Instruction[]): Instruction[][] {
  const stages: Instruction[][] = []
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push([])
    stages.at(-1)?.push(instruction)
  }
  return stages
}

const ignorePatterns = dockerignore
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line.length > 0 && !line.startsWith('#'))
/** Docker's rule: the last pattern that matches decides; a `!` pattern re-includes. */
function isIgnored(path: string): boolean {
  let ignored = false
  for (const line of ignorePatterns) {
    const negated = line.startsWith('!')
    const pattern = negated ? line.slice(1) : line
    if (new Bun.Glob(pattern).match(path) || path.startsWith(`${pattern}/`)) ignored = !negated
  }
  return ignored
}

const instructions = parseDockerfile(dockerfile)
const stages = stagesOf(instructions)
const runtime = stages.at(-1) ?? []
const jsonArgs = (args: string) => JSON.parse(args) as string[]

describe('Dockerfile', () => {
  test('builds from oven/bun pinned to the Bun version of package.json, in two stages', () => {
    expect(bunVersion).toBeDefined()
    const bases = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args.split(/\s+/)[0])
    expect(bases.length).toBeGreaterThanOrEqual(2)
    for (const base of bases)
      expect(base).toMatch(new RegExp(`^oven/bun:${bunVersion?.replaceAll('.', '\\.')}(-[a-z]+)?$`))
  })

  test('installs production dependencies exactly as locked', () => {
    const installs = instructions.filter((i) => i.keyword === 'RUN' && i.args.includes('bun install'))
    expect(installs.map((i) => i.args)).toEqual(['bun install --frozen-lockfile --production'])
  })

  test('copies only sources that exist in the repository and are not docker-ignored', async () => {
    const copies = instructions.filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='))
    const sources = copies.flatMap((i) =>
      i.args
        .split(/\s+/)
        .filter((word) => !word.startsWith('--'))
        .slice(0, -1),
    )
    expect(sources).toEqual(expect.arrayContaining(['core', 'plugins', 'models', 'package.json', 'bun.lock']))
    for (const source of sources) {
      const found = await stat(join(root, source)).then(
        () => true,
        () => false,
      )
      // git keeps no empty folders: models/ needs a tracked file (e.g. a README) or the build fails.
      expect(found, `${source} exists (a clean clone must have it)`).toBe(true)
      expect(isIgnored(source), `${source} is not in .dockerignore`).toBe(false)
    }
  })

  test('.dockerignore keeps dependencies, data, git history and secrets out of the context', () => {
    for (const path of [
      'node_modules',
      'core/node_modules',
      '.git',
      'data',
      '.env',
      '.env.local',
      'core/a.test.ts',
    ]) {
      expect(isIgnored(path), path).toBe(true)
    }
    expect(isIgnored('.env.example')).toBe(false)
    expect(isIgnored('core/kernel.ts')).toBe(false)
  })

  test('runs as an unprivileged user, listening on all interfaces inside the container', () => {
    const users = runtime.filter((i) => i.keyword === 'USER').map((i) => i.args)
    expect(users.length).toBeGreaterThan(0)
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/)
    expect(runtime.some((i) => i.keyword === 'WORKDIR' && i.args === '/app')).toBe(true)
    expect(runtime.some((i) => i.keyword === 'ENV' && /\bHOST=0\.0\.0\.0\b/.test(i.args))).toBe(true)
  })

  test('checks /healthz with Bun itself and serves through a real package.json script', () => {
    const healthcheck = runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args ?? ''
    const probe = jsonArgs(healthcheck.slice(healthcheck.indexOf('CMD') + 3).trim())
    expect(probe.slice(0, 2)).toEqual(['bun', '-e'])
    expect(probe[2]).toContain('/healthz')
    const cmd = jsonArgs(runtime.find((i) => i.keyword === 'CMD')?.args ?? '[]')
    expect(cmd).toEqual(['bun', 'run', 'serve'])
    expect(Object.keys(packageJson.scripts)).toContain('serve')
  })
})

describe('.ci/run', () => {
  test('installs the Bun version of package.json and runs the check script, never forced green', () => {
    expect(ciRun).toContain(`readonly BUN_VERSION='${bunVersion}'`)
    expect(ciRun).toMatch(/^set -euo pipefail$/m)
    expect(ciRun).toMatch(/bun run check/)
    expect(Object.keys(packageJson.scripts)).toContain('check')
    const gates = ciRun.split('\n').filter((line) => /bun (run check|install --frozen-lockfile)/.test(line))
    expect(gates.length).toBeGreaterThanOrEqual(2)
    for (const line of gates) expect(line).not.toMatch(/\|\|\s*(true|:)\b/)
  })
})
