import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type {
  PokedexCatalogue,
  PokedexReader,
  PokemonEntry,
  TypeRow,
} from '../../../core/contracts/pokedex.ts'
import { createJsonBodyCache, sendJsonBody } from '../json-cache.ts'
import {
  idOrSlugParam,
  type Lang,
  langQuery,
  nameMatches,
  names,
  searchKey,
  searchQuery,
  typeListQuery,
  typeRef,
} from '../schemas/common.ts'
import { findPokemon, typesFromQuery } from '../schemas/lookup.ts'
import { orderQuery, pageQuery, sortBy, toPage } from '../schemas/page.ts'
import {
  PokemonDetailSchema,
  PokemonPageSchema,
  PokemonWeaknessesSchema,
  pokemonSummary,
  weaknessGroups,
  weaknessList,
} from '../schemas/pokemon.ts'
import { problemResponses, READ_ERRORS } from '../schemas/problem.ts'

const SORT_KEYS = ['dex', 'name', 'hp', 'atk', 'def', 'spa', 'spd', 'spe', 'total'] as const
const COLLATORS = { fr: new Intl.Collator('fr'), en: new Intl.Collator('en') } as const

/** Query of every Pokémon list (`/pokemon`, `/types/{idOrName}/pokemon`). */
export const pokemonListQuery = z.object({
  ...pageQuery,
  type: typeListQuery('Only Pokémon having ALL these types'),
  form: z.enum(['base', 'alola', 'mega', 'partner']).optional().openapi({
    description: 'Only this kind of form',
    example: 'mega',
  }),
  q: searchQuery('dracaufeu'),
  sort: z.enum(SORT_KEYS).default('dex').openapi({
    description: 'dex = national dex then form id; name = in the `lang` language; or a base stat / total',
    example: 'total',
  }),
  order: orderQuery,
  lang: langQuery,
})
type PokemonListQuery = z.infer<typeof pokemonListQuery>

/** National dex, then form id: Pikachu 25, Partner Pikachu 10009, Raichu 26… */
const dexOrder = (a: PokemonEntry, b: PokemonEntry) => a.species_id - b.species_id || a.id - b.id

/**
 * Filters, sorts and pages the Pokémon (188 forms: in memory is faster than SQL here, and folds
 * accents the same way on both engines).
 *
 * @example
 * pokemonPage(catalogue, query, c.req.url, [fire])
 */
export function pokemonPage(
  catalogue: PokedexCatalogue,
  query: Omit<PokemonListQuery, 'type'>,
  url: string,
  required: readonly TypeRow[],
) {
  const key = query.q === undefined ? undefined : searchKey(query.q)
  const matching = catalogue.pokemon.filter(
    (p) =>
      required.every((t) => p.type_ids.includes(t.id)) &&
      (query.form === undefined || p.form === query.form) &&
      (key === undefined || nameMatches(p, key)),
  )
  const sortKey = (p: PokemonEntry): number | string | null => {
    if (query.sort === 'dex') return p.species_id * 100_000 + p.id
    if (query.sort === 'name') return query.lang === 'fr' ? p.name_fr : p.name_en
    return p.stats[query.sort]
  }
  const sorted = sortBy(matching, sortKey, query.order, dexOrder, COLLATORS[query.lang])
  return toPage(sorted, query, url, (p) => pokemonSummary(p, catalogue, query.lang))
}

const idOrSlug = z.object({ idOrSlug: idOrSlugParam('Pokémon', 'pikachu') })

const listRoute = createRoute({
  method: 'get',
  path: '/pokemon',
  tags: ['pokemon'],
  summary: 'List the 188 Pokémon forms, filtered, searched, sorted and paginated',
  description:
    'Base forms, Alolan forms, Megas and partner forms. Filters combine (AND). Unknown type names are a 404 naming `query.type`; invalid values a 400 naming the parameter.',
  request: { query: pokemonListQuery },
  responses: {
    200: {
      description: 'One page of Pokémon',
      content: { 'application/json': { schema: PokemonPageSchema } },
    },
    ...problemResponses(400, 404, ...READ_ERRORS),
  },
})

const detailRoute = createRoute({
  method: 'get',
  path: '/pokemon/{idOrSlug}',
  tags: ['pokemon'],
  summary: 'One Pokémon: stats with ranks, types, weaknesses, learnset, evolution line',
  description:
    '`stat_rank` ranks each base stat among all forms (1 = highest, ties share a rank). The learnset lists every learn method; a move learned at two levels appears twice.',
  request: { params: idOrSlug, query: z.object({ lang: langQuery }) },
  responses: {
    200: { description: 'The Pokémon', content: { 'application/json': { schema: PokemonDetailSchema } } },
    ...problemResponses(400, 404, ...READ_ERRORS),
  },
})

const weaknessesRoute = createRoute({
  method: 'get',
  path: '/pokemon/{idOrSlug}/weaknesses',
  tags: ['pokemon'],
  summary: 'Multiplier of each of the 18 attacking types on this Pokémon',
  description: 'The product over its types (0, 0.25, 0.5, 1, 2, 4), as a list and grouped.',
  request: { params: idOrSlug, query: z.object({ lang: langQuery }) },
  responses: {
    200: {
      description: 'The 18 multipliers',
      content: { 'application/json': { schema: PokemonWeaknessesSchema } },
    },
    ...problemResponses(400, 404, ...READ_ERRORS),
  },
})

