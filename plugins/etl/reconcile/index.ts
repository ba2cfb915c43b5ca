import type {
  Extract,
  MoveRecord,
  PokemonRecord,
  Reject,
  SpeciesRecord,
  TypeChartCell,
  TypeRecord,
} from '../model.ts'
import { addDerivedLearnsets } from './inherit.ts'
import { mergeLearnsets, type SourcedEntry } from './learnsets.ts'
import { type Conflict, mergeRecords } from './merge-records.ts'

export type { SourcedEntry } from './learnsets.ts'
export { entryKey } from './learnsets.ts'
export type { Conflict } from './merge-records.ts'

/** Everything the loader writes, merged from every source, with the disagreements found. */
export interface Reconciled {
  sources: string[]
  types: TypeRecord[]
  typeChart: TypeChartCell[]
  species: SpeciesRecord[]
  pokemon: PokemonRecord[]
  moves: MoveRecord[]
  learnsets: SourcedEntry[]
  /** Sources that contributed to each record, by entity then key (provenance). */
  provenance: Record<'types' | 'species' | 'pokemon' | 'moves', Map<string, string[]>>
  conflicts: Conflict[]
  rejects: Reject[]
  warnings: string[]
}

function collect<K extends keyof Extract>(extracts: readonly Extract[], key: K) {
  return extracts.flatMap((e) =>
    e[key] ? [{ source: e.source, records: e[key] as NonNullable<Extract[K]> }] : [],
  )
}

/**
 * Merges the extracts of every source that ran into one consistent dataset (precedence per field
 * in `precedence.ts`), then derives inherited and Mega/partner learnsets.
 *
 * @example
 * const data = reconcile([extractShowdown(), await extractPokeApi(base, http)])
 */
export function reconcile(extracts: readonly Extract[]): Reconciled {
  const types = mergeRecords('types', collect(extracts, 'types'), (t) => t.slug)
  const chart = mergeRecords('types', collect(extracts, 'typeChart'), (c) => `${c.attacking}>${c.defending}`)
  const species = mergeRecords('species', collect(extracts, 'species'), (s) => s.slug)
  const pokemon = mergeRecords('pokemon', collect(extracts, 'pokemon'), (p) => p.slug)
  const moves = mergeRecords('moves', collect(extracts, 'moves'), (m) => m.slug)
  const merged = mergeLearnsets(
    collect(extracts, 'learnsets').map((i) => ({ source: i.source, entries: i.records })),
  )
  const knownPokemon = new Set(pokemon.records.map((p) => p.slug))
  const knownMoves = new Set(moves.records.map((m) => m.slug))
  const rejects: Reject[] = extracts.flatMap((e) => e.rejects)
  const usable = merged.entries.filter((e) => {
    if (knownPokemon.has(e.pokemon) && knownMoves.has(e.move)) return true
    rejects.push({
      source: e.source,
      locator: `learnset ${e.pokemon}/${e.move}`,
      raw: JSON.stringify(e),
      reason: knownPokemon.has(e.pokemon) ? `unknown move ${e.move}` : `unknown Pokémon ${e.pokemon}`,
    })
    return false
  })
  return {
    sources: extracts.map((e) => e.source),
    types: types.records,
    typeChart: chart.records,
    species: species.records,
    pokemon: pokemon.records,
    moves: moves.records,
    learnsets: addDerivedLearnsets(pokemon.records, species.records, usable),
    provenance: {
      types: types.sourcesByKey,
      species: species.sourcesByKey,
      pokemon: pokemon.sourcesByKey,
      moves: moves.sourcesByKey,
    },
    conflicts: [
      ...types.conflicts,
      ...chart.conflicts,
      ...species.conflicts,
      ...pokemon.conflicts,
      ...moves.conflicts,
      ...merged.conflicts,
    ],
    rejects,
    warnings: extracts.flatMap((e) => e.warnings.map((w) => `${e.source}: ${w}`)),
  }
}
