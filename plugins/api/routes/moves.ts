import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type {
  LearnsetEntry,
  MoveEntry,
  PokedexCatalogue,
  PokedexReader,
} from '../../../core/contracts/pokedex.ts'
import { HttpProblem } from '../../../core/problem.ts'
import {
  idOrSlugParam,
  langQuery,
  nameMatches,
  searchKey,
  searchQuery,
  typeListQuery,
} from '../schemas/common.ts'
import { findMove, findPokemon, typesFromQuery } from '../schemas/lookup.ts'
import { MoveDetailSchema, MovePageSchema, moveDetail, moveSummary } from '../schemas/moves.ts'
import { orderQuery, pageQuery, sortBy, toPage } from '../schemas/page.ts'
import { problemResponses, READ_ERRORS } from '../schemas/problem.ts'

const SORT_KEYS = ['name', 'power', 'accuracy', 'pp', 'priority'] as const
const COLLATORS = { fr: new Intl.Collator('fr'), en: new Intl.Collator('en') } as const

const power = (what: string, example: number) =>
  z.coerce
    .number()
    .int()
    .min(0)
    .max(999)
    .optional()
    // The explicit schema: zod-to-openapi marks a coerced number with min(0) as nullable.
    .openapi({
      type: 'integer',
      minimum: 0,
      maximum: 999,
      description: `${what} base power (moves without a fixed power are left out)`,
      example,
    })

const moveListQuery = z.object({
  ...pageQuery,
  type: typeListQuery('Only moves of ANY of these types'),
  category: z.enum(['physical', 'special', 'status']).optional().openapi({ example: 'special' }),
  power_min: power('Minimum', 80),
  power_max: power('Maximum', 120),
  q: searchQuery('eclair'),
  effect_class: z.string().min(1).max(40).optional().openapi({
    description: 'Only this effect class (damage, multi-hit, priority, drain, healing, …); unknown → 400',
    example: 'multi-hit',
  }),
  pokemon: z.string().min(1).max(60).optional().openapi({
    description:
      'Only moves this Pokémon (id or slug) can use, by any learn method; each item then says how (`learn`)',
    example: 'pikachu-starter',
  }),
  sort: z.enum(SORT_KEYS).default('name').openapi({
    description: 'name = in the `lang` language (null names last)',
    example: 'power',
  }),
  order: orderQuery,
  lang: langQuery,
})
type MoveListQuery = z.infer<typeof moveListQuery>

const listRoute = createRoute({
  method: 'get',
  path: '/moves',
  tags: ['moves'],
  summary: "List the 226 Let's Go moves, filtered, searched, sorted and paginated",
  description:
    'LGPE values (power, accuracy, PP, priority). Filters combine (AND). `power_min` > `power_max` is a 400 naming both; an unknown type or Pokémon a 404 naming the parameter.',
  request: { query: moveListQuery },
  responses: {
    200: { description: 'One page of moves', content: { 'application/json': { schema: MovePageSchema } } },
    ...problemResponses(400, 404, ...READ_ERRORS),
  },
})

const detailRoute = createRoute({
  method: 'get',
  path: '/moves/{idOrSlug}',
  tags: ['moves'],
  summary: 'One move with every battle field and the Pokémon that can use it',
  description: 'Priority, effect class, critical-hit data, multi-hit range, recoil, drain, secondary effect.',
  request: {
    params: z.object({ idOrSlug: idOrSlugParam('Move', 'zippy-zap') }),
    query: z.object({ lang: langQuery }),
  },
  responses: {
    200: { description: 'The move', content: { 'application/json': { schema: MoveDetailSchema } } },
    ...problemResponses(400, 404, ...READ_ERRORS),
  },
})

/** Checks what zod cannot see alone (a range across two parameters, names known only to the data). */
function checkQuery(catalogue: PokedexCatalogue, query: MoveListQuery) {
  const { power_min: min, power_max: max, effect_class: effect } = query
  if (min !== undefined && max !== undefined && min > max) {
    const message = `power_min (${min}) is greater than power_max (${max})`
    throw new HttpProblem('VALIDATION_FAILED', message, [
      { field: 'query.power_min', message },
      { field: 'query.power_max', message },
    ])
  }
  const classes = [...new Set(catalogue.moves.map((m) => m.effect_class))].sort()
  if (effect !== undefined && !classes.includes(effect)) {
    throw new HttpProblem('VALIDATION_FAILED', `unknown effect class "${effect}"`, [
      { field: 'query.effect_class', message: `one of: ${classes.join(', ')}` },
    ])
  }
}

/** With `?pokemon=`: move id → how that Pokémon learns it (the original API returned method and level). */
function learnsOf(catalogue: PokedexCatalogue, query: MoveListQuery) {
  if (query.pokemon === undefined) return undefined
  const entries =
    catalogue.learnsetByPokemon.get(findPokemon(catalogue, query.pokemon, 'query.pokemon').id) ?? []
  const byMove = new Map<
    number,
    { method: LearnsetEntry['method']; level: number | null; tm: number | null }[]
  >()
  for (const l of entries) {
    const list = byMove.get(l.move_id) ?? []
    list.push({ method: l.method, level: l.level, tm: l.tm })
    byMove.set(l.move_id, list)
  }
  return byMove
}

function filterMoves(
  catalogue: PokedexCatalogue,
  query: MoveListQuery,
  usable: ReadonlyMap<number, unknown> | undefined,
): MoveEntry[] {
  checkQuery(catalogue, query)
  const types = new Set(typesFromQuery(catalogue.types, query.type, 'query.type').map((t) => t.id))
  const key = query.q === undefined ? undefined : searchKey(query.q)
  const { power_min: min, power_max: max } = query
  return catalogue.moves.filter(
    (m) =>
      (types.size === 0 || types.has(m.type_id)) &&
      (query.category === undefined || m.category === query.category) &&
      (min === undefined || (m.power !== null && m.power >= min)) &&
      (max === undefined || (m.power !== null && m.power <= max)) &&
      (query.effect_class === undefined || m.effect_class === query.effect_class) &&
      (usable === undefined || usable.has(m.id)) &&
      (key === undefined || nameMatches(m, key)),
  )
}

/**
 * Mounts `/moves` and `/moves/{idOrSlug}`.
 *
 * @example
 * addMoveRoutes(router, pokedex)
 */
export function addMoveRoutes(router: OpenAPIHono, pokedex: PokedexReader): void {
  router.openapi(listRoute, async (c) => {
    const query = c.req.valid('query')
    const catalogue = await pokedex.catalogue()
    const { sort } = query
    const sortKey = (m: MoveEntry) =>
      sort === 'name' ? (query.lang === 'fr' ? m.name_fr : m.name_en) : m[sort]
    const byEnglishName = (a: MoveEntry, b: MoveEntry) =>
      COLLATORS.en.compare(a.name_en, b.name_en) || a.id - b.id
    const learns = learnsOf(catalogue, query)
    const sorted = sortBy(
      filterMoves(catalogue, query, learns),
      sortKey,
      query.order,
      byEnglishName,
      COLLATORS[query.lang],
    )
    return c.json(
      toPage(sorted, query, c.req.url, (m) => ({
        ...moveSummary(m, catalogue, query.lang),
        ...(learns ? { learn: learns.get(m.id) ?? [] } : {}),
      })),
      200,
    )
  })

  router.openapi(detailRoute, async (c) => {
    const catalogue = await pokedex.catalogue()
    const move = findMove(catalogue, c.req.valid('param').idOrSlug, 'param.idOrSlug')
    return c.json(moveDetail(move, catalogue, c.req.valid('query').lang), 200)
  })
}