/** The species' whole family, root first, each species right after its parent (depth first). */
function evolutionLine(catalogue: PokedexCatalogue, speciesId: number, lang: Lang) {
  let root = catalogue.speciesById.get(speciesId)
  for (let guard = 0; root?.evolves_from_id != null && guard < 10; guard++) {
    root = catalogue.speciesById.get(root.evolves_from_id) ?? root
  }
  const line: z.infer<typeof PokemonDetailSchema>['evolution_line'] = []
  const visit = (id: number, stage: number) => {
    const s = catalogue.speciesById.get(id)
    if (!s || stage > 10) return
    const parent = s.evolves_from_id === null ? undefined : catalogue.speciesById.get(s.evolves_from_id)
    line.push({
      id: s.id,
      slug: s.slug,
      ...names(s, lang),
      stage,
      evolves_from: stage === 0 ? null : (parent?.slug ?? null),
      trigger: stage === 0 ? null : s.evolution_trigger,
      level: stage === 0 ? null : s.evolution_level,
      item: stage === 0 ? null : s.evolution_item,
    })
    for (const child of catalogue.species) if (child.evolves_from_id === id) visit(child.id, stage + 1)
  }
  if (root) visit(root.id, 0)
  return line
}

function learnset(catalogue: PokedexCatalogue, p: PokemonEntry, lang: Lang) {
  return (catalogue.learnsetByPokemon.get(p.id) ?? []).map((l) => {
    const move = catalogue.moveById.get(l.move_id)!
    return {
      id: move.id,
      slug: move.slug,
      ...names(move, lang),
      type: typeRef(catalogue.typeById.get(move.type_id)!, lang),
      category: move.category,
      power: move.power,
      accuracy: move.accuracy,
      pp: move.pp,
      priority: move.priority,
      method: l.method,
      level: l.level,
      tm: l.tm,
      ancestor_slug: l.ancestor_id === null ? null : (catalogue.pokemonById.get(l.ancestor_id)?.slug ?? null),
    }
  })
}

function pokemonDetail(catalogue: PokedexCatalogue, p: PokemonEntry, lang: Lang) {
  const { sprite: _sprite, ...summary } = pokemonSummary(p, catalogue, lang)
  const species = catalogue.speciesById.get(p.species_id)
  const of = catalogue.pokemon.length
  const rank = (k: keyof PokemonEntry['stat_rank']) => ({ rank: p.stat_rank[k], of })
  return {
    ...summary,
    species: { id: p.species_id, slug: species?.slug ?? p.slug, ...names(species ?? p, lang) },
    stat_rank: {
      hp: rank('hp'),
      atk: rank('atk'),
      def: rank('def'),
      spa: rank('spa'),
      spd: rank('spd'),
      spe: rank('spe'),
      total: rank('total'),
    },
    height_m: p.height_m,
    weight_kg: p.weight_kg,
    sprites: { front: p.sprite_front, shiny: p.sprite_shiny, artwork: p.sprite_artwork },
    weaknesses: weaknessList(p, catalogue, lang),
    learnset: learnset(catalogue, p, lang),
    evolution_line: evolutionLine(catalogue, p.species_id, lang),
    flavor_text: (lang === 'fr' ? species?.flavor_fr : species?.flavor_en) ?? null,
    flavor_text_en: species?.flavor_en ?? null,
    flavor_text_fr: species?.flavor_fr ?? null,
  }
}

/**
 * Mounts `/pokemon`, `/pokemon/{idOrSlug}` and `/pokemon/{idOrSlug}/weaknesses`.
 *
 * @example
 * addPokemonRoutes(router, pokedex)
 */
export function addPokemonRoutes(router: OpenAPIHono, pokedex: PokedexReader): void {
  router.openapi(listRoute, async (c) => {
    const { type, ...query } = c.req.valid('query')
    const catalogue = await pokedex.catalogue()
    const required = typesFromQuery(catalogue.types, type, 'query.type')
    return c.json(pokemonPage(catalogue, query, c.req.url, required), 200)
  })

  // 188 forms × 2 languages per catalogue: every detail body fits.
  const details = createJsonBodyCache<PokedexCatalogue>(1_000)
  router.openapi(detailRoute, async (c) => {
    const catalogue = await pokedex.catalogue()
    const p = findPokemon(catalogue, c.req.valid('param').idOrSlug, 'param.idOrSlug')
    const { lang } = c.req.valid('query')
    return sendJsonBody(
      c,
      details.get(catalogue, `${p.id}:${lang}`, () => pokemonDetail(catalogue, p, lang)),
    )
  })

  router.openapi(weaknessesRoute, async (c) => {
    const catalogue = await pokedex.catalogue()
    const p = findPokemon(catalogue, c.req.valid('param').idOrSlug, 'param.idOrSlug')
    const { lang } = c.req.valid('query')
    const { id, slug, name, name_en, name_fr, types } = pokemonSummary(p, catalogue, lang)
    return c.json(
      {
        pokemon: { id, slug, name, name_en, name_fr, types },
        weaknesses: weaknessList(p, catalogue, lang),
        groups: weaknessGroups(p, catalogue),
      },
      200,
    )
  })
}
