import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { PokedexCatalogue, PokedexReader } from '../../../core/contracts/pokedex.ts'
import type { Simulator } from '../../../core/contracts/simulator.ts'
import { hasCode } from '../../../core/errors.ts'
import { HttpProblem } from '../../../core/problem.ts'
import { resolveSide } from '../predict-input.ts'
import { problemResponses } from '../schemas/problem.ts'

const ref = z.string().min(1).max(60)
const policy = z.enum(['best', 'random', 'fixed', 'optimal'])

const SimulateRequestSchema = z
  .object({
    pokemon_a: ref.openapi({ example: 'pikachu' }),
    moves_a: z
      .array(ref)
      .min(1)
      .max(4)
      .optional()
      .openapi({
        description: 'Default: its 4 best moves against B',
        example: ['thunderbolt', 'quick-attack'],
      }),
    pokemon_b: ref.openapi({ example: 'squirtle' }),
    moves_b: z.array(ref).min(1).max(4).optional(),
    policy_a: policy.default('best').openapi({
      description:
        '`best` (highest expected damage each turn), `random`, `fixed` (one move), or `optimal` (the optimal-play solver’s strategy; a game over its budget is refused: 400 BATTLE_INVALID_POLICY)',
    }),
    policy_b: policy.default('best'),
    k: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(100)
      .openapi({ description: 'Battles to play (≤ 1000)', example: 200 }),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
  })
  .strict()
  .openapi('SimulateRequest')

const SimulateResponseSchema = z
  .object({
    battles: z.number().int(),
    wins: z.number().int(),
    losses: z.number().int(),
    draws: z.number().int().openapi({ description: 'Both sides fainted' }),
    caps: z
      .number()
      .int()
      .openapi({ description: 'Battles stopped at the turn cap (counted, never dropped)' }),
    win_rate: z.number().openapi({ example: 0.62 }),
    wilson95: z
      .tuple([z.number(), z.number()])
      // Without the bounds the document would allow any length (zod-to-openapi emits only prefixItems).
      .openapi({ description: '95 % Wilson interval of the win rate', minItems: 2, maxItems: 2 }),
    mean_turns: z.number(),
    moves_a: z.array(z.string()),
    moves_b: z.array(z.string()),
    used_a: z.record(z.string(), z.number()).openapi({ description: 'Battles in which A chose each move' }),
    used_b: z.record(z.string(), z.number()),
  })
  .openapi('SimulateResponse')

const simulateRoute = createRoute({
  method: 'post',
  path: '/simulate',
  tags: ['predictions'],
  summary: 'Play K battles on the real Let’s Go engine — check any prediction yourself',
  description:
    'Battles run in a bounded worker pool off the request thread and are time-bounded; a full queue or an over-long run answers 503 with Retry-After.',
  security: [{ ApiKey: [] }],
  request: { body: { content: { 'application/json': { schema: SimulateRequestSchema } }, required: true } },
  responses: {
    200: {
      description: 'Outcome counts and win rate',
      content: { 'application/json': { schema: SimulateResponseSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 413, 415, 429, 503),
  },
})

/** True when the form can use a move the simulator's `best` policy can pick (damaging, fixed power). */
function hasDamagingMove(catalogue: PokedexCatalogue, pokemonId: number): boolean {
  return (catalogue.learnsetByPokemon.get(pokemonId) ?? []).some((l) => {
    const move = catalogue.moveById.get(l.move_id)
    return move !== undefined && move.category !== 'status' && move.effect_class !== 'variable-power'
  })
}

/** Mounts `POST /simulate`. */
export function addSimulateRoute(
  router: OpenAPIHono,
  deps: { pokedex: PokedexReader; simulator: Simulator },
): void {
  router.openapi(simulateRoute, async (c) => {
    const body = c.req.valid('json')
    const catalogue = await deps.pokedex.catalogue()
    const a = resolveSide(catalogue, body.pokemon_a, body.moves_a ?? [], {
      pokemon: 'body.pokemon_a',
      moves: 'body.moves_a',
    })
    const b = resolveSide(catalogue, body.pokemon_b, body.moves_b ?? [], {
      pokemon: 'body.pokemon_b',
      moves: 'body.moves_b',
    })
    for (const [side, moves, p, form] of [
      ['a', body.moves_a, body.policy_a, a.pokemon],
      ['b', body.moves_b, body.policy_b, b.pokemon],
    ] as const) {
      if (p === 'fixed' && moves?.length !== 1) {
        throw new HttpProblem('VALIDATION_FAILED', `policy_${side} fixed needs exactly one move`, [
          { field: `body.moves_${side}`, message: 'give exactly one move with a fixed policy' },
        ])
      }
      // The default moves are the form's best damaging ones; Ditto has none (was a 500).
      if (moves === undefined && !hasDamagingMove(catalogue, form.id)) {
        throw new HttpProblem('NO_DAMAGING_MOVE', `${form.slug} has no damaging move; give moves_${side}`, [
          { field: `body.moves_${side}`, message: 'required for this Pokémon' },
        ])
      }
    }
    try {
      const r = await deps.simulator.simulate({
        a: a.pokemon.slug,
        b: b.pokemon.slug,
        ...(body.moves_a ? { movesA: a.moves.map((m) => m.slug) } : {}),
        ...(body.moves_b ? { movesB: b.moves.map((m) => m.slug) } : {}),
        policyA: body.policy_a,
        policyB: body.policy_b,
        k: body.k,
        seed: body.seed,
      })
      return c.json(
        {
          battles: r.battles,
          wins: r.wins,
          losses: r.losses,
          draws: r.draws,
          caps: r.caps,
          win_rate: r.winRate,
          wilson95: [r.wilson95[0], r.wilson95[1]] as [number, number],
          mean_turns: r.meanTurns,
          moves_a: r.movesA,
          moves_b: r.movesB,
          used_a: r.usedA,
          used_b: r.usedB,
        },
        200,
      )
    } catch (error) {
      if (hasCode(error) && error.code === 'BATTLE_INVALID_POLICY') {
        // the optimal policy's game is over its budget (the message names the limit)
        const side = body.policy_a === 'optimal' ? 'a' : 'b'
        throw new HttpProblem('BATTLE_INVALID_POLICY', (error as Error).message, [
          { field: `body.policy_${side}`, message: (error as Error).message },
        ])
      }
      if (hasCode(error) && (error.code === 'ML_SIMULATION_BUSY' || error.code === 'ML_SIMULATION_TIMEOUT')) {
        c.header('Retry-After', '5')
        throw new HttpProblem(error.code, error.message)
      }
      throw error
    }
  })
}
