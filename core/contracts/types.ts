/**
 * The 18 types as lower-case English slugs, in the order the whole platform uses (the chart's,
 * the features', the UI's). Shared here because every plugin needs the list and plugins never
 * import each other.
 */
export const TYPE_SLUGS = [
  'normal',
  'fire',
  'water',
  'electric',
  'grass',
  'ice',
  'fighting',
  'poison',
  'ground',
  'flying',
  'psychic',
  'bug',
  'rock',
  'ghost',
  'dragon',
  'dark',
  'steel',
  'fairy',
] as const
export type TypeSlug = (typeof TYPE_SLUGS)[number]
