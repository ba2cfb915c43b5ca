/**
 * Offline ETL time (extract → load → verify, into an empty database), SQLite and PostgreSQL.
 *
 *   bun bench/etl.ts [runs]        PostgreSQL too when BENCH_DATABASE_URL (or TEST_DATABASE_URL) is set
 *
 * Each run boots a fresh kernel on an empty database (a new SQLite file; a new PostgreSQL schema)
 * and runs the stages as `bun run stage etl` would. Prints each run and the median; target < 10 s.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { allMigrations, pluginsForRole } from '../core/catalogue.ts'
import { createKernel } from '../core/kernel.ts'
import { createMemoryLogger } from '../core/log.ts'
import { freshDatabaseUrl } from '../testing/kernel.ts'
import { median, timeRuns } from './median.ts'

const runs = Number(process.argv[2] ?? 5)
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL

async function oneRun(databaseUrl: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pdx-bench-etl-'))
  const kernel = await createKernel({
    plugins: pluginsForRole('etl'),
    role: 'etl',
    env: { DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
    migrations: allMigrations(),
    logger: createMemoryLogger('warn'),
    defaultMetrics: false,
  })
  const runtime = { log: kernel.log, tty: false, signal: new AbortController().signal }
  await kernel.stages.run('etl:extract', { force: false }, runtime)
  await kernel.stages.run('etl:load', {}, runtime)
  await kernel.stages.run('etl:verify', {}, runtime)
  await kernel.stop()
}

const targets: [string, () => Promise<string>][] = [
  [
    'sqlite (file)',
    async () => `sqlite:${join(mkdtempSync(join(tmpdir(), 'pdx-bench-db-')), 'bench.sqlite')}`,
  ],
]
if (pgUrl) {
  process.env.TEST_DATABASE_URL = pgUrl
  targets.push(['postgresql', () => freshDatabaseUrl('postgres')])
} else console.log('PostgreSQL skipped: set BENCH_DATABASE_URL=postgres://… to include it')

console.log(
  `offline ETL (extract + load + verify, empty database), ${runs} runs each, ${new Date().toISOString()}`,
)
for (const [label, url] of targets) {
  const seconds = await timeRuns(runs, async () => oneRun(await url()))
  console.log(
    `${label.padEnd(14)} median ${median(seconds).toFixed(2)} s   runs: ${seconds.map((s) => s.toFixed(2)).join(' ')}   target < 10 s`,
  )
}
