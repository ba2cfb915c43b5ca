import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Advice, Advisor } from '../../../core/contracts/advisor.ts'
import type {
  MoveEntry,
  PokedexCatalogue,
  PokedexReader,
  PokemonEntry,
} from '../../../core/contracts/pokedex.ts'
import type { Predictor } from '../../../core/contracts/predictor.ts'
import { hasCode } from '../../../core/errors.ts'
import { HttpProblem } from '../../../core/problem.ts'
import { createJsonBodyCache, sendJsonBody } from '../json-cache.ts'
import { resolveSide, resolveSides } from '../predict-input.ts'
import { type Lang, langQuery, names } from '../schemas/common.ts'
import {
  BestMoveRequestSchema,
  BestMoveResponseSchema,
  MatchupRequestSchema,
  MatchupResponseSchema,
} from '../schemas/predict.ts'
import { problemResponses } from '../schemas/problem.ts'
import { outcomeJson } from './predict-view.ts'

const security = [{ ApiKey: [] }]

const bestMoveRoute = createRoute({
  method: 'post',
  path: '/predict/best-move',
  tags: ['predictions'],
  summary: 'Rank your moves against the opponent’s best reply to each',
  description:
    'For every move of A, every reply of B is answered and the reply that **minimises** A’s win probability is kept; moves are ranked by that worst-case probability. Answers are exact where the solver covers the pair (`method: exact`, with damage ranges, KO chances and the battle’s length), engine battles where it does not (`sampled`), and the model when an exact answer would exceed the time budget or `method: model` is asked for. The web app ranks with the same service.',
  security,
  request: {
    query: z.object({ lang: langQuery }),
    body: { content: { 'application/json': { schema: BestMoveRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'Moves ranked, best first',
      content: { 'application/json': { schema: BestMoveResponseSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 413, 415, 429, 503),
  },
})

const matchupRoute = createRoute({
  method: 'post',
  path: '/predict/matchup',
  tags: ['predictions'],
  summary: 'Win probability of explicit move pairs (up to 100 a call)',
  security,
  request: {
    query: z.object({ lang: langQuery }),
    body: { content: { 'application/json': { schema: MatchupRequestSchema } }, required: true },
  },
  responses: {
    200: {
      description: 'One result per matchup, in request order',
      content: { 'application/json': { schema: MatchupResponseSchema } },
    },
    ...problemResponses(400, 401, 403, 404, 413, 415, 429, 503),
  },
})

/** A move as prediction answers show it (also used by the optimal-play route). */
export function moveRef(catalogue: PokedexCatalogue, move: MoveEntry, lang: Lang) {
  const type = catalogue.typeById.get(move.type_id)!
  return {
    id: move.id,
    slug: move.slug,
    ...names(move, lang),
    type: type.slug,
    category: move.category,
    power: move.power,
    accuracy: move.accuracy,
    priority: move.priority,
  }
}

export const pokemonRef = (p: PokemonEntry, lang: Lang) => ({ id: p.id, slug: p.slug, ...names(p, lang) })

/**
 * Mounts the prediction routes. Moves are validated against Let's Go learnsets before anything is
 * computed; the ranking itself is the advisor's (the same one the web app uses).
 */
export function addPredictRoutes(
  router: OpenAPIHono,
  deps: { pokedex: PokedexReader; predictor: Predictor; advisor: Advisor },
): void {
  // ≈ 7.6 KB each for a 4 × 4 request: at most ≈ 15 MB per catalogue
  const finalAnswers = createJsonBodyCache<PokedexCatalogue>(2_000)
  router.openapi(bestMoveRoute, async (c) => {
    const body = c.req.valid('json')
    const { lang } = c.req.valid('query')
    const catalogue = await deps.pokedex.catalogue()
    const { a, b, slugs } = resolveSides(catalogue, body)
    const advice = await withProblems(() => deps.advisor.rank({ ...slugs, method: body.method }))
    const model = modelRef(deps.predictor)
    const build = () => bestMoveJson(catalogue, advice, a.pokemon, b.pokemon, model, lang)
    // The advisor ran (shadow scoring, drift, counters: monitoring sees every request); an answer
    // that can no longer change is serialised once. Exact and sampled answers never change; model
    // answers are fixed for a model, but over-budget ones turn exact on a later request.
    const final =
      body.method === 'model' || advice.moves.every((m) => m.replies.every((r) => r.method !== 'model'))
    if (!final) return c.json(build(), 200)
    const key = [
      model ? `${model.sha256}:${model.version}:${model.dir}` : '-',
      lang,
      body.method,
      a.pokemon.slug,
      a.moves.map((m) => m.slug).join(','),
      b.pokemon.slug,
      body.moves_b ? b.moves.map((m) => m.slug).join(',') : '*',
    ].join('|')
    return sendJsonBody(c, finalAnswers.get(catalogue, key, build))
  })

  router.openapi(matchupRoute, async (c) => {
    const { matchups, method } = c.req.valid('json')
    const catalogue = await deps.pokedex.catalogue()
    const pairs = matchups.map((m, i) => {
      const a = resolveSide(catalogue, m.pokemon_a, [m.move_a], {
        pokemon: `body.matchups.${i}.pokemon_a`,
        moves: `body.matchups.${i}.move_a`,
      })
      const b = resolveSide(catalogue, m.pokemon_b, [m.move_b], {
        pokemon: `body.matchups.${i}.pokemon_b`,
        moves: `body.matchups.${i}.move_b`,
      })
      return { a: a.pokemon.slug, moveA: a.moves[0]!.slug, b: b.pokemon.slug, moveB: b.moves[0]!.slug }
    })
    const outcomes = await withProblems(() => deps.advisor.pairs(pairs, method))
    return c.json(
      {
        model: modelRef(deps.predictor),
        results: pairs.map((p, i) => ({
          pokemon_a: p.a,
          move_a: p.moveA,
          pokemon_b: p.b,
          move_b: p.moveB,
          ...outcomeJson(outcomes[i]!),
        })),
      },
      200,
    )
  })
}

/** The best-move answer in the API's shape (`BestMoveResponse` in the OpenAPI document). */
function bestMoveJson(
  catalogue: PokedexCatalogue,
  advice: Advice,
  a: PokemonEntry,
  b: PokemonEntry,
  model: ReturnType<typeof modelRef>,
  lang: Lang,
) {
  const move = (slug: string) => catalogue.moveBySlug.get(slug)!
  return {
    method: advice.method,
    model,
    pokemon_a: pokemonRef(a, lang),
    pokemon_b: pokemonRef(b, lang),
    recommended_move: advice.recommended,
    win_probability: advice.winProbability,
    default_replies: advice.defaultReplies,
    moves: advice.moves.map((r, i) => ({
      rank: i + 1,
      move: moveRef(catalogue, move(r.move), lang),
      stab: a.type_ids.includes(move(r.move).type_id),
      type_multiplier: typeMultiplier(b, move(r.move)),
      win_probability: r.winProbability,
      method: r.method,
      best_reply: { move: moveRef(catalogue, move(r.reply.moveB), lang), ...outcomeJson(r.reply) },
      replies: r.replies.map((x) => ({
        move: x.moveB,
        win_probability: x.winProbability,
        loss_probability: x.lossProbability,
        method: x.method,
      })),
    })),
  }
}

function modelRef(predictor: Predictor) {
  const model = predictor.modelInfo()
  return model ? { version: model.version, dir: model.dir, sha256: model.sha256 } : null
}

function typeMultiplier(defender: PokemonEntry, move: MoveEntry): number {
  if (move.category === 'status') return 1
  return defender.weaknesses.find((w) => w.type_id === move.type_id)?.multiplier ?? 1
}

/** Advisor errors with a meaning for the client become problems naming the field. */
async function withProblems<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (hasCode(error) && error.code === 'ADVICE_NO_REPLY') {
      throw new HttpProblem('NO_DAMAGING_MOVE', error.message, [
        { field: 'body.moves_b', message: 'required for this Pokémon' },
      ])
    }
    if (hasCode(error) && error.code === 'ML_NO_MODEL') {
      throw new HttpProblem('ML_NO_MODEL', 'no model is loaded yet; ask for method "auto" or "exact"')
    }
    throw error
  }
}
