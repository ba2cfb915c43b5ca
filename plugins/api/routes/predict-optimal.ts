import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type {
  OptimalAdvice,
  OptimalPlay,
  OptimalSideState,
  PolicyGrid,
} from '../../../core/contracts/optimal.ts'
import type { PokedexReader, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import { type ErrorCode, isErrorCode } from '../../../core/error-catalogue.ts'
import { hasCode } from '../../../core/errors.ts'
import { HttpProblem } from '../../../core/problem.ts'
import { resolveSides } from '../predict-input.ts'
import { type Lang, langQuery } from '../schemas/common.ts'
import { OptimalRequestSchema, OptimalResponseSchema } from '../schemas/optimal.ts'
import { problemResponses } from '../schemas/problem.ts'
import { moveRef, pokemonRef } from './predict.ts'

const optimalRoute = createRoute({
  method: 'post',
  path: '/predict/optimal',
  tags: ['predictions'],
  summary: 'Optimal play: what to use now, and P(win) if both sides play perfectly',
  description:
    'Each turn both sides choose a move at the same time, knowing the HP left: a zero-sum stochastic game, solved exactly under the engine’s rules (a matrix game at every turn start, solved by linear programming). The answer is the game’s value as `win_probability`, each side’s optimal strategy now (a probability per move: mixed where bluffing matters), the move each side should use over the whole (HP of A, HP of B) grid, and the gain over the best single move. With `state`, it answers “what now?” mid-battle. A battle whose state space exceeds the budget gets a 422 naming the limit (`OPTIMAL_STATE_LIMIT`, `OPTIMAL_CELL_LIMIT`, `OPTIMAL_TIME_LIMIT`).',
  security: [{ ApiKey: [] }],
  request: {
    query: z.object({ lang: langQuery }),
    body: { content: { 'application/json': { schema: OptimalRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'The value of the game and the optimal strategies',
      content: { 'application/json': { schema: OptimalResponseSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 413, 415, 422, 429, 503),
  },
})

type SideStateBody = z.infer<typeof OptimalRequestSchema>['state'] extends infer S
  ? S extends { a: infer T }
    ? T
    : never
  : never

function sideState(body: SideStateBody): OptimalSideState {
  return {
    hp: body.hp,
    ...(body.status !== undefined ? { status: body.status } : {}),
    ...(body.sleep_turns !== undefined ? { sleepTurns: body.sleep_turns } : {}),
    ...(body.toxic_turns !== undefined ? { toxicTurns: body.toxic_turns } : {}),
    ...(body.boosts !== undefined ? { boosts: body.boosts } : {}),
    ...(body.pp_used !== undefined ? { ppUsed: body.pp_used } : {}),
  }
}

const grid = (g: PolicyGrid) => ({ hp_a_max: g.hiA, hp_b_max: g.hiB, runs: g.runs })

/**
 * Mounts `POST /predict/optimal`: moves are validated against Let's Go learnsets first; the game
 * is solved by the ml plugin's optimal-play service (off the request thread, within a budget).
 */
export function addOptimalRoute(
  router: OpenAPIHono,
  deps: { pokedex: PokedexReader; optimal: OptimalPlay },
): void {
  router.openapi(optimalRoute, async (c) => {
    const body = c.req.valid('json')
    const { lang } = c.req.valid('query')
    const catalogue = await deps.pokedex.catalogue()
    const { a, b, slugs } = resolveSides(catalogue, body)
    const advice = await solveWithProblems(deps.optimal, {
      ...slugs,
      ...(body.state ? { state: { a: sideState(body.state.a), b: sideState(body.state.b) } } : {}),
    })
    const move = (slug: string) => moveRef(catalogue, catalogue.moveBySlug.get(slug)!, lang)
    return c.json(responseOf(advice, a.pokemon, b.pokemon, move, lang), 200)
  })
}

function responseOf(
  advice: OptimalAdvice,
  a: PokemonEntry,
  b: PokemonEntry,
  move: (slug: string) => ReturnType<typeof moveRef>,
  lang: Lang,
) {
  return {
    method: 'exact' as const,
    pokemon_a: pokemonRef(a, lang),
    pokemon_b: pokemonRef(b, lang),
    moves_a: advice.movesA.map(move),
    moves_b: advice.movesB.map(move),
    hp: advice.hp,
    max_hp: advice.maxHp,
    win_probability: advice.winProbability,
    loss_probability: advice.lossProbability,
    draw_probability: advice.drawProbability,
    unresolved: advice.unresolved,
    recommended_move: advice.recommended,
    strategy_a: advice.strategyA,
    strategy_b: advice.strategyB,
    policy: { a: grid(advice.policyA), b: grid(advice.policyB) },
    fixed_best: advice.fixed
      ? { move: advice.fixed.move, reply: advice.fixed.reply, win_probability: advice.fixed.winProbability }
      : null,
    single_best: { move: advice.single.move, win_probability: advice.single.winProbability },
    gain: advice.gain,
    expected_turns: advice.expectedTurns,
    states: { total: advice.states.total, turn_starts: advice.states.turnStarts, cells: advice.states.cells },
    elapsed_ms: advice.elapsedMs,
  }
}

const LIMITS = new Set(['OPTIMAL_STATE_LIMIT', 'OPTIMAL_CELL_LIMIT', 'OPTIMAL_TIME_LIMIT'])

/** The service's refusals as problems: the field for an impossible state, the limit for a budget. */
async function solveWithProblems(optimal: OptimalPlay, request: Parameters<OptimalPlay['solve']>[0]) {
  try {
    return await optimal.solve(request)
  } catch (error) {
    if (!hasCode(error) || !isErrorCode(error.code)) throw error
    const detail = error as Error & { code: ErrorCode; field?: string; limit?: number }
    if (detail.code === 'OPTIMAL_BAD_STATE') {
      throw new HttpProblem('OPTIMAL_BAD_STATE', detail.message, [
        { field: `body.${detail.field ?? 'state'}`, message: detail.message },
      ])
    }
    if (LIMITS.has(detail.code)) {
      throw new HttpProblem(
        detail.code,
        `${detail.message} (limit ${detail.limit}); the game is too big to solve exactly`,
      )
    }
    throw error
  }
}
