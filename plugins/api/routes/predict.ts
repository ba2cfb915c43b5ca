import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type {
  MoveEntry,
  PokedexCatalogue,
  PokedexReader,
  PokemonEntry,
} from '../../../core/contracts/pokedex.ts'
import type { MoveOutlook, PairPrediction, Predictor } from '../../../core/contracts/predictor.ts'
import { HttpProblem } from '../../../core/problem.ts'
import { resolveSide } from '../predict-input.ts'
import { type Lang, langQuery, names } from '../schemas/common.ts'
import {
  BestMoveRequestSchema,
  BestMoveResponseSchema,
  MatchupRequestSchema,
  MatchupResponseSchema,
} from '../schemas/predict.ts'
import { problemResponses } from '../schemas/problem.ts'

const security = [{ ApiKey: [] }]

const bestMoveRoute = createRoute({
  method: 'post',
  path: '/predict/best-move',
  tags: ['predictions'],
  summary: 'Rank your moves against the opponent’s best reply to each',
  description:
    'For every move of A, the model scores it against every reply of B (all pairs in one batch) and keeps the reply that **minimises** A’s win probability; moves are ranked by that worst-case probability, after every move that can damage B (a type-immune or status move cannot KO). Expected damage and hits-to-KO are given both ways.',
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

function outlook(o: MoveOutlook) {
  return {
    damage_share: o.damageShare,
    hits_to_ko: o.hitsToKo,
    turns_to_ko: o.turnsToKo,
    type_multiplier: o.effectiveness,
    stab: o.stab,
  }
}

function moveRef(catalogue: PokedexCatalogue, move: MoveEntry, lang: Lang) {
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

const pokemonRef = (p: PokemonEntry, lang: Lang) => ({ id: p.id, slug: p.slug, ...names(p, lang) })

async function predictOr503(
  predictor: Predictor,
  pairs: Parameters<Predictor['predictPairs']>[0],
): Promise<PairPrediction[]> {
  if (!predictor.modelInfo())
    throw new HttpProblem(503, 'ML_NO_MODEL', 'no model is loaded yet; the Pokédex routes work meanwhile')
  return predictor.predictPairs(pairs)
}

/**
 * Mounts the prediction routes. Moves are validated against Let's Go learnsets before anything is
 * scored; every candidate pair goes through the model in one batch.
 */
export function addPredictRoutes(
  router: OpenAPIHono,
  deps: { pokedex: PokedexReader; predictor: Predictor },
): void {
  router.openapi(bestMoveRoute, async (c) => {
    const body = c.req.valid('json')
    const { lang } = c.req.valid('query')
    const catalogue = await deps.pokedex.catalogue()
    const a = resolveSide(catalogue, body.pokemon_a, body.moves_a, {
      pokemon: 'body.pokemon_a',
      moves: 'body.moves_a',
    })
    const b = resolveSide(catalogue, body.pokemon_b, body.moves_b ?? [], {
      pokemon: 'body.pokemon_b',
      moves: 'body.moves_b',
    })
    const bForm = b.pokemon
    const bMoves = body.moves_b
      ? b.moves
      : (await deps.predictor.damagingMoves(bForm.slug)).map((slug) => catalogue.moveBySlug.get(slug)!)
    if (bMoves.length === 0) {
      throw new HttpProblem(400, 'NO_DAMAGING_MOVE', `${bForm.slug} has no damaging move; give moves_b`, [
        { field: 'body.moves_b', message: 'required for this Pokémon' },
      ])
    }
    const pairs = a.moves.flatMap((ma) =>
      bMoves.map((mb) => ({ a: a.pokemon.slug, moveA: ma.slug, b: bForm.slug, moveB: mb.slug })),
    )
    const scored = await predictOr503(deps.predictor, pairs)
    const ranked = a.moves
      .map((ma, i) => {
        const replies = bMoves
          .map((mb, j) => ({ mb, p: scored[i * bMoves.length + j]! }))
          .sort((x, y) => x.p.winProbability - y.p.winProbability || y.p.b.damageShare - x.p.b.damageShare)
        const worst = replies[0]!
        return { ma, worst, replies }
      })
      // A move that cannot damage B (type immunity, status) cannot KO it: it ranks after every move
      // that can, whatever small probability the model gives it; then by worst-case probability.
      .sort(
        (x, y) =>
          Number(y.worst.p.a.damageShare > 0) - Number(x.worst.p.a.damageShare > 0) ||
          y.worst.p.winProbability - x.worst.p.winProbability ||
          y.worst.p.a.damageShare - x.worst.p.a.damageShare,
      )
    const model = deps.predictor.modelInfo()!
    return c.json(
      {
        model: { version: model.version, dir: model.dir, sha256: model.sha256 },
        pokemon_a: pokemonRef(a.pokemon, lang),
        pokemon_b: pokemonRef(bForm, lang),
        recommended_move: ranked[0]!.ma.slug,
        win_probability: ranked[0]!.worst.p.winProbability,
        moves: ranked.map((r, i) => ({
          rank: i + 1,
          move: moveRef(catalogue, r.ma, lang),
          win_probability: r.worst.p.winProbability,
          best_reply: {
            move: moveRef(catalogue, r.worst.mb, lang),
            a: outlook(r.worst.p.a),
            b: outlook(r.worst.p.b),
            a_moves_first: r.worst.p.aMovesFirst,
          },
          replies: r.replies.map((x) => ({ move: x.mb.slug, win_probability: x.p.winProbability })),
        })),
      },
      200,
    )
  })

  router.openapi(matchupRoute, async (c) => {
    const { matchups } = c.req.valid('json')
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
    const scored = await predictOr503(deps.predictor, pairs)
    const model = deps.predictor.modelInfo()!
    return c.json(
      {
        model: { version: model.version, dir: model.dir, sha256: model.sha256 },
        results: pairs.map((p, i) => ({
          pokemon_a: p.a,
          move_a: p.moveA,
          pokemon_b: p.b,
          move_b: p.moveB,
          win_probability: scored[i]!.winProbability,
          a: outlook(scored[i]!.a),
          b: outlook(scored[i]!.b),
          a_moves_first: scored[i]!.aMovesFirst,
        })),
      },
      200,
    )
  })
}
