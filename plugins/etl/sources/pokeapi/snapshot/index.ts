/**
 * The committed PokéAPI snapshot: French and English names and descriptions of the 226 Let's Go
 * moves and the names of the 153 species, extracted once from PokéAPI's public data (provenance
 * and licence in README.md next to it).
 *
 * Why committed: PokéAPI is the only open source of French move names, and a fresh clone must be
 * French without the network. The live `pokeapi` source still wins when it runs (it comes first
 * in the FRENCH precedence), so an online ETL refreshes every value.
 */
import { join } from 'node:path'
import type { Extract } from '../../../model.ts'
import type { PokeApiSnapshot } from './build.ts'
import snapshot from './lgpe-names.json'

/** Path of the snapshot file (rewritten by `bun scripts/pokeapi-snapshot.ts`). */
export const SNAPSHOT_FILE = join(import.meta.dir, 'lgpe-names.json')

/**
 * The snapshot as committed.
 *
 * @example
 * pokeApiSnapshot().moves.find((m) => m.slug === 'thunderbolt')?.names.fr // 'Tonnerre'
 */
export function pokeApiSnapshot(): PokeApiSnapshot {
  return snapshot as PokeApiSnapshot
}

/**
 * Adds the snapshot's French move names and descriptions to an offline extract, filling only
 * what the extract does not know (English names and descriptions stay Showdown's). Returns a
 * new extract; the input is not changed.
 *
 * @example
 * withPokeApiSnapshot(extract).moves?.find((m) => m.slug === 'earthquake')?.names.fr // 'Séisme'
 */
export function withPokeApiSnapshot(extract: Extract): Extract {
  const bySlug = new Map(pokeApiSnapshot().moves.map((m) => [m.slug, m]))
  return {
    ...extract,
    moves: extract.moves?.map((move) => {
      const known = bySlug.get(move.slug)
      if (!known) return move
      return {
        ...move,
        names: { ...known.names, ...move.names, fr: move.names.fr ?? known.names.fr },
        descriptions: {
          en: move.descriptions.en ?? known.descriptions.en,
          fr: move.descriptions.fr ?? known.descriptions.fr,
        },
      }
    }),
  }
}
