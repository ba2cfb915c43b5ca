import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import { type PokedexReader, pokedexRef } from '../../../core/contracts/pokedex.ts'
import type { Kernel } from '../../../core/kernel.ts'
import { createTrainedApiKernel, type TrainedApiKernel } from '../../../testing/api/trained-kernel.ts'
import { notePostgresSkipped, testEngines } from '../../../testing/kernel.ts'
import { trainingLikeStream } from '../../../testing/ml/training-like-stream.ts'
import { BestMoveResponseSchema, MatchupResponseSchema } from '../schemas/predict.ts'

notePostgresSkipped()

/** The shipped champion over the loaded Pokédex, per engine (see testing/api/trained-kernel.ts). */

for (const engine of testEngines()) {
  describe(`prediction API on ${engine}`, () => {
    let api: TrainedApiKernel
    let kernel: Kernel
    let key: string
    beforeAll(async () => {
      api = await createTrainedApiKernel({
        engine,
        // generous limits: the answers must not depend on how busy the machine is
        env: {
          // the simulation test below is the worker pool's: battles off the request thread
          ML_SIM_WORKERS: '1',
          ML_SIM_QUEUE: '0',
          ML_SIM_TIMEOUT_MS: '120000',
          ML_ADVICE_BUDGET_MS: '60000',
          API_REQUEST_TIMEOUT_MS: '120000',
        },
      })
      kernel = api.kernel
      key = api.key
    }, 300_000)
    afterAll(() => api.close())
    const post = (path: string, body: unknown, headers: Record<string, string> = { 'x-api-key': key }) =>
      kernel.app.request(path, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...headers },
      })

    test('prediction routes need a key: 401 without, 403 with a wrong one', async () => {
      const body = { pokemon_a: 'pikachu', moves_a: ['thunderbolt'], pokemon_b: 'squirtle' }
      expect((await post('/api/v1/predict/best-move', body, {})).status).toBe(401)
      expect((await post('/api/v1/predict/best-move', body, { 'x-api-key': 'nope' })).status).toBe(403)
      expect((await post('/api/v1/predict/best-move', body)).status).toBe(200)
    })

    test('best-move: moves ranked by their exact worst case (an immune move is a certain loss); each reply is the one minimising A’s chance (brute force)', async () => {
      const res = await post('/api/v1/predict/best-move', {
        pokemon_a: 'pikachu',
        moves_a: ['quick-attack', 'thunderbolt', 'iron-tail'],
        pokemon_b: 'gengar',
      })
      expect(res.status).toBe(200)
      const body = BestMoveResponseSchema.parse(await res.json())
      // exact answers: Quick Attack cannot touch Gengar (a certain loss), Thunderbolt ranks first
      const quickAttack = body.moves.find((m) => m.move.slug === 'quick-attack')!
      expect([quickAttack.type_multiplier, quickAttack.win_probability]).toEqual([0, 0])
      expect(body.recommended_move).toBe('thunderbolt')
      const worst = body.moves.map((m) => m.win_probability)
      expect(worst).toEqual([...worst].sort((x, y) => y - x))
      expect(body.moves.every((m) => m.method === 'exact')).toBe(true)
      expect(body.recommended_move).toBe(body.moves[0]!.move.slug)
      const replies = body.moves[0]!.replies.map((r) => r.move)
      const brute = MatchupResponseSchema.parse(
        await (
          await post('/api/v1/predict/matchup', {
            matchups: replies.map((r) => ({
              pokemon_a: 'pikachu',
              move_a: body.recommended_move,
              pokemon_b: 'gengar',
              move_b: r,
            })),
          })
        ).json(),
      )
      const min = Math.min(...brute.results.map((r) => r.win_probability))
      expect(body.moves[0]!.win_probability).toBeCloseTo(min, 6)
      expect(brute.results.find((r) => r.win_probability === min)?.move_b).toBe(
        body.moves[0]!.best_reply.move.slug,
      )
    })

    test('bad input is a problem naming the field: unknown Pokémon 404, unlearnable or duplicate move 400, too many moves 400', async () => {
      const cases: [unknown, number, string][] = [
        [{ pokemon_a: 'pikachoo', moves_a: ['thunderbolt'], pokemon_b: 'squirtle' }, 404, 'body.pokemon_a'],
        [
          { pokemon_a: 'pikachu', moves_a: ['thunderbolt', 'surf'], pokemon_b: 'squirtle' },
          400,
          'body.moves_a.1',
        ],
        [
          { pokemon_a: 'pikachu', moves_a: ['thunderbolt', 'thunderbolt'], pokemon_b: 'squirtle' },
          400,
          'body.moves_a.1',
        ],
        [
          { pokemon_a: 'pikachu', moves_a: Array(21).fill('thunderbolt'), pokemon_b: 'squirtle' },
          400,
          'body.moves_a',
        ],
        [
          {
            pokemon_a: 'pikachu',
            moves_a: ['thunderbolt'],
            pokemon_b: 'squirtle',
            moves_b: ['flamethrower'],
          },
          400,
          'body.moves_b.0',
        ],
        [{ pokemon_a: 'pikachu', pokemon_b: 'squirtle' }, 400, 'body.moves_a'],
      ]
      for (const [body, status, field] of cases) {
        const res = await post('/api/v1/predict/best-move', body)
        expect(res.status).toBe(status)
        expect(res.headers.get('content-type')).toContain('application/problem+json')
        expect(((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(
          field,
        )
      }
      const many = {
        matchups: Array(101).fill({
          pokemon_a: 'pikachu',
          move_a: 'thunderbolt',
          pokemon_b: 'squirtle',
          move_b: 'tackle',
        }),
      }
      expect((await post('/api/v1/predict/matchup', many)).status).toBe(400)
    })

    test('simulate: K battles off the request thread with a Wilson interval; a full queue answers 503 + Retry-After', async () => {
      // Two simulations at once with one worker and no queue (ML_SIM_QUEUE=0): exactly one runs, the
      // other is refused with 503 + Retry-After (which one depends on who reaches the pool first).
      const both = Promise.all([
        post('/api/v1/simulate', { pokemon_a: 'chansey', pokemon_b: 'snorlax', k: 1000 }),
        post('/api/v1/simulate', { pokemon_a: 'chansey', pokemon_b: 'snorlax', k: 1000, seed: 2 }),
      ])
      let simulationsDone = Number.POSITIVE_INFINITY
      void both.then(() => {
        simulationsDone = performance.now()
      })
      const read = await kernel.app.request('/api/v1/pokemon/25')
      const readDone = performance.now()
      expect(read.status).toBe(200)
      const answers = await both
      // a Pokédex read is answered while 1,000 battles are still running on the worker
      expect(readDone).toBeLessThan(simulationsDone)
      expect(answers.map((r) => r.status).sort()).toEqual([200, 503])
      const refused = answers.find((r) => r.status === 503)!
      expect(refused.headers.get('retry-after')).toBe('5')
      const body = (await answers.find((r) => r.status === 200)!.json()) as {
        battles: number
        wins: number
        win_rate: number
        wilson95: [number, number]
      }
      expect(body.battles).toBe(1000)
      expect(body.win_rate).toBe(body.wins / 1000)
      expect(body.wilson95[0]).toBeLessThanOrEqual(body.win_rate)
      expect(body.wilson95[1]).toBeGreaterThanOrEqual(body.win_rate)
      expect(
        (await post('/api/v1/simulate', { pokemon_a: 'pikachu', pokemon_b: 'squirtle', k: 1001 })).status,
      ).toBe(400)
      const fixed = await post('/api/v1/simulate', {
        pokemon_a: 'pikachu',
        pokemon_b: 'squirtle',
        policy_a: 'fixed',
      })
      expect(((await fixed.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe('body.moves_a')
    })

    test('GET /model describes the champion; predictions are counted in /metrics', async () => {
      const model = (await (await kernel.app.request('/api/v1/model')).json()) as {
        version: number | null
        aliases: string[]
        dir: string
        features: { names: string[] }
        metrics: object
      }
      expect(model.features.names.length).toBeGreaterThan(50)
      expect(model.metrics).toHaveProperty('pair_test')
      // This kernel's database is new: the champion on disk was registered as version 1 at start.
      expect(model).toMatchObject({ version: 1, aliases: ['champion'] })
      const metrics = await (await kernel.app.request('/metrics')).text()
      expect(metrics).toMatch(
        /predictiondex_predictions_total\{model_version="1",outcome="a_wins",role="test"\} \d+/,
      )
      expect(metrics).toContain(`predictiondex_model_info{version="1",dir="${model.dir}"`)
    })

    test('drift: the training stream stays under the threshold; a shifted one raises the PSI gauge above it', async () => {
      // A stream like the champion's training data (random_pairs over every form): random forms
      // with random moves they can learn (status moves included), seeded. The model's own drift: its
      // answers are asked for (exact answers also feed it, in shadow).
      const normal = await trainingLikeStream(kernel.services.get(pokedexRef.id) as PokedexReader, 1200)
      for (let i = 0; i < normal.length; i += 100) {
        expect(
          (await post('/api/v1/predict/matchup', { method: 'model', matchups: normal.slice(i, i + 100) }))
            .status,
        ).toBe(200)
      }
      const calm = (await (await kernel.app.request('/api/v1/monitoring/drift')).json()) as {
        drifted: string[]
        window: number
      }
      expect(calm.window).toBe(Math.min(2000, normal.length + 100 * 0) > 0 ? calm.window : 0)
      expect(calm.drifted).toEqual([])
      const shifted = {
        matchups: Array(100).fill({
          pokemon_a: 'snorlax',
          move_a: 'hyper-beam',
          pokemon_b: 'onix',
          move_b: 'earthquake',
        }),
      }
      for (let i = 0; i < 21; i++) expect((await post('/api/v1/predict/matchup', shifted)).status).toBe(200)
      const report = (await (await kernel.app.request('/api/v1/monitoring/drift')).json()) as {
        drifted: string[]
        threshold: number
      }
      expect(report.drifted.length).toBeGreaterThan(5)
      const metrics = await (await kernel.app.request('/metrics')).text()
      const psi = Number(
        metrics.match(/predictiondex_feature_drift_psi\{feature="a_hp",role="test"\} ([\d.e+-]+)/)?.[1],
      )
      expect(psi).toBeGreaterThan(report.threshold)
    })
  })
}
