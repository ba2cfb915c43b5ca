import type { TypeRow } from '../../core/contracts/pokedex.ts'

/** Lower-case, accents stripped: "Électrik" and "electrik" name the same type. */
export function foldName(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase()
}

/**
 * Finds a type by id ("13"), slug ("electric"), English or French name ("Électrik"), ignoring
 * case and accents. Returns undefined when nothing matches — callers answer 404, never guess.
 *
 * @example
 * findType(types, 'electrik')?.slug // 'electric'
 */
export function findType(types: readonly TypeRow[], query: string): TypeRow | undefined {
  const q = foldName(query)
  if (/^\d+$/.test(q)) return types.find((t) => t.id === Number(q))
  return types.find((t) => t.slug === q || foldName(t.name_en) === q || foldName(t.name_fr) === q)
}
