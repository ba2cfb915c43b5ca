import type { MoveRecord, PokemonRecord } from '../model.ts'

const FORM_ORDER = { base: 0, alola: 1, mega: 2, partner: 3 } as const

/**
 * Stable numeric ids. Species and base forms use the national dex number (Pikachu = 25,
 * Meltan = 808), so `/pokemon/25` means what a player expects; other forms get 10001… in
 * (dex number, form kind, slug) order, which is fixed by the game's list of 188 forms.
 *
 * @example
 * pokemonIds(records, dex).get('pikachu') // 25
 */
export function pokemonIds(
  records: readonly PokemonRecord[],
  dexOf: (species: string) => number,
): Map<string, number> {
  const ids = new Map<string, number>()
  const forms = records
    .filter((p) => p.form !== 'base')
    .sort(
      (a, b) =>
        dexOf(a.species) - dexOf(b.species) ||
        FORM_ORDER[a.form] - FORM_ORDER[b.form] ||
        a.slug.localeCompare(b.slug),
    )
  for (const p of records) if (p.form === 'base') ids.set(p.slug, dexOf(p.species))
  for (const [i, p] of forms.entries()) ids.set(p.slug, 10_001 + i)
  return ids
}

/**
 * Move ids are the games' move numbers (= PokéAPI's ids) when a source knows them; a move only a
 * CSV file knows keeps the id it already has in the database, else takes the next free id from 100001.
 */
export function moveIds(
  records: readonly MoveRecord[],
  existing: ReadonlyMap<string, number>,
): Map<string, number> {
  const ids = new Map<string, number>()
  let next = Math.max(100_000, ...existing.values()) + 1
  for (const m of records) {
    const id = m.num ?? existing.get(m.slug) ?? next++
    ids.set(m.slug, id)
  }
  return ids
}
