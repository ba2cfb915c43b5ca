import { expect, test } from 'bun:test'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The real CLI in a child process: exit statuses are part of its contract (0 ok, 1 failure, 2 usage). */
async function stage(args: string[], env: Record<string, string> = {}) {
  const proc = Bun.spawn(['bun', join(import.meta.dir, 'stage.ts'), ...args], {
    env: {
      ...process.env,
      DATABASE_URL: 'sqlite::memory:',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'pdx-cli-')),
      LOG_LEVEL: 'error',
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

test('--list prints every stage and exits 0', async () => {
  const { stdout, code } = await stage(['--list'])
  expect(code).toBe(0)
  for (const name of [
    'etl:extract',
    'etl:load',
    'etl:verify',
    'etl:export',
    'ml:dataset',
    'ml:train',
    'ml:battle',
  ])
    expect(stdout).toContain(name)
})

test('an unknown stage is a usage error (exit 2) that lists the stages', async () => {
  const { stderr, code } = await stage(['etl:lod'])
  expect(code).toBe(2)
  expect(stderr).toContain('unknown stage "etl:lod"')
  expect(stderr).toContain('etl:load')
  // Without a role given, a stage command boots the smallest role holding its plugin: etl alone.
  expect(stderr).not.toContain('ml:train')
})

test('bad flags and bad environment are usage errors (exit 2) naming what is wrong', async () => {
  const flags = await stage(['ml:dataset', '--', '--k', '0'])
  expect(flags.code).toBe(2)
  expect(flags.stderr).toContain('--k')
  const env = await stage(['--list'], { PORT: 'eighty', LOG_LEVEL: 'loud' })
  expect(env.code).toBe(2)
  expect(env.stderr).toContain('PORT="eighty"')
  expect(env.stderr).toContain('LOG_LEVEL="loud"')
})

test('a failing stage exits 1 with its reason', async () => {
  const { stderr, code } = await stage(['etl:verify'])
  expect(code).toBe(1)
  expect(stderr).toContain('quality gates failed')
  expect(stderr).toContain('FAIL battle forms')
})
