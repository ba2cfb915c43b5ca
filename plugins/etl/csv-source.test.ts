import { afterAll, beforeAll, expect, test } from 'bun:test'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kernel } from '../../core/kernel.ts'
import { createTestKernel } from '../../testing/kernel.ts'
import { etlConfig } from './config.ts'
import { etlPlugin } from './index.ts'
import { runExtract } from './stages/extract.ts'
import { runLoad } from './stages/load.ts'

/** The predecessor's three CSV files (CRLF, BOM, no final newline, malformed rows) through the whole ETL. */
const CSV_DIR = join(import.meta.dir, 'sources', 'csv', 'fixtures', 'legacy')
let kernel: Kernel
let dataDir: string
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pdx-csv-'))
  kernel = await createTestKernel({ plugins: [etlPlugin], env: { DATA_DIR: dataDir } })
})
afterAll(async () => {
  await kernel.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

test('CSV rows enrich the database; malformed rows go to etl_rejects with file:line and a reason; the rest loads', async () => {
  const config = etlConfig.parse({ sources: 'showdown,csv', csvDir: CSV_DIR })
  const runtime = { log: kernel.log, tty: false }
  const outcomes = await runExtract(config, dataDir, { force: false }, runtime)
  expect(outcomes.find((o) => o.source === 'csv')).toMatchObject({ ok: true })
  const report = await runLoad(kernel.db, config, dataDir, runtime)
  expect(report.counts).toMatchObject({ pokemon: 188, typeChart: 324 })
  const rejects = await kernel.db.sql<{ locator: string; reason: string }>`
    SELECT locator, reason FROM etl_rejects WHERE run_id = ${report.runId} AND source = 'csv' ORDER BY locator`
  expect(rejects.length).toBeGreaterThan(0)
  for (const r of rejects) {
    expect(r.locator).toMatch(/\.csv:\d+$/)
    expect(r.reason.length).toBeGreaterThan(5)
  }
  const [mega] = await kernel.db.sql<{
    name_fr: string
    source: string
  }>`SELECT name_fr, source FROM pokemon WHERE slug = 'charizard-mega-x'`
  expect(mega).toMatchObject({ name_fr: 'Méga-Dracaufeu X', source: 'showdown+csv' })
})

test('--csv-dir without the csv source in ETL_SOURCES is a usage error, not silently ignored (issue 13, #11)', async () => {
  const config = etlConfig.parse({ sources: 'showdown' })
  const error = await runExtract(
    config,
    dataDir,
    { force: false, csvDir: CSV_DIR },
    {
      log: kernel.log,
      tty: false,
    },
  ).then(
    () => undefined,
    (e: { code?: string; message: string }) => e,
  )
  expect(error?.code).toBe('ETL_CSV_DIR_MISSING')
  expect(error?.message).toContain('ETL_SOURCES=showdown,csv')
})
