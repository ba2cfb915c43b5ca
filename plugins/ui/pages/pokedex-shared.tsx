import { HTTPException } from 'hono/http-exception'
import type { Child } from 'hono/jsx'
import type { PokedexCatalogue, PokemonEntry, TypeRow } from '../../../core/contracts/pokedex.ts'

/** Lower case without accents, so « dracaufeu », « Électrik » and « electrik » all match. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim()
}

/** The name shown first: French when known, English otherwise (moves have no offline French name). */
export function frenchName(entry: { name_fr: string | null; name_en: string }): string {
  return entry.name_fr ?? entry.name_en
}

/** « 1ᵉʳ sur 188 », « 12ᵉ sur 188 »: French ordinals for the stat ranks. */
export function rankText(rank: number, total: number): string {
  return `${rank}${rank === 1 ? 'ᵉʳ' : 'ᵉ'} sur ${total}`
}

/** ×0, ×¼, ×½, ×1, ×2, ×4 as players write them. */
export function multiplierText(m: number): string {
  return m === 0.25 ? '×¼' : m === 0.5 ? '×½' : `×${m}`
}

/**
 * Resolves a type filter given by slug, English or French name (accents ignored); '' = no filter.
 * Unknown values are a 400 so a typo never silently shows an empty or unfiltered list.
 */
export function typeFilter(catalogue: PokedexCatalogue, value: string | undefined): TypeRow | undefined {
  if (!value) return undefined
  const wanted = fold(value)
  const type = catalogue.types.find((t) => [t.slug, t.name_en, t.name_fr].some((n) => fold(n) === wanted))
  if (!type) {
    throw new HTTPException(400, {
      message: `Type inconnu : « ${value} ». Types acceptés : ${catalogue.types.map((t) => t.name_fr).join(', ')}.`,
    })
  }
  return type
}

/** Picks one of the allowed values of a query parameter, or answers 400 naming the allowed ones. */
export function choice<K extends string>(
  label: string,
  value: string | undefined,
  allowed: Record<K, string>,
  fallback: K,
): K {
  if (!value) return fallback
  if (value in allowed) return value as K
  throw new HTTPException(400, {
    message: `${label} inconnu : « ${value} ». Valeurs acceptées : ${Object.keys(allowed).join(', ')}.`,
  })
}

/** A type badge, coloured per type by pokedex.css (`type-fire`…). */
export function TypeBadge(props: { type: TypeRow | undefined; class?: string }) {
  if (!props.type) return null
  return (
    <span class={`type-badge type-${props.type.slug}${props.class ? ` ${props.class}` : ''}`}>
      {props.type.name_fr}
    </span>
  )
}

/** The badges of a form's types, in slot order. */
export function TypeBadges(props: { catalogue: PokedexCatalogue; pokemon: PokemonEntry }) {
  return (
    <span class="type-badges">
      {props.pokemon.type_ids.map((id) => (
        <TypeBadge type={props.catalogue.typeById.get(id)} />
      ))}
    </span>
  )
}

/** « nº 006 »: the national number the games print. */
export function dexNumber(n: number): string {
  return `nº ${String(n).padStart(3, '0')}`
}

/** The form kinds in French, also the accepted `form` filter values. */
export const FORM_LABELS = {
  base: 'Normale',
  alola: 'd’Alola',
  mega: 'Méga',
  partner: 'Partenaire',
} as const

/** A sprite only when the ETL found one: offline there is none, and a broken image helps nobody. */
export function Sprite(props: { pokemon: PokemonEntry; size: number }) {
  const url = props.pokemon.sprite_artwork ?? props.pokemon.sprite_front
  if (!url) return null
  return (
    <img
      class="sprite"
      src={url}
      alt={frenchName(props.pokemon)}
      width={props.size}
      height={props.size}
      loading="lazy"
    />
  )
}

/**
 * A filter form that works as a plain GET without JavaScript and live with htmx (input/change,
 * results block swapped in place, URL pushed), shared by the Pokédex and moves lists.
 */
export function LiveFilterForm(props: { path: string; results: string; children: Child }) {
  return (
    <form
      class="dex-filters"
      method="get"
      action={props.path}
      hx-get={props.path}
      hx-trigger="input delay:250ms, change"
      hx-target={`#${props.results}`}
      hx-select={`#${props.results}`}
      hx-swap="outerHTML"
      hx-push-url="true"
    >
      {props.children}
    </form>
  )
}

/** The "Type" select of the filter forms (French names, "Tous" = no filter). */
export function TypeSelect(props: { catalogue: PokedexCatalogue; selected: string | undefined }) {
  return (
    <label>
      Type
      <select name="type">
        <option value="">Tous</option>
        {props.catalogue.types.map((t) => (
          <option value={t.slug} selected={t.slug === props.selected}>
            {t.name_fr}
          </option>
        ))}
      </select>
    </label>
  )
}
