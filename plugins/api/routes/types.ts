import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { PokedexReader, TypeRow } from '../../../core/contracts/pokedex.ts'
import { HttpProblem } from '../../../core/problem.ts'
import { findTypeOr404 } from '../schemas/lookup.ts'
import { PokemonPageSchema } from '../schemas/pokemon.ts'
import { problemResponses, READ_ERRORS } from '../schemas/problem.ts'
import { findType } from '../type-lookup.ts'
import { pokemonListQuery, pokemonPage } from './pokemon.ts'

const TypeSchema = z
  .object({
    id: z.number().int().openapi({ example: 10 }),
    slug: z.string().openapi({ example: 'fire' }),
    name_en: z.string().openapi({ example: 'Fire' }),
    name_fr: z.string().openapi({ example: 'Feu' }),
  })
  .openapi('Type')

const TypeListSchema = z.object({ data: z.array(TypeSchema) }).openapi('TypeList')

const MatrixSchema = z
  .object({
    types: z.array(TypeSchema).describe('Row and column order of the matrix'),
    matrix: z
      .array(z.array(z.number()))
      .describe('matrix[i][j] = multiplier of a move of types[i] on a Pokémon of pure type types[j]'),
  })
  .openapi('TypeEffectivenessMatrix')

const CellSchema = z
  .object({
    attacking: TypeSchema,
    defending: z.array(TypeSchema).min(1).max(2),
    multiplier: z.number().openapi({ example: 2 }),
  })
  .openapi('TypeEffectivenessCell')

const AffinitySchema = z.object({ type: TypeSchema, multiplier: z.number().openapi({ example: 2 }) })

const AttackingAffinitySchema = z
  .object({
    attacking: TypeSchema,
    against: z.array(AffinitySchema).describe('The multiplier of this move type on each pure type'),
  })
  .openapi('TypeAttackingAffinities')

const DefendingAffinitySchema = z
  .object({
    defending: z.array(TypeSchema).min(1).max(2),
    from: z.array(AffinitySchema).describe('The multiplier of each move type on this (dual-typed) defender'),
  })
  .openapi('TypeDefendingAffinities')

const typeQuery = (what: string) =>
  z
    .string()
    .min(1)
    .max(40)
    .optional()
    .openapi({ description: `${what}: id, slug, English or French name (case and accents ignored)` })

const listRoute = createRoute({
  method: 'get',
  path: '/types',
  tags: ['types'],
  summary: 'The 18 types with English and French names',
  responses: {
    200: { description: 'Types ordered by id', content: { 'application/json': { schema: TypeListSchema } } },
    ...problemResponses(...READ_ERRORS),
  },
})

const effectivenessRoute = createRoute({
  method: 'get',
  path: '/types/effectiveness',
  tags: ['types'],
  summary: 'Type effectiveness: the full 18×18 matrix, or one attacking type against a (dual-typed) defender',
  request: {
    query: z.object({
      attacking: typeQuery('Attacking move type').openapi({ example: 'fire' }),
      defending: z.string().min(1).max(80).optional().openapi({
        description:
          'Defending type, or two comma-separated types for a dual-typed Pokémon (id, slug or name)',
        example: 'grass,poison',
      }),
    }),
  },
  responses: {
    200: {
      description:
        'Without parameters: the matrix. With both: one multiplier (product over the defender’s types). With `attacking` only: that type against each type. With `defending` only: each type against that defender.',
      content: {
        'application/json': {
          schema: z.union([MatrixSchema, CellSchema, AttackingAffinitySchema, DefendingAffinitySchema]),
        },
      },
    },
    ...problemResponses(400, 404, ...READ_ERRORS),
  },
})

const typePokemonRoute = createRoute({
  method: 'get',
  path: '/types/{idOrName}/pokemon',
  tags: ['types'],
  summary: 'The Pokémon having this type (in either slot), paginated like /pokemon',
  description:
    'Same filters, sorting and pages as `GET /pokemon` with `type` fixed by the path. An unknown type is a 404 naming `param.idOrName`.',
  request: {
    params: z.object({
      idOrName: z.string().min(1).max(40).openapi({
        description: 'Type id, slug, English or French name (case and accents ignored)',
        example: 'électrik',
      }),
    }),
    query: pokemonListQuery.omit({ type: true }),
  },
  responses: {
    200: {
      description: 'One page of Pokémon having the type',
      content: { 'application/json': { schema: PokemonPageSchema } },
    },
    ...problemResponses(400, 404, ...READ_ERRORS),
  },
})

function resolve(types: readonly TypeRow[], query: string, field: string): TypeRow {
  const found = findType(types, query)
  if (!found) {
    throw new HttpProblem('TYPE_NOT_FOUND', `no type named "${query}"`, [
      { field, message: `unknown type "${query}"; see GET /api/v1/types` },
    ])
  }
  return found
}

/** One or two comma-separated defending types (a dual-typed Pokémon). */
function defendingTypes(types: readonly TypeRow[], defending: string): TypeRow[] {
  const names = defending.split(',').map((s) => s.trim())
  if (names.length > 2 || names.some((n) => n === '')) {
    throw new HttpProblem('VALIDATION_FAILED', 'defending takes one or two types', [
      { field: 'query.defending', message: 'one type, or two separated by a comma' },
    ])
  }
  return names.map((n) => resolve(types, n, 'query.defending'))
}

/**
 * Mounts `/types`, `/types/effectiveness` and `/types/{idOrName}/pokemon` on a router.
 *
 * @example
 * addTypeRoutes(router, pokedex)
 */
export function addTypeRoutes(router: OpenAPIHono, pokedex: PokedexReader): void {
  router.openapi(listRoute, async (c) => c.json({ data: await pokedex.listTypes() }, 200))

  router.openapi(effectivenessRoute, async (c) => {
    const { attacking, defending } = c.req.valid('query')
    const [types, chart] = await Promise.all([pokedex.listTypes(), pokedex.typeChart()])
    const multiplier = new Map(
      chart.map((cell) => [`${cell.attacking_id}:${cell.defending_id}`, cell.multiplier]),
    )
    if (attacking === undefined && defending === undefined) {
      const matrix = types.map((a) => types.map((d) => multiplier.get(`${a.id}:${d.id}`) ?? 1))
      return c.json({ types, matrix }, 200)
    }
    const on = (attacker: TypeRow, defenders: readonly TypeRow[]) =>
      defenders.reduce((acc, d) => acc * (multiplier.get(`${attacker.id}:${d.id}`) ?? 1), 1)
    const defenders = defending === undefined ? undefined : defendingTypes(types, defending)
    if (attacking === undefined) {
      // Defending only (the original's "by defending type"): every move type against this defender.
      return c.json(
        { defending: defenders!, from: types.map((t) => ({ type: t, multiplier: on(t, defenders!) })) },
        200,
      )
    }
    const attacker = resolve(types, attacking, 'query.attacking')
    if (defenders === undefined) {
      // Attacking only (the original's "by attacking type"): this move type against every type.
      return c.json(
        { attacking: attacker, against: types.map((t) => ({ type: t, multiplier: on(attacker, [t]) })) },
        200,
      )
    }
    return c.json({ attacking: attacker, defending: defenders, multiplier: on(attacker, defenders) }, 200)
  })

  router.openapi(typePokemonRoute, async (c) => {
    const catalogue = await pokedex.catalogue()
    const type = findTypeOr404(catalogue.types, c.req.valid('param').idOrName, 'param.idOrName')
    return c.json(pokemonPage(catalogue, c.req.valid('query'), c.req.url, [type]), 200)
  })
}
