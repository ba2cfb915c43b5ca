import type { PokemonRecord, SpeciesRecord } from '../model.ts'
import type { SourcedEntry } from './learnsets.ts'

/**
 * Post-processing the predecessor did, done right:
 * 1. **Pre-evolution inheritance** — a Pokémon can know every move its pre-evolutions learn by
 *    level-up, at the start or on evolving (it learned them before evolving). Such moves it cannot
 *    learn itself are added with method `inherited` and the ancestor's slug. The ancestor is the
 *    pre-evolution of the same kind of form only (Alolan Sandslash ← Alolan Sandshrew): in Let's Go
 *    an Alolan Raichu, Exeggutor or Marowak never was a Kanto Pikachu, Exeggcute or Cubone (they
 *    come from trades), and the engine rejects those moves.
 * 2. **Megas and partner forms** with no learnset of their own get their base form's (all
 *    methods, inherited entries included), since they are the same Pokémon in battle.
 *
 * @example
 * const all = addDerivedLearnsets(pokemon, species, entries)
 */
export function addDerivedLearnsets(
  pokemon: readonly PokemonRecord[],
  species: readonly SpeciesRecord[],
  entries: readonly SourcedEntry[],
): SourcedEntry[] {
  const bySlug = new Map(pokemon.map((p) => [p.slug, p]))
  const speciesBySlug = new Map(species.map((s) => [s.slug, s]))
  const own = new Map<string, SourcedEntry[]>()
  for (const e of entries) own.set(e.pokemon, [...(own.get(e.pokemon) ?? []), e])
  const formOf = (speciesSlug: string, form: PokemonRecord['form']) =>
    pokemon.find((p) => p.species === speciesSlug && p.form === form)
  const ancestors = (p: PokemonRecord): PokemonRecord[] => {
    const chain: PokemonRecord[] = []
    let current = speciesBySlug.get(p.species)
    const seen = new Set<string>()
    while (current?.evolvesFrom && !seen.has(current.evolvesFrom)) {
      seen.add(current.evolvesFrom)
      const ancestor = formOf(current.evolvesFrom, p.form)
      if (ancestor) chain.push(ancestor)
      current = speciesBySlug.get(current.evolvesFrom)
    }
    return chain
  }
  const result: SourcedEntry[] = [...entries]
  const withInherited = new Map<string, SourcedEntry[]>()
  const copiesBase = (p: PokemonRecord) =>
    (p.form === 'mega' || p.form === 'partner') && !own.get(p.slug)?.length
  for (const p of pokemon) {
    if (copiesBase(p)) continue
    const mine = own.get(p.slug) ?? []
    const known = new Set(mine.map((e) => e.move))
    const added: SourcedEntry[] = []
    for (const ancestor of ancestors(p)) {
      for (const e of own.get(ancestor.slug) ?? []) {
        if (!['level-up', 'start', 'evolution'].includes(e.method) || known.has(e.move)) continue
        known.add(e.move)
        added.push({
          pokemon: p.slug,
          move: e.move,
          method: 'inherited',
          level: null,
          ancestor: ancestor.slug,
          source: e.source,
        })
      }
    }
    result.push(...added)
    withInherited.set(p.slug, [...mine, ...added])
  }
  for (const p of pokemon) {
    if (!copiesBase(p)) continue
    const base = formOf(p.species, 'base')
    if (!base || !bySlug.has(base.slug)) continue
    for (const e of withInherited.get(base.slug) ?? []) result.push({ ...e, pokemon: p.slug })
  }
  return result
}
