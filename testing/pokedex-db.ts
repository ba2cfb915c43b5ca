import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { allMigrations } from '../core/catalogue.ts'
import { createKernel } from '../core/kernel.ts'
import { createMemoryLogger } from '../core/log.ts'
import { etlPlugin } from '../plugins/etl/index.ts'

let template: Promise<string> | undefined

/**
 * A SQLite file holding the loaded Pokédex (every migration, then `etl:load` from the offline
 * sources), built once per test process and copied for each caller, so suites that only *read*
 * the Pokédex do not each run the ETL, and servers started in child processes get a ready
 * database. Returns the copy's path (use `sqlite:<path>` as DATABASE_URL).
 *
 * @example
 * const url = `sqlite:${await loadedPokedexFile()}`
 */
export async function loadedPokedexFile(): Promise<string> {
  template ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pdx-pokedex-'))
    const path = join(dir, 'template.sqlite')
    const kernel = await createKernel({
      plugins: [etlPlugin],
      role: 'test',
      env: { DATABASE_URL: `sqlite:${path}`, DATA_DIR: dir },
      logger: createMemoryLogger('error'),
      defaultMetrics: false,
      migrations: allMigrations(),
    })
    await kernel.stages.run(
      'etl:load',
      {},
      { log: kernel.log, tty: false, signal: new AbortController().signal },
    )
    // One file, no -wal/-shm beside it, so a plain copy is the whole database.
    await kernel.db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    await kernel.stop()
    return path
  })()
  const source = await template
  const copy = join(mkdtempSync(join(tmpdir(), 'pdx-pokedex-copy-')), 'pokedex.sqlite')
  copyFileSync(source, copy)
  return copy
}
