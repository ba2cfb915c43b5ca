import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * What the docs run (testing/docs-run.test.ts) reads: every shell command of README.md and
 * docs/*.md, and the rule that says whether each one is run, validated or skipped (and why).
 * A command the docs gain later matches no rule and fails the docs run until it is classified.
 */
export const ROOT = join(import.meta.dir, '..')
export const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
]

export type Found = { file: string; command: string }

/** Shell commands: lines of ```sh blocks (continuations joined, comments dropped) and inline `bun …`. */
export function documentedCommands(): Found[] {
  const found: Found[] = []
  for (const file of DOCS) {
    const text = readFileSync(join(ROOT, file), 'utf8')
    for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
      const lines = block[1]!.replace(/\\\n\s*/g, ' ').split('\n')
      for (const line of lines) {
        const command = line.replace(/(^|\s)#(\s.*)?$/, '').trim()
        if (command && !command.startsWith('#')) found.push({ file, command })
      }
    }
    for (const inline of text.matchAll(/`((?:bun|npm|cp|docker|curl) [^`]+)`/g)) {
      found.push({ file, command: inline[1]!.trim() })
    }
  }
  return found
}

/** What the docs run does with each kind of command; the first match wins. */
export const RULES: { pattern: RegExp; how: 'run' | 'validate' | 'skip'; why: string }[] = [
  { pattern: /^npm install -g bun@/, how: 'skip', why: 'installs Bun globally (CI does it in .ci/run)' },
  { pattern: /^bun run check$/, how: 'skip', why: 'the whole suite (minutes); CI runs it (.ci/run)' },
  {
    pattern: /^bun run test:(browser|docs)$/,
    how: 'skip',
    why: 'the browser suite and this docs run, each its own CI step (.ci/run) after the check',
  },
  {
    pattern: /^docker compose/,
    how: 'skip',
    why: 'no Docker engine here; ops/compose.test.ts validates the file',
  },
  { pattern: /^cp \.env\.example \.env$/, how: 'run', why: 'then Bun must not read .env' },
  {
    pattern: /^bun run start$|&& bun run start$|^API_KEYS=sha256:… bun run start$/,
    how: 'run',
    why: 'README: the one-command start',
  },
  {
    pattern: /^curl .*\/api\/v1\/predict\/best-move/,
    how: 'run',
    why: 'README: a prediction through the API',
  },
  {
    pattern: /^bun -e "import\('\.\/plugins\/api\/security\/index\.ts'\)/,
    how: 'run',
    why: 'README: make an API key',
  },
  { pattern: /^bun run stage --list$/, how: 'run', why: 'quick' },
  { pattern: /^bun run stage ml:train -- --help$/, how: 'run', why: 'quick' },
  { pattern: /^bun run stage etl$/, how: 'run', why: 'the offline ETL, seconds' },
  { pattern: /^bun run stage ml:battle -- /, how: 'run', why: 'one matchup, seconds' },
  {
    pattern: /^bun run stage /,
    how: 'validate',
    why: 'long (minutes of battles or training) or needs prior state',
  },
  {
    pattern: /^(KERNEL_ROLE=\w+ )?bun run serve|^bun core\/cli\/serve\.ts/,
    how: 'validate',
    why: 'serving is run by the start check and the fault suite',
  },
  {
    pattern: /^bun run bench|^bun bench\//,
    how: 'skip',
    why: 'benchmarks take minutes; their code is typechecked',
  },
  { pattern: /^bun run faults$/, how: 'skip', why: 'the fault suite, its own CI step (.ci/run)' },
  {
    pattern: /^bun run monitoring:e2e$/,
    how: 'skip',
    why: 'starts the monitoring programs; its own CI step (.ci/run)',
  },
  { pattern: /^bun test ops\/$/, how: 'skip', why: 'part of bun run check' },
  {
    pattern: /^bun ops\/check-env\.ts/,
    how: 'skip',
    why: 'ops/compose-env.test.ts runs it on .env.example as shipped and filled in',
  },
  { pattern: /^docker /, how: 'skip', why: 'no Docker engine here' },
  {
    pattern:
      /^bun run dashboards$|^bun scripts\/solver-coverage\.ts$|^bun ops\/monitoring\/record-exporters\.ts$/,
    how: 'skip',
    why: 'generators; tests check their output is current',
  },
]

export const ruleFor = (command: string) => RULES.find((r) => r.pattern.test(command))

/** `--flag value` pairs of a documented command, as a stage's input (camel-cased keys). */
export function pairs(flags: readonly string[]): [string, string | boolean][] {
  const out: [string, string | boolean][] = []
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!
    if (!flag.startsWith('--')) continue
    const next = flags[i + 1]
    const key = flag.slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
    if (next !== undefined && !next.startsWith('--')) {
      out.push([key, next])
      i++
    } else out.push([key, true])
  }
  return out
}
