/**
 * Which source wins, field by field, when several know a value. Documented in docs/data.md.
 *
 * Why these orders: battle values must agree with the engine that labels our battles, so the
 * Showdown data wins them; French names and media come from the sources written for them
 * (PokéAPI's localised names, Poképédia); the CSV files are the user's own data and fill gaps.
 */
export type SourceName = 'showdown' | 'pokeapi' | 'pokepedia' | 'csv'

export const BATTLE: readonly SourceName[] = ['showdown', 'pokeapi', 'csv', 'pokepedia']
export const ENGLISH: readonly SourceName[] = ['showdown', 'pokeapi', 'csv', 'pokepedia']
export const FRENCH: readonly SourceName[] = ['pokeapi', 'pokepedia', 'csv', 'showdown']
export const MEDIA: readonly SourceName[] = ['pokeapi', 'showdown', 'csv', 'pokepedia']
/** Learnset membership: the engine's learnsets first (the validator accepts exactly those). */
export const LEARNSETS: readonly SourceName[] = ['showdown', 'pokepedia', 'pokeapi', 'csv']

/** Field path → precedence, per entity. Paths not listed use BATTLE. */
export const FIELD_PRECEDENCE = {
  pokemon: {
    'names.en': ENGLISH,
    'names.fr': FRENCH,
    heightM: MEDIA,
    weightKg: MEDIA,
    sprites: MEDIA,
  },
  species: {
    'names.en': ENGLISH,
    'names.fr': FRENCH,
    evolvesFrom: MEDIA,
    evolution: MEDIA,
    flavorText: MEDIA,
  },
  moves: {
    'names.en': ENGLISH,
    'names.fr': FRENCH,
    'descriptions.en': ENGLISH,
    'descriptions.fr': FRENCH,
  },
  types: { 'names.en': ENGLISH, 'names.fr': FRENCH },
} as const satisfies Record<string, Record<string, readonly SourceName[]>>

export type Entity = keyof typeof FIELD_PRECEDENCE

/** The precedence for one field of one entity. */
export function precedenceOf(entity: Entity, field: string): readonly SourceName[] {
  return (FIELD_PRECEDENCE[entity] as Record<string, readonly SourceName[]>)[field] ?? BATTLE
}

/** Orders sources by a precedence list; unknown names go last in their given order. */
export function bySourcePrecedence<T extends { source: string }>(
  items: readonly T[],
  order: readonly SourceName[],
): T[] {
  const rank = (s: string) => {
    const i = order.indexOf(s as SourceName)
    return i < 0 ? order.length : i
  }
  return [...items].sort((a, b) => rank(a.source) - rank(b.source))
}
