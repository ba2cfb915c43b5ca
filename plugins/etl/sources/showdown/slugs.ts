/**
 * Showdown names and ids → PokéAPI-style slugs, the identifiers of the intermediate model.
 *
 * Why derive from the English *name* rather than the Showdown id: the id drops every separator
 * (`charizardmegax`, `selfdestruct`), while PokéAPI keeps the name's hyphens and spaces as `-`
 * (`charizard-mega-x`, `self-destruct`) and simply drops apostrophes and dots (`farfetchd`,
 * `mr-mime`). One rule covers every Let's Go species, form and move.
 */

/**
 * Turns an English Pokémon, form or move name into a PokéAPI-style slug.
 *
 * @example
 * toSlug('Charizard-Mega-X') // 'charizard-mega-x'
 * toSlug('Farfetch’d')       // 'farfetchd'
 * toSlug('Mr. Mime')         // 'mr-mime'
 * toSlug('Nidoran♀')         // 'nidoran-f'
 * toSlug('U-turn')           // 'u-turn'
 */
export function toSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '') // accents never appear in PokéAPI slugs (Flabébé → flabebe)
    .replace(/♀/g, '-f')
    .replace(/♂/g, '-m')
    .toLowerCase()
    .replace(/['’.:]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * Maps Showdown ids to slugs and back, built from the names the dex gives for those ids.
 *
 * Why a table rather than a function of the id alone: ids lost the separators, so only the name
 * knows that `mrmime` is `mr-mime`. The table is built once from the extracted data.
 *
 * @example
 * const ids = createShowdownIdMap([['charizardmegax', 'Charizard-Mega-X']])
 * ids.toSlug('charizardmegax')   // 'charizard-mega-x'
 * ids.toShowdownId('charizard-mega-x') // 'charizardmegax'
 */
export function createShowdownIdMap(entries: Iterable<readonly [showdownId: string, name: string]>) {
  const bySlug = new Map<string, string>()
  const byId = new Map<string, string>()
  for (const [id, name] of entries) {
    const slug = toSlug(name)
    byId.set(id, slug)
    bySlug.set(slug, id)
  }
  return {
    toSlug: (showdownId: string): string | undefined => byId.get(showdownId),
    toShowdownId: (slug: string): string | undefined => bySlug.get(slug),
  }
}
