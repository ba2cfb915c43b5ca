import { pokedexRef } from '../../core/contracts/pokedex.ts'
import { definePlugin } from '../../core/plugin.ts'
import { createBattleService } from './battle-service.ts'
import { mlConfig } from './config.ts'
import { createBattleStage } from './stages/battle.ts'
import { createDatasetStage } from './stages/dataset.ts'

/**
 * The ml plugin: battles on the real Let's Go engine, datasets, (next) the model.
 *
 * @example
 * bun run stage ml:dataset -- --scenario all --k 16
 */
export const mlPlugin = definePlugin({
  name: 'ml',
  config: mlConfig,
  requires: [pokedexRef],
  setup(ctx) {
    const battles = createBattleService(ctx.services.get(pokedexRef))
    ctx.stages.add(
      createDatasetStage({ battles, dataDir: ctx.core.dataDir, workers: ctx.config.workers }),
      createBattleStage({ battles }),
    )
  },
})
