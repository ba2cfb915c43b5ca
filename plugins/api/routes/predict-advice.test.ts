import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { createTrainedApiKernel, type TrainedApiKernel } from '../../../testing/api/trained-kernel.ts'
import { BestMoveResponseSchema } from '../schemas/predict.ts'

/**
 * The advice service's contract seen from the API: exact answers carry their details; an answer
 * that cannot be exact within the time budget comes from the model and says so, and the exact one
 * is there for the next request; the model is available on request.
 */
describe('prediction methods', () => {
  let api: TrainedApiKernel
  const body = {
    pokemon_a: 'pikachu',
    moves_a: ['thunderbolt', 'quick-attack', 'iron-tail', 'thunder'],
    pokemon_b: 'squirtle',
    moves_b: ['water-gun', 'bite', 'tackle', 'surf'],
  }
  const bestMove = async (extra: Record<string, unknown> = {}) => {
    const res = await api.kernel.app.request('/api/v1/predict/best-move', {
      method: 'POST',
      body: JSON.stringify({ ...body, ...extra }),
      headers: { 'content-type': 'application/json', 'x-api-key': api.key },
    })
    expect(res.status).toBe(200)
    return BestMoveResponseSchema.parse(await res.json())
  }

  // A 10 ms budget: the solver worker cannot even load the engine within it, so the first answer
  // is the model's whatever the machine. A worker, not the test kernels' solves on the calling
  // thread: those hold the thread until they end, so no budget can run out.
  beforeAll(async () => {
    api = await createTrainedApiKernel({
      env: { ML_ADVICE_BUDGET_MS: '10', ML_SOLVER_WORKERS: '1', API_REQUEST_TIMEOUT_MS: '120000' },
    })
  }, 300_000)
  afterAll(() => api.close())

  test('over the budget the model answers and says so; asked for exact, the same request is exact', async () => {
    const first = await bestMove()
    expect(first.method).toBe('model')
    expect(first.moves[0]!.best_reply.note).toContain('budget')
    const exact = await bestMove({ method: 'exact' })
    expect(exact.moves.every((m) => m.method === 'exact' && m.best_reply.exact !== undefined)).toBe(true)
    // the exact answers are now cached: the default method gets them at once
    const again = await bestMove()
    expect(again.method).toBe('exact')
    expect(again.moves.map((m) => m.move.slug)).toEqual(exact.moves.map((m) => m.move.slug))
    const detail = again.moves[0]!.best_reply.exact!
    expect(detail.length_distribution.reduce((x, y) => x + y, 0)).toBeCloseTo(
      again.moves[0]!.best_reply.win_probability + again.moves[0]!.best_reply.loss_probability,
      9,
    )
    expect(detail.damage.a.wording).toMatch(/HKO|no damage|hits to KO/)
  })

  test('method "model" answers with the model only', async () => {
    const modelled = await bestMove({ method: 'model' })
    expect(modelled.moves.every((m) => m.method === 'model')).toBe(true)
    expect(modelled.model).not.toBeNull()
  })
})
