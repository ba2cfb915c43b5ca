import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Predictor } from '../../../core/contracts/predictor.ts'
import { HttpProblem } from '../../../core/problem.ts'
import { problemResponses, READ_ERRORS } from '../schemas/problem.ts'

const Stats = z.object({
  pairs: z.number().int(),
  mae: z.number(),
  shareOver01: z.number(),
  maxError: z.number(),
})

const TruthSchema = z
  .object({
    modelDir: z.string(),
    createdAt: z.string(),
    truth: z.object({ dataset: z.string(), partial: z.boolean(), skipped: z.number().int() }),
    overall: Stats.extend({ rmse: z.number(), shareOver005: z.number() }),
    unseenMatchups: Stats.nullable(),
    calibration: z.array(
      z.object({
        from: z.number(),
        to: z.number(),
        pairs: z.number().int(),
        predicted: z.number(),
        exact: z.number(),
      }),
    ),
    byMechanic: z.array(Stats.extend({ mechanic: z.string() })),
    worst: z.array(
      z.object({
        a: z.string(),
        moveA: z.string(),
        b: z.string(),
        moveB: z.string(),
        predicted: z.number(),
        exact: z.number(),
      }),
    ),
    targets: z.object({ mae: z.number(), shareOver01: z.number(), mechanicMae: z.number() }),
    passed: z.object({ mae: z.boolean(), shareOver01: z.boolean(), mechanics: z.boolean() }),
    scoring: z.object({ seconds: z.number(), pairsPerSecond: z.number() }),
  })
  .openapi('ModelTruth')

const truthRoute = createRoute({
  method: 'get',
  path: '/model/truth',
  tags: ['model'],
  summary: 'The served model against the exact solver on random pairs: MAE, calibration, error by mechanic',
  responses: {
    200: { description: 'The truth report', content: { 'application/json': { schema: TruthSchema } } },
    ...problemResponses(404, 503, ...READ_ERRORS),
  },
})

/** `GET /model/truth`: the report `ml:truth` wrote for the model being served. */
export function addModelTruthRoute(router: OpenAPIHono, predictor: Predictor): void {
  router.openapi(truthRoute, async (c) => {
    if (!predictor.modelInfo()) throw new HttpProblem('ML_NO_MODEL', 'no model is loaded yet')
    const report = await predictor.truth()
    if (!report)
      throw new HttpProblem(
        'TRUTH_REPORT_MISSING',
        'no truth report for the served model; run bun run stage ml:truth',
      )
    return c.json(report, 200)
  })
}
