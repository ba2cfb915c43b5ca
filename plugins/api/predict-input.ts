import type { MoveEntry, PokedexCatalogue, PokemonEntry } from '../../core/contracts/pokedex.ts'
import { HttpProblem } from '../../core/problem.ts'
import { findMove, findPokemon } from './schemas/lookup.ts'

/** Learnable move ids per Pokémon, built once per catalogue (the catalogue is immutable per ETL run). */
const learnableCache = new WeakMap<PokedexCatalogue, Map<number, ReadonlySet<number>>>()

function learnableMoves(catalogue: PokedexCatalogue, pokemonId: number): ReadonlySet<number> {
  let byPokemon = learnableCache.get(catalogue)
  if (!byPokemon) {
    byPokemon = new Map()
    learnableCache.set(catalogue, byPokemon)
  }
  let set = byPokemon.get(pokemonId)
  if (!set) {
    set = new Set((catalogue.learnsetByPokemon.get(pokemonId) ?? []).map((l) => l.move_id))
    byPokemon.set(pokemonId, set)
  }
  return set
}

/**
 * Resolves the Pokémon and moves of a prediction request, refusing (never ignoring) anything the
 * game does not allow: an unknown name → 404, a move the Pokémon cannot learn in Let's Go → 400,
 * a duplicate → 400 — each naming the exact body field.
 */
export function resolveSide(
  catalogue: PokedexCatalogue,
  pokemon: string,
  moves: readonly string[],
  fields: { pokemon: string; moves: string },
): { pokemon: PokemonEntry; moves: MoveEntry[] } {
  const form = findPokemon(catalogue, pokemon, fields.pokemon)
  const learnable = learnableMoves(catalogue, form.id)
  const seen = new Set<number>()
  const resolved = moves.map((text, i) => {
    const field = `${fields.moves}.${i}`
    const move = findMove(catalogue, text, field)
    if (!learnable.has(move.id)) {
      throw new HttpProblem('MOVE_NOT_LEARNABLE', `${form.slug} cannot learn ${move.slug} in Let's Go`, [
        {
          field,
          message: `${form.slug} cannot learn ${move.slug}; see GET /api/v1/moves?pokemon=${form.slug}`,
        },
      ])
    }
    if (move.effect_class === 'variable-power') {
      throw new HttpProblem(
        'MOVE_UNSUPPORTED',
        `${move.slug}'s power depends on friendship; it cannot be predicted`,
        [{ field, message: `${move.slug} is not supported` }],
      )
    }
    if (seen.has(move.id)) {
      throw new HttpProblem('MOVE_DUPLICATE', `${move.slug} is listed twice`, [
        { field, message: 'duplicate move' },
      ])
    }
    seen.add(move.id)
    return move
  })
  return { pokemon: form, moves: resolved }
}

/** The A/B part of a best-move or optimal-play body (the two routes share these four fields). */
export interface SidesBody {
  pokemon_a: string
  moves_a: readonly string[]
  pokemon_b: string
  moves_b?: readonly string[] | undefined
}

/**
 * Resolves both sides of a best-move or optimal-play body, so the two routes refuse bad input with
 * the same problems and field names; `slugs` is the request both services take (without `movesB`
 * when the client left the opponent's moves to the service's default).
 */
export function resolveSides(catalogue: PokedexCatalogue, body: SidesBody) {
  const a = resolveSide(catalogue, body.pokemon_a, body.moves_a, {
    pokemon: 'body.pokemon_a',
    moves: 'body.moves_a',
  })
  const b = resolveSide(catalogue, body.pokemon_b, body.moves_b ?? [], {
    pokemon: 'body.pokemon_b',
    moves: 'body.moves_b',
  })
  const slugs = {
    a: a.pokemon.slug,
    movesA: a.moves.map((m) => m.slug),
    b: b.pokemon.slug,
    ...(body.moves_b ? { movesB: b.moves.map((m) => m.slug) } : {}),
  }
  return { a, b, slugs }
}
