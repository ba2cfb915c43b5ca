import type { MoveEntry, PokedexCatalogue, PokemonEntry, TypeRow } from '../../../core/contracts/pokedex.ts'
import { HttpProblem } from '../../../core/problem.ts'
import { findType } from '../type-lookup.ts'

/**
 * Resolving what a client names (ids, slugs, type names) to catalogue rows. Every miss is a 404
 * problem naming the parameter: unknown names are never silently ignored (a predecessor bug).
 */

const byIdOrSlug = <T>(text: string, byId: ReadonlyMap<number, T>, bySlug: ReadonlyMap<string, T>) =>
  /^\d+$/.test(text) ? byId.get(Number(text)) : bySlug.get(text.toLowerCase())

/**
 * @example
 * findPokemon(catalogue, 'pikachu', 'param.idOrSlug').id // 25
 */
export function findPokemon(catalogue: PokedexCatalogue, idOrSlug: string, field: string): PokemonEntry {
  const found = byIdOrSlug(idOrSlug, catalogue.pokemonById, catalogue.pokemonBySlug)
  if (!found) {
    throw new HttpProblem('POKEMON_NOT_FOUND', `no Pokémon with id or slug "${idOrSlug}"`, [
      { field, message: `unknown Pokémon "${idOrSlug}"; see GET /api/v1/pokemon` },
    ])
  }
  return found
}

/** @example findMove(catalogue, '729', 'param.idOrSlug').slug // 'zippy-zap' */
export function findMove(catalogue: PokedexCatalogue, idOrSlug: string, field: string): MoveEntry {
  const found = byIdOrSlug(idOrSlug, catalogue.moveById, catalogue.moveBySlug)
  if (!found) {
    throw new HttpProblem('MOVE_NOT_FOUND', `no move with id or slug "${idOrSlug}"`, [
      { field, message: `unknown move "${idOrSlug}"; see GET /api/v1/moves` },
    ])
  }
  return found
}

/** @example findTypeOr404(catalogue.types, 'électrik', 'query.type').slug // 'electric' */
export function findTypeOr404(types: readonly TypeRow[], text: string, field: string): TypeRow {
  const found = findType(types, text)
  if (!found) {
    throw new HttpProblem('TYPE_NOT_FOUND', `no type named "${text}"`, [
      { field, message: `unknown type "${text}"; see GET /api/v1/types` },
    ])
  }
  return found
}

/**
 * A `type` parameter given once, as a comma list, or repeated → the distinct types it names.
 *
 * @example
 * typesFromQuery(catalogue.types, ['fire', 'vol'], 'query.type') // [fire, flying]
 */
export function typesFromQuery(
  types: readonly TypeRow[],
  value: string | string[] | undefined,
  field: string,
): TypeRow[] {
  if (value === undefined) return []
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((s) => s.trim())
  if (parts.some((p) => p === '')) {
    throw new HttpProblem('VALIDATION_FAILED', 'empty type in the list', [
      { field, message: 'one type, a comma-separated list, or the parameter repeated; no empty items' },
    ])
  }
  return [...new Set(parts.map((p) => findTypeOr404(types, p, field)))]
}
