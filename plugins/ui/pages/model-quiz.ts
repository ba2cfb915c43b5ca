import type { Hono } from 'hono'
import type { PokedexReader } from '../../../core/contracts/pokedex.ts'
import type { Predictor } from '../../../core/contracts/predictor.ts'
import { createModelPages } from './model.tsx'
import { createQuizPages } from './quiz.tsx'

/**
 * Adds the model page (`/model`, `/model/charts/:file`, `/model/report` and its stylesheet) and the type quiz
 * (`/quiz`, `/quiz/answer`) to the web app. One call so the ui plugin wires both in one line;
 * the quiz's HMAC secret is created here, once per registration (per process in production).
 *
 * @example
 * registerModelAndQuizPages(app, { pokedex, predictor, modelsDir: ctx.core.modelsDir })
 */
export function registerModelAndQuizPages(
  app: Hono,
  deps: { pokedex: PokedexReader; predictor: Predictor; modelsDir: string },
): void {
  const model = createModelPages(deps.predictor, deps.modelsDir, deps.pokedex)
  const quiz = createQuizPages(deps.pokedex)
  app.get('/model', model.page)
  app.get('/model/charts/:file', model.chart)
  app.get('/model/report', model.report)
  app.get('/model/report.css', model.reportStyle)
  app.get('/quiz', quiz.page)
  app.post('/quiz/answer', quiz.answer)
}
