/**
 * Which Poképédia pages to read, and for which battle forms.
 *
 * - base and Alolan forms: their own French name (`Rattata d'Alola` → `Rattata_d'Alola/Génération_7`);
 * - partner forms: their species' base page (`Pikachu/Génération_7`), which also holds the partner's
 *   exclusive tutor moves, so one request serves both `pikachu` and `pikachu-starter`;
 * - Megas: no page of their own (they share the base form's moves), skipped.
 */
import type { Extract, Reject } from '../../model.ts'
import { learnsetPageOf } from './api.ts'

export interface PageForm {
  slug: string
  /** Read the tutor section for this form (partner forms only: the tutor moves are theirs alone). */
  tutor: boolean
}

export interface PagePlan {
  page: string
  forms: PageForm[]
}

/**
 * Groups the base extract's forms by page, in the base's order. A form without a French name gets
 * a reject (its page cannot be named) instead of vanishing.
 *
 * @example
 * planPages(base, rejects).find((plan) => plan.page === 'Pikachu/Génération_7')?.forms
 * // [{ slug: 'pikachu', tutor: false }, { slug: 'pikachu-starter', tutor: true }]
 */
export function planPages(base: Extract, rejects: Reject[]): PagePlan[] {
  const pokemon = base.pokemon ?? []
  const baseNames = new Map(
    pokemon.filter((form) => form.form === 'base').map((form) => [form.species, form.names.fr]),
  )
  const plans = new Map<string, PagePlan>()
  for (const form of pokemon) {
    if (form.form === 'mega') continue
    const frenchName = form.form === 'partner' ? baseNames.get(form.species) : form.names.fr
    if (!frenchName) {
      rejects.push({
        source: 'pokepedia',
        locator: `pokemon.${form.slug}`,
        raw: form.slug,
        reason: 'no French name in the base extract, so no Poképédia page to read',
      })
      continue
    }
    const page = learnsetPageOf(frenchName)
    const plan = plans.get(page) ?? { page, forms: [] }
    plan.forms.push({ slug: form.slug, tutor: form.form === 'partner' })
    plans.set(page, plan)
  }
  return [...plans.values()]
}
