import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { MatchupRanker, MatchupsReport } from '../../../core/contracts/matchups.ts'
import type { PokedexCatalogue, PokedexReader } from '../../../core/contracts/pokedex.ts'
import { hasCode } from '../../../core/errors.ts'
import { HttpProblem } from '../../../core/problem.ts'
import { createJsonBodyCache, sendJsonBody } from '../json-cache.ts'
import { resolveSide } from '../predict-input.ts'
import { idOrSlugParam, type Lang, langQuery, names } from '../schemas/common.ts'
import { findPokemon } from '../schemas/lookup.ts'
import { problemResponses } from '../schemas/problem.ts'

const ExactSchema = z
  .object({
    status: z.enum(['exact', 'sampled', 'pending']).openapi({
      description:
        '`pending`: being solved now — ask again; `sampled`: engine battles (the solver declines this pair)',
    }),
    win_probability: z.number().nullable(),
  })
  .openapi('ExactCheck')

/** A form as named in a ranking: its name in the asked language, and both names. */
const FormRefSchema = z.object({
  id: z.number().int(),
  slug: z.string(),
  name: z.string().nullable(),
  name_en: z.string(),
  name_fr: z.string().nullable(),
})

const OpponentSchema = z.object({
  rank: z.number().int().openapi({ description: '1 = the most dangerous opponent' }),
  pokemon: FormRefSchema,
  win_probability: z.number().openapi({
    description: 'P(A wins): A’s best move against this opponent’s most dangerous reply (model)',
  }),
  move: z.string().openapi({ description: 'A’s best move against this opponent', example: 'thunderbolt' }),
  reply: z
    .string()
    .openapi({ description: 'The opponent’s reply that minimises A’s chance', example: 'earthquake' }),
  exact: ExactSchema.nullable().openapi({
    description: 'The exact solver’s answer for that pair (both ends of the ranking)',
  }),
})

const ThreatsSchema = z
  .object({
    pokemon: FormRefSchema,
    moves: z.array(z.string()),
    method: z.literal('model'),
    replies: z.string().openapi({ description: 'How each opponent’s replies are chosen' }),
    scored_pairs: z
      .number()
      .int()
      .openapi({ description: 'Move pairs the model scored for this answer (0: all cached)' }),
    model: z.object({ dir: z.string(), version: z.number().int().nullable() }),
    opponents: z.array(OpponentSchema),
  })
  .openapi('Threats')

const movesQuery = z.string().min(1).max(200).openapi({
  description:
    '1 to 4 moves of the Pokémon, comma-separated (ids or slugs); default: its 4 strongest damaging moves',
  example: 'thunderbolt,quick-attack,iron-tail,thunder',
})

const threatsRoute = createRoute({
  method: 'get',
  path: '/pokemon/{idOrSlug}/threats',
  tags: ['predictions'],
  summary: 'Every form ranked as an opponent of this Pokémon with these moves, most dangerous first',
  description:
    'The model scores, in one batch, each of the Pokémon’s moves against each of the 188 forms and each of their 4 strongest damaging replies; an opponent’s value is A’s best move against its most dangerous reply. The exact solver’s answer is attached to both ends of the ranking (`exact`: `pending` while it is being solved — ask again).',
  security: [{ ApiKey: [] }],
  request: {
    params: z.object({ idOrSlug: idOrSlugParam('Pokémon', 'pikachu') }),
    query: z.object({
      moves: movesQuery.optional(),
      exact: z.coerce
        .number()
        .int()
        .min(0)
        .max(10)
        .default(5)
        .openapi({ description: 'Opponents at each end with the exact answer' }),
      lang: langQuery,
    }),
  },
  responses: {
    200: { description: 'The ranking', content: { 'application/json': { schema: ThreatsSchema } } },
    ...problemResponses(400, 401, 403, 404, 429, 503),
  },
})

/** `GET /pokemon/{idOrSlug}/threats`: the matchup service's ranking, names in the asked language. */
export function addThreatsRoute(
  router: OpenAPIHono,
  deps: { pokedex: PokedexReader; matchups: MatchupRanker },
): void {
  // ≈ 39 KB each: at most ≈ 20 MB per catalogue
  const reports = createJsonBodyCache<PokedexCatalogue>(500)
  router.openapi(threatsRoute, async (c) => {
    const { idOrSlug } = c.req.valid('param')
    const query = c.req.valid('query')
    const catalogue = await deps.pokedex.catalogue()
    const form = findPokemon(catalogue, idOrSlug, 'param.idOrSlug')
    const list =
      query.moves === undefined
        ? await deps.matchups.defaultMoves(form.slug)
        : query.moves.split(',').map((m) => m.trim())
    if (list.length === 0) {
      throw new HttpProblem('NO_DAMAGING_MOVE', `${form.slug} has no damaging move; give its moves`, [
        { field: 'query.moves', message: 'required for this Pokémon' },
      ])
    }
    if (list.length > 4 || list.some((m) => m === '')) {
      throw new HttpProblem('ML_MOVES_COUNT', 'give 1 to 4 moves, comma-separated', [
        { field: 'query.moves', message: `got ${list.length} entries; 1 to 4 non-empty moves` },
      ])
    }
    const side = resolveSide(catalogue, idOrSlug, list, { pokemon: 'param.idOrSlug', moves: 'query.moves' })
    let report: MatchupsReport
    try {
      report = await deps.matchups.rank({
        pokemon: side.pokemon.slug,
        moves: side.moves.map((m) => m.slug),
        exact: query.exact,
      })
    } catch (error) {
      if (hasCode(error) && error.code === 'ML_NO_MODEL')
        throw new HttpProblem('ML_NO_MODEL', 'no model is loaded yet; train one with bun run stage ml:train')
      throw error
    }
    const build = () => threatsJson(catalogue, report, query.lang)
    if (report.scoredPairs > 0) return c.json(build(), 200)
    // The body is a function of the ranking (model, Pokémon, moves) and of the exact answers at its
    // ends (which change only when a solve finishes): serialised once per such state and language
    // (39 KB, 188 opponents), not once per request.
    const ends = report.opponents.flatMap((o, i) =>
      o.exact ? [`${i}:${o.exact.status}:${o.exact.winProbability ?? ''}`] : [],
    )
    const key = `${report.model.dir}|${report.model.version}|${report.pokemon}|${report.moves.join(',')}|${query.lang}|${ends.join(',')}`
    return sendJsonBody(c, reports.get(catalogue, key, build))
  })
}

/** The ranking in the API's shape (`Threats` in the OpenAPI document), names in `lang`. */
function threatsJson(catalogue: PokedexCatalogue, report: MatchupsReport, lang: Lang) {
  const who = (slug: string) => {
    const p = catalogue.pokemonBySlug.get(slug)!
    return { id: p.id, slug: p.slug, ...names(p, lang) }
  }
  return {
    pokemon: who(report.pokemon),
    moves: report.moves,
    method: 'model' as const,
    replies: 'each opponent’s 4 damaging moves with the highest expected damage on this Pokémon',
    scored_pairs: report.scoredPairs,
    model: report.model,
    opponents: report.opponents.map((o, i) => ({
      rank: i + 1,
      pokemon: who(o.opponent),
      win_probability: o.winProbability,
      move: o.move,
      reply: o.reply,
      exact: o.exact ? { status: o.exact.status, win_probability: o.exact.winProbability ?? null } : null,
    })),
  }
}
