import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Predictor } from '../../../core/contracts/predictor.ts'
import { HttpProblem } from '../../../core/problem.ts'
import { problemResponses, READ_ERRORS } from '../schemas/problem.ts'

const ModelInfoSchema = z
  .object({
    version: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Registry version (null: the shipped champion before registration)' }),
    dir: z.string().openapi({ example: '2026-11-26-0123456789ab' }),
    aliases: z.array(z.string()).openapi({ example: ['champion'] }),
    trained_at: z.string().openapi({ example: '2026-11-26T05:00:00.000Z' }),
    sha256: z.string(),
    features: z.object({ version: z.number().int(), names: z.array(z.string()) }),
    params: z.record(z.string(), z.unknown()),
    metrics: z.record(z.string(), z.unknown()),
    dataset: z.object({ name: z.string(), content_hash: z.string(), rows: z.record(z.string(), z.number()) }),
  })
  .openapi('ModelInfo')

const DriftSchema = z
  .object({
    window: z.number().int().openapi({ description: 'Recent feature vectors compared', example: 2000 }),
    threshold: z.number().openapi({ example: 0.25 }),
    drifted: z.array(z.string()).openapi({ description: 'Features whose PSI exceeds the threshold' }),
    features: z.array(z.object({ name: z.string(), psi: z.number(), drifted: z.boolean() })),
  })
  .openapi('DriftReport')

const modelRoute = createRoute({
  method: 'get',
  path: '/model',
  tags: ['model'],
  summary: 'The model being served: version, metrics, features, training date, aliases',
  responses: {
    200: { description: 'The champion', content: { 'application/json': { schema: ModelInfoSchema } } },
    ...problemResponses(503, ...READ_ERRORS),
  },
})

const driftRoute = createRoute({
  method: 'get',
  path: '/monitoring/drift',
  tags: ['model'],
  summary: 'Feature drift: PSI of each feature over recent predictions vs the training data',
  responses: {
    200: {
      description: 'Drift report (empty window before the first prediction)',
      content: { 'application/json': { schema: DriftSchema } },
    },
    ...problemResponses(503, ...READ_ERRORS),
  },
})

const noModel = () =>
  new HttpProblem('ML_NO_MODEL', 'no model is loaded yet; train one with bun run stage ml:train')

/** `/model` and `/monitoring/drift`: 503 problem (not 500) while no model is loaded. */
export function addModelRoutes(router: OpenAPIHono, predictor: Predictor): void {
  router.openapi(modelRoute, (c) => {
    const m = predictor.modelInfo()
    if (!m) throw noModel()
    return c.json(
      {
        version: m.version,
        dir: m.dir,
        aliases: m.aliases,
        trained_at: m.trainedAt,
        sha256: m.sha256,
        features: m.featureSpec,
        params: m.params,
        metrics: m.metrics,
        dataset: { name: m.dataset.name, content_hash: m.dataset.contentHash, rows: m.dataset.rows },
      },
      200,
    )
  })
  router.openapi(driftRoute, (c) => {
    if (!predictor.modelInfo()) throw noModel()
    const report = predictor.drift()
    return c.json({ ...report, drifted: report.features.filter((f) => f.drifted).map((f) => f.name) }, 200)
  })
}
