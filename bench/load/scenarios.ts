import { BenchError } from './errors.ts'

/** The Pokédex read the targets name: one Pokémon's detail (Pikachu, id 25). */
export const POKEDEX_DETAIL_PATH = '/api/v1/pokemon/25'
export const BEST_MOVE_PATH = '/api/v1/predict/best-move'

/** Pokémon the threats scenario cycles through (default moves each: their 4 strongest damaging). */
export const THREAT_POKEMON = [
  'pikachu',
  'charizard',
  'gengar',
  'snorlax',
  'dragonite',
  'mewtwo',
  'eevee',
  'gyarados',
]

/** The body of `POST /api/v1/predict/best-move`: 4 × 4 moves = 16 pairs scored per request. */
export interface BestMoveBody {
  pokemon_a: string
  moves_a: string[]
  pokemon_b: string
  moves_b: string[]
}

/** The matchup the benchmark asks about; each move is checked against the live learnsets first. */
export const PREFERRED_BEST_MOVE: BestMoveBody = {
  pokemon_a: 'pikachu',
  moves_a: ['thunderbolt', 'quick-attack', 'iron-tail', 'thunder'],
  pokemon_b: 'squirtle',
  moves_b: ['water-gun', 'bite', 'tackle', 'surf'],
}

/** A move as `GET /api/v1/moves` lists it (only the fields used here). */
export interface ListedMove {
  slug: string
  category: 'physical' | 'special' | 'status'
  power: number | null
}

/**
 * Keeps the preferred moves the Pokémon can learn and fills up to `count` with other learnable
 * damaging moves (highest power first), so the request stays 4 × 4 even if a learnset changes.
 *
 * @throws BenchError `BENCH_NO_MOVES` when fewer than `count` usable moves exist.
 * @example
 * pickMoves(['thunderbolt'], listed, 1) // { moves: ['thunderbolt'], replaced: [] }
 */
export function pickMoves(
  preferred: readonly string[],
  learnable: readonly ListedMove[],
  count: number,
): { moves: string[]; replaced: string[] } {
  const known = new Set(learnable.map((m) => m.slug))
  const moves = preferred.filter((slug) => known.has(slug)).slice(0, count)
  const replaced = preferred.filter((slug) => !known.has(slug))
  const spares = learnable
    .filter((m) => m.category !== 'status' && (m.power ?? 0) > 0 && !moves.includes(m.slug))
    .sort((x, y) => (y.power ?? 0) - (x.power ?? 0))
  for (const spare of spares) {
    if (moves.length >= count) break
    moves.push(spare.slug)
  }
  if (moves.length < count) {
    throw new BenchError('BENCH_NO_MOVES', `only ${moves.length} usable moves, ${count} needed`)
  }
  return { moves, replaced }
}

/** Every move `pokemon` can use in Let's Go, as the running API lists them. */
export async function learnableMoves(baseUrl: string, pokemon: string): Promise<ListedMove[]> {
  const url = `${baseUrl}/api/v1/moves?pokemon=${encodeURIComponent(pokemon)}&limit=200`
  const response = await fetch(url)
  if (!response.ok) {
    throw new BenchError(
      'BENCH_PROBE_FAILED',
      `GET ${url} → HTTP ${response.status}: ${await response.text()}`,
    )
  }
  return ((await response.json()) as { data: ListedMove[] }).data
}

/**
 * The best-move request body, with moves checked against `GET /api/v1/moves?pokemon=…` on the
 * running server; `notes` says which preferred move had to be replaced, if any.
 *
 * @example
 * const { body, notes } = await bestMoveBody('http://127.0.0.1:8080')
 */
export async function bestMoveBody(
  baseUrl: string,
  preferred: BestMoveBody = PREFERRED_BEST_MOVE,
): Promise<{ body: BestMoveBody; notes: string[] }> {
  const notes: string[] = []
  const side = async (pokemon: string, wanted: string[]) => {
    const picked = pickMoves(wanted, await learnableMoves(baseUrl, pokemon), wanted.length)
    if (picked.replaced.length > 0) {
      notes.push(`${pokemon} cannot learn ${picked.replaced.join(', ')}; used ${picked.moves.join(', ')}`)
    }
    return picked.moves
  }
  const body: BestMoveBody = {
    pokemon_a: preferred.pokemon_a,
    moves_a: await side(preferred.pokemon_a, preferred.moves_a),
    pokemon_b: preferred.pokemon_b,
    moves_b: await side(preferred.pokemon_b, preferred.moves_b),
  }
  return { body, notes }
}
