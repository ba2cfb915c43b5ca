import { z } from '@hono/zod-openapi'

/** A Pokémon or move as the client names it: an id or a slug. */
export const ref = z.string().min(1).max(60)

/** What differs between the endpoints that take two sides: how many moves, and their docs. */
export interface SidesFieldsDocs {
  /** Most moves a side may list (best-move ranks up to 20, optimal play solves up to 4). */
  maxMoves: number
  movesA: { description: string; example: string[] }
  pokemonBExample: string
  movesB: { description: string; example: string[] }
}

/**
 * The `pokemon_a`, `moves_a`, `pokemon_b`, `moves_b` fields of a request body. One definition, so
 * the endpoints that take two sides (best-move, optimal play) validate them alike and document
 * them with the same names and errors; `moves_b` is optional everywhere (the service then picks
 * the opponent's moves).
 */
export function sidesFields(docs: SidesFieldsDocs) {
  const moves = z.array(ref).min(1).max(docs.maxMoves)
  return {
    pokemon_a: ref.openapi({ description: 'Your Pokémon: id or slug', example: 'pikachu' }),
    moves_a: moves.openapi(docs.movesA),
    pokemon_b: ref.openapi({ description: 'The opponent: id or slug', example: docs.pokemonBExample }),
    moves_b: moves.optional().openapi(docs.movesB),
  }
}
