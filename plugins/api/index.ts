import { pokedexRef } from '../../core/contracts/pokedex.ts'
import { definePlugin } from '../../core/plugin.ts'
import { addTypeRoutes } from './routes/types.ts'

/**
 * The JSON API under `/api/v1`: Pokédex reads and (later) predictions. HTML lives in the ui
 * plugin; this plugin never answers with anything but JSON or problem+json.
 *
 * @example
 * curl http://127.0.0.1:8080/api/v1/types/effectiveness?attacking=fire&defending=grass
 */
export const apiPlugin = definePlugin({
  name: 'api',
  requires: [pokedexRef],
  setup(ctx) {
    const router = ctx.http.router()
    addTypeRoutes(router, ctx.services.get(pokedexRef))
    ctx.http.mount('/api/v1', router)
  },
})
