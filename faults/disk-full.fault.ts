import { afterAll, expect, test } from 'bun:test'
import { mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './support.ts'

/**
 * Disk full during the SQLite load (issue 13, #7), on a 1 MB tmpfs where the machine allows
 * mounting one (root, no container restriction): the run fails with the real cause (disk full),
 * never "cannot rollback - no transaction is active", leaves no staging temp file, and once space
 * is back the same command succeeds. Where no tmpfs can be mounted the test says so and is skipped.
 */
const mountPoint = mkdtempSync(join(tmpdir(), 'pdx-full-'))
const mounted = Bun.spawnSync(['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mountPoint])
const canMount = mounted.exitCode === 0
if (!canMount)
  console.log(`disk-full fault not run: cannot mount a tmpfs here (${mounted.stderr.toString().trim()})`)
afterAll(() => {
  if (canMount) Bun.spawnSync(['umount', mountPoint])
})

const load = (dataDir: string) =>
  Bun.spawn(['bun', join(ROOT, 'core', 'cli', 'stage.ts'), 'etl:load'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LOG_LEVEL: 'error',
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${join(dataDir, 'pokedex.sqlite')}`,
    },
    stdout: 'pipe',
    stderr: 'pipe',
  })

test.skipIf(!canMount)(
  'a full disk fails the load with its real cause and no temp file; with space back it loads',
  async () => {
    const full = load(mountPoint)
    const [code, stderr] = await Promise.all([full.exited, new Response(full.stderr).text()])
    expect(code).toBe(1)
    expect(stderr).toMatch(/DB_FULL|ENOSPC|disk is full|No space left/)
    expect(stderr).not.toContain('cannot rollback')
    const staging = join(mountPoint, 'etl', 'staging')
    const leftovers = (() => {
      try {
        return readdirSync(staging).filter((name) => name.endsWith('.tmp'))
      } catch {
        return []
      }
    })()
    expect(leftovers).toEqual([])
    // Space back: the same data folder and database on a roomier tmpfs.
    expect(Bun.spawnSync(['mount', '-o', 'remount,size=64m', mountPoint]).exitCode).toBe(0)
    const again = load(mountPoint)
    const [againCode, againErr] = await Promise.all([again.exited, new Response(again.stderr).text()])
    expect({ againCode, againErr }).toEqual({ againCode: 0, againErr: '' })
  },
  120_000,
)
