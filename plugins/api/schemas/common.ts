import { z } from '@hono/zod-openapi'
import type { TypeRow } from '../../../core/contracts/pokedex.ts'

export type Lang = 'fr' | 'en'

/**
 * `lang=fr|en`: which language goes into each `name` field (`name_en` and `name_fr` are always
 * there too). Anything else is a 400 naming `query.lang` — the predecessor crashed on `lang=jp`.
 */
export const langQuery = z.enum(['fr', 'en']).default('en').openapi({
  description: 'Language of every `name` field (`name_en` and `name_fr` are always present)',
  example: 'fr',
})

/**
 * The name in the asked language; `null` when that language's name is not loaded (French move
 * names need the PokéAPI or Poképédia source) — never silently the other language.
 *
 * @example
 * localName({ name_en: 'Charizard', name_fr: 'Dracaufeu' }, 'fr') // 'Dracaufeu'
 */
export function localName(row: { name_en: string; name_fr: string | null }, lang: Lang): string | null {
  return lang === 'fr' ? row.name_fr : row.name_en
}

/** `name`, `name_en`, `name_fr` of a row, in that order (the response field order). */
export function names(row: { name_en: string; name_fr: string | null }, lang: Lang) {
  return { name: localName(row, lang), name_en: row.name_en, name_fr: row.name_fr }
}

/** The three name fields every named resource carries. */
export const nameFields = (en: string, fr: string) => ({
  name: z.string().nullable().openapi({
    description: 'Name in the `lang` language; null when that language is not loaded',
    example: fr,
  }),
  name_en: z.string().openapi({ example: en }),
  name_fr: z.string().nullable().openapi({ example: fr }),
})

/** A type as it appears inside other resources. */
export const TypeRefSchema = z
  .object({
    id: z.number().int().openapi({ example: 13 }),
    slug: z.string().openapi({ example: 'electric' }),
    ...nameFields('Electric', 'Électrik'),
  })
  .openapi('TypeRef')

/** @example typeRef(electric, 'fr') // { id: 13, slug: 'electric', name: 'Électrik', … } */
export function typeRef(type: TypeRow, lang: Lang) {
  return { id: type.id, slug: type.slug, ...names(type, lang) }
}

/** A path parameter naming a resource by numeric id or slug. */
export const idOrSlugParam = (what: string, example: string) =>
  z
    .string()
    .min(1)
    .max(60)
    .regex(/^[A-Za-z0-9-]+$/, 'an id (digits) or a slug (letters, digits, dashes)')
    .openapi({ description: `${what}: numeric id or slug`, example })

/** `type` as one value, a comma list, or repeated (`?type=fire&type=flying`). */
export const typeListQuery = (description: string) =>
  z
    .union([z.string().min(1).max(80), z.array(z.string().min(1).max(80)).max(4)])
    .optional()
    .openapi({
      description: `${description}. Id, slug, English or French name (case and accents ignored); comma-separated or repeated`,
      example: 'fire,flying',
    })

/**
 * Folds a name for search: lower case, no accents, punctuation as spaces ("Méga-Dracaufeu X" →
 * "mega dracaufeu x"), so `q=electrik` finds "Électrik" and `q=mr mime` finds "Mr. Mime".
 *
 * @example
 * searchKey('Méga-Dracaufeu X') // 'mega dracaufeu x'
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** `q`: a case- and accent-insensitive substring of the English or French name. */
export const searchQuery = (example: string) =>
  z
    .string()
    .max(50)
    .refine((q) => searchKey(q) !== '', 'needs at least one letter or digit')
    .optional()
    .openapi({
      description: 'Substring of the English or French name; case, accents and punctuation ignored',
      example,
    })

/** True when the English or French name contains the folded query. */
export function nameMatches(row: { name_en: string; name_fr: string | null }, key: string): boolean {
  return (
    searchKey(row.name_en).includes(key) || (row.name_fr !== null && searchKey(row.name_fr).includes(key))
  )
}
