import { dirname, join } from 'node:path'
import { Hono } from 'hono'
import { pokedexRef } from '../../core/contracts/pokedex.ts'
import { predictorRef } from '../../core/contracts/predictor.ts'
import { definePlugin } from '../../core/plugin.ts'
import { createHomePage } from './pages/home.tsx'
import { registerModelAndQuizPages } from './pages/model-quiz.ts'
import { registerPokedexPages } from './pages/pokedex.tsx'
import { createPredictPages } from './pages/predict.tsx'
import { createTypePages } from './pages/types.tsx'

const STATIC: Record<string, () => string> = {
  'app.css': () => join(import.meta.dir, 'static', 'app.css'),
  'pokedex.css': () => join(import.meta.dir, 'static', 'pokedex.css'),
  'model.css': () => join(import.meta.dir, 'static', 'model.css'),
  'htmx.min.js': () =>
    join(dirname(Bun.resolveSync('htmx.org/package.json', import.meta.dir)), 'dist', 'htmx.min.js'),
}

/**
 * The web app: server-rendered HTML with htmx fragments (hono/jsx). It reads the Pokédex through
 * the `etl.pokedex` service, never through the JSON API, and never answers JSON.
 *
 * @example
 * bun run serve --role ui   # then open http://127.0.0.1:8080/
 */
export const uiPlugin = definePlugin({
  name: 'ui',
  requires: [pokedexRef, predictorRef],
  setup(ctx) {
    const pokedex = ctx.services.get(pokedexRef)
    const app = new Hono()
    const types = createTypePages(pokedex)
    app.get('/', createHomePage(pokedex))
    app.get('/types', types.page)
    app.get('/types/answer', types.answer)
    const predict = createPredictPages(pokedex, ctx.services.get(predictorRef))
    app.get('/predict', predict.page)
    app.get('/predict/moves', predict.moves)
    app.post('/predict', predict.answer)
    registerPokedexPages(app, { pokedex })
    registerModelAndQuizPages(app, {
      pokedex,
      predictor: ctx.services.get(predictorRef),
      modelsDir: ctx.core.modelsDir,
    })
    app.get('/static/:file', (c) => {
      const path = STATIC[c.req.param('file')]
      if (!path) return c.notFound()
      const file = Bun.file(path())
      return new Response(file, {
        headers: { 'content-type': file.type, 'cache-control': 'public, max-age=3600' },
      })
    })
    ctx.http.mount('/', app)
  },
})
