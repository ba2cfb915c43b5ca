import { advisorRef } from '../../core/contracts/advisor.ts'
import { matchupsRef } from '../../core/contracts/matchups.ts'
import { optimalPlayRef } from '../../core/contracts/optimal.ts'
import { pokedexRef } from '../../core/contracts/pokedex.ts'
import { predictorRef } from '../../core/contracts/predictor.ts'
import { simulatorRef } from '../../core/contracts/simulator.ts'
import { definePlugin } from '../../core/plugin.ts'
import { addModelRoutes } from './routes/model.ts'
import { addModelTruthRoute } from './routes/model-truth.ts'
import { addMoveRoutes } from './routes/moves.ts'
import { addPokemonRoutes } from './routes/pokemon.ts'
import { addPredictRoutes } from './routes/predict.ts'
import { addOptimalRoute } from './routes/predict-optimal.ts'
import { addSimulateRoute } from './routes/simulate.ts'
import { addThreatsRoute } from './routes/threats.ts'
import { addTypeRoutes } from './routes/types.ts'
import { apiSecurityConfig, createApiSecurity } from './security/index.ts'

/** Pokédex read routes: public unless `API_PUBLIC_READS=false`, rate limited per key or IP. */
const READ_PREFIXES = ['/pokemon/*', '/moves/*', '/types/*', '/model', '/model/*', '/monitoring/*'] as const
/** Prediction and simulation routes: always behind an API key, with their own rate limit. */
const PREDICT_PREFIXES = ['/predict/*', '/simulate', '/pokemon/:idOrSlug/threats'] as const

/**
 * The JSON API under `/api/v1`: Pokédex reads and predictions. HTML lives in the ui plugin; this
 * plugin never answers with anything but JSON or problem+json.
 *
 * Middleware order (see plugins/api/security): the kernel's security headers outermost (core/guards,
 * on every response), then CORS (so refusals stay readable by allowed pages and preflights need no
 * key), then the rate limit, then the API key, then body-size and time limits.
 *
 * @example
 * curl http://127.0.0.1:8080/api/v1/types/effectiveness?attacking=fire&defending=grass
 */
export const apiPlugin = definePlugin({
  name: 'api',
  config: apiSecurityConfig,
  requires: [pokedexRef, predictorRef, simulatorRef, advisorRef, optimalPlayRef, matchupsRef],
  setup(ctx) {
    const security = createApiSecurity(ctx.config, {
      log: ctx.log,
      metrics: ctx.metrics,
      bodyTimeoutMs: ctx.core.bodyTimeoutMs,
    })
    ctx.lifecycle.onStart(() => {
      for (const warning of security.warnings()) ctx.log.warn(warning)
    })
    const router = ctx.http.router()
    // no securityHeaders here: the kernel already sets the same `api` headers on every response
    // under /api (core/http.ts); a second pass cost 14 more header writes per request
    router.use('*', security.cors)
    for (const prefix of READ_PREFIXES) router.use(prefix, security.rateLimit, security.requireApiKeyForReads)
    for (const prefix of PREDICT_PREFIXES) {
      router.use(
        prefix,
        security.predictRateLimit,
        security.requireApiKey,
        security.bodyLimit,
        security.bodyDeadline,
        security.timeout,
      )
    }
    router.openAPIRegistry.registerComponent('securitySchemes', 'ApiKey', {
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
    })
    const pokedex = ctx.services.get(pokedexRef)
    const predictor = ctx.services.get(predictorRef)
    addTypeRoutes(router, pokedex)
    addPokemonRoutes(router, pokedex)
    addMoveRoutes(router, pokedex)
    addPredictRoutes(router, { pokedex, predictor, advisor: ctx.services.get(advisorRef) })
    addOptimalRoute(router, { pokedex, optimal: ctx.services.get(optimalPlayRef) })
    addModelRoutes(router, predictor)
    addModelTruthRoute(router, predictor)
    addThreatsRoute(router, { pokedex, matchups: ctx.services.get(matchupsRef) })
    addSimulateRoute(router, { pokedex, simulator: ctx.services.get(simulatorRef) })
    ctx.lifecycle.readiness('pokedex', async () =>
      (await pokedex.isLoaded()) ? true : 'no Pokédex data loaded',
    )
    ctx.http.mount('/api/v1', router)
  },
})
