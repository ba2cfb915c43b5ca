import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { createTrainedApiKernel, type TrainedApiKernel } from '../../../testing/api/trained-kernel.ts'
import { OptimalResponseSchema } from '../schemas/optimal.ts'

/**
 * `POST /api/v1/predict/optimal` over the real optimal-play service (worker thread, exact solver).
 * A small state budget makes the refusal of a big game quick; the 4-vs-4 game below fits in it.
 */
describe('optimal play API', () => {
  let api: TrainedApiKernel
  beforeAll(async () => {
    api = await createTrainedApiKernel({
      env: {
        // the optimal-play worker's suite (test kernels solve in-thread)
        ML_OPTIMAL_WORKER: 'true',
        ML_OPTIMAL_MAX_STATES: '3000',
        ML_OPTIMAL_TIME_LIMIT_MS: '60000',
        API_REQUEST_TIMEOUT_MS: '120000',
      },
    })
  }, 300_000)
  afterAll(() => api.close())
  const post = (body: unknown, key: string | null = api.key) =>
    api.kernel.app.request('/api/v1/predict/optimal', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    })
  const BODY = {
    pokemon_a: 'pikachu',
    moves_a: ['thunderbolt', 'quick-attack', 'iron-tail', 'thunder'],
    pokemon_b: 'charmander',
    moves_b: ['flamethrower', 'scratch', 'ember', 'slash'],
  }

  test('needs a key', async () => {
    expect((await post(BODY, null)).status).toBe(401)
  })

  test('4 vs 4 from full HP: the value, what to use now, the policy grid, the gain over the best single move', async () => {
    const res = await post(BODY)
    expect(res.status).toBe(200)
    const body = OptimalResponseSchema.parse(await res.json())
    expect(body.win_probability).toBeGreaterThan(0)
    expect(body.win_probability + body.loss_probability + body.draw_probability).toBeCloseTo(1, 8)
    expect(body.strategy_a.reduce((sum, c) => sum + c.probability, 0)).toBeCloseTo(1, 12)
    expect(BODY.moves_a).toContain(body.recommended_move)
    expect(body.hp).toEqual(body.max_hp)
    expect(body.policy.a.runs).toHaveLength(body.policy.a.hp_a_max)
    // choosing every turn is never worse than the best single move (B choosing every turn in both)
    expect(body.gain).toBeGreaterThanOrEqual(-1e-9)
    expect(body.gain).toBeCloseTo(body.win_probability - body.single_best.win_probability, 12)
    expect(BODY.moves_a).toContain(body.single_best.move)
    // and B choosing every turn does at least as well as B repeating its worst reply
    expect(body.fixed_best).not.toBeNull()
    expect(body.single_best.win_probability).toBeLessThanOrEqual(body.fixed_best!.win_probability + 1e-9)
  }, 300_000)

  test('mid-battle: the answer starts from the given state (and is no better for a paralysed Pikachu at 1 HP)', async () => {
    const full = OptimalResponseSchema.parse(await (await post(BODY)).json())
    const res = await post({ ...BODY, state: { a: { hp: 1, status: 'par' }, b: { hp: 100 } } })
    expect(res.status).toBe(200)
    const body = OptimalResponseSchema.parse(await res.json())
    expect(body.hp).toEqual({ a: 1, b: 100 })
    expect(body.fixed_best).toBeNull()
    expect(body.win_probability).toBeLessThan(full.win_probability)
  }, 300_000)

  test('impossible states and moves are problems naming the field', async () => {
    const cases: [unknown, string][] = [
      [{ ...BODY, state: { a: { hp: 999 }, b: { hp: 10 } } }, 'body.state.a.hp'],
      [{ ...BODY, state: { a: { hp: 10, status: 'slp' }, b: { hp: 10 } } }, 'body.state.a.sleep_turns'],
      [{ ...BODY, state: { a: { hp: 10 }, b: { hp: 10, status: 'sick' } } }, 'body.state.b.status'],
      [{ ...BODY, moves_a: ['surf'] }, 'body.moves_a.0'],
    ]
    for (const [body, field] of cases) {
      const res = await post(body)
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const problem = (await res.json()) as { errors?: { field: string }[] }
      expect(problem.errors?.map((e) => e.field).some((f) => f.startsWith(field))).toBe(true)
    }
  }, 300_000)

  test('a game over the state budget is a 422 naming the limit, not a hang', async () => {
    const res = await post({
      pokemon_a: 'gengar',
      moves_a: ['hypnosis', 'confuse-ray', 'shadow-ball', 'protect'],
      pokemon_b: 'alakazam',
      moves_b: ['calm-mind', 'reflect', 'psychic', 'recover'],
    })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    const problem = (await res.json()) as { code: string; detail: string }
    expect(problem.code).toBe('OPTIMAL_STATE_LIMIT')
    expect(problem.detail).toContain('3000')
  }, 300_000)
})
