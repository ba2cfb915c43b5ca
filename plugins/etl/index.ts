import { pokedexRef } from '../../core/contracts/pokedex.ts'
import { definePlugin } from '../../core/plugin.ts'
import { etlConfig } from './config.ts'
import { etlMigrations } from './migrations.ts'
import { createCatalogueReader } from './pokedex-read.repo.ts'
import { readRoster } from './roster.repo.ts'
import { createExportStage } from './stages/export.ts'
import { createExtractStage } from './stages/extract.ts'
import { createLoadStage } from './stages/load.ts'
import { createVerifyStage } from './stages/verify.ts'
import { countTypes, listTypes, readTypeChart } from './types.repo.ts'

/**
 * The ETL plugin: builds the LGPE database from its sources and provides read access to it
 * (`etl.pokedex`).
 *
 * @example
 * bun run stage etl          # extract → load → verify → export
 */
export const etlPlugin = definePlugin({
  name: 'etl',
  config: etlConfig,
  provides: [pokedexRef],
  migrations: etlMigrations,
  setup(ctx) {
    const { db } = ctx
    const dataDir = ctx.core.dataDir
    const isLoaded = async () => (await countTypes(db)).types > 0
    ctx.services.provide(pokedexRef, {
      listTypes: () => listTypes(db),
      typeChart: () => readTypeChart(db),
      roster: () => readRoster(db),
      isLoaded,
      catalogue: createCatalogueReader(db),
    })
    ctx.stages.add(
      createExtractStage({ config: ctx.config, dataDir }),
      createLoadStage({ db, config: ctx.config, dataDir }),
      createVerifyStage({ db }),
      createExportStage({ db, dataDir }),
    )
    ctx.lifecycle.readiness('data', async () =>
      (await isLoaded()) ? true : 'the ETL has not loaded data yet',
    )
    ctx.lifecycle.bootstrap('etl', async () => !(await isLoaded()))
  },
})
