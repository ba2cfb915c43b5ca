import { Hono } from 'hono'
import { advisorRef } from '../../core/contracts/advisor.ts'
import { matchupsRef } from '../../core/contracts/matchups.ts'
import { optimalPlayRef } from '../../core/contracts/optimal.ts'
import { pokedexRef } from '../../core/contracts/pokedex.ts'
import { predictorRef } from '../../core/contracts/predictor.ts'
import { definePlugin } from '../../core/plugin.ts'
import { uiConfig } from './config.ts'
import { renderHtmlError } from './errors.tsx'
import { createFormGuards } from './guards.ts'
import { creditsPage } from './pages/credits.tsx'
import { createHomePage } from './pages/home.tsx'
import { registerModelAndQuizPages } from './pages/model-quiz.ts'
import { registerPokedexPages } from './pages/pokedex.tsx'
import { createPredictPages } from './pages/predict.tsx'
import { adviseWith } from './pages/predict-advice.ts'
import { createOptimalPage } from './pages/predict-optimal.tsx'
import { createTypePages } from './pages/types.tsx'
import { favicon, sprite, staticFile } from './static-files.ts'

/** Pages that cost CPU per request (predictions, quiz answers): rate limited per client. */
const COSTLY = ['/predict', '/predict/side', '/quiz/answer'] as const
/** Every path the web app accepts a form post on. */
const FORM_POSTS = ['/quiz/answer'] as const

/**
 * The web app: server-rendered HTML with htmx fragments (hono/jsx), in French (default) and
 * English (`?lang=en`, remembered). It reads the Pokédex through the `etl.pokedex` service, never
 * through the JSON API, never answers JSON, and renders the kernel's web errors in its layout.
 *
 * @example
 * bun run serve --role ui   # then open http://127.0.0.1:8080/
 */
export const uiPlugin = definePlugin({
  name: 'ui',
  requires: [pokedexRef, predictorRef, advisorRef, optimalPlayRef, matchupsRef],
  config: uiConfig,
  setup(ctx) {
    const pokedex = ctx.services.get(pokedexRef)
    const predictor = ctx.services.get(predictorRef)
    const app = new Hono()
    // Named paths, not '*': mounted at '/', a '*' middleware would also catch the API's requests.
    const guards = createFormGuards(ctx.config, {
      metrics: ctx.metrics,
      bodyTimeoutMs: ctx.core.bodyTimeoutMs,
    })
    for (const path of COSTLY) app.use(path, guards.rateLimit)
    for (const path of FORM_POSTS) app.use(path, ...guards.body)
    const types = createTypePages(pokedex)
    app.get('/', createHomePage(pokedex))
    app.get('/types', types.page)
    app.get('/types/answer', types.answer)
    const predict = createPredictPages(pokedex, predictor, adviseWith(ctx.services.get(advisorRef)))
    app.get('/predict', predict.page)
    app.get('/predict/side', predict.side)
    app.get('/predict/optimal', createOptimalPage(pokedex, predictor, ctx.services.get(optimalPlayRef)))
    registerPokedexPages(app, { pokedex, matchups: ctx.services.get(matchupsRef) })
    registerModelAndQuizPages(app, { pokedex, predictor, modelsDir: ctx.core.modelsDir })
    app.get('/credits', creditsPage)
    app.get('/static/sprites/:file', sprite)
    app.get('/static/:file', staticFile)
    app.get('/favicon.ico', favicon)
    ctx.http.mount('/', app)
    ctx.http.htmlErrors(renderHtmlError)
  },
})
