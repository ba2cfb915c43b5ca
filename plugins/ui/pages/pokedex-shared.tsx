import { HTTPException } from 'hono/http-exception'
import type { Child } from 'hono/jsx'
import type { PokedexCatalogue, PokemonEntry, TypeRow } from '../../../core/contracts/pokedex.ts'
import { fold, type Locale } from '../i18n/locale.ts'

export { fold }

/** ×0, ×¼, ×½, ×1, ×2, ×4 as players write them. */
export function multiplierText(m: number): string {
  return m === 0.25 ? '×¼' : m === 0.5 ? '×½' : `×${m}`
}

/** True when `query` (folded) is part of a row's French or English name, or of its slug. */
export function nameMatches(entry: { name_fr: string | null; name_en: string; slug: string }, query: string) {
  const q = fold(query)
  return (
    q === '' ||
    fold(entry.name_fr ?? '').includes(q) ||
    fold(entry.name_en).includes(q) ||
    entry.slug.includes(q)
  )
}

/**
 * Resolves a type filter given by slug, English or French name (accents ignored); '' = no filter.
 * Unknown values are a 400 so a typo never silently shows an empty or unfiltered list.
 */
export function typeFilter(
  l: Locale,
  catalogue: PokedexCatalogue,
  value: string | undefined,
): TypeRow | undefined {
  if (!value) return undefined
  const wanted = fold(value)
  const type = catalogue.types.find((t) => [t.slug, t.name_en, t.name_fr].some((n) => fold(n) === wanted))
  if (!type) {
    throw new HTTPException(400, {
      message: l.t.errors.unknownType(value, catalogue.types.map((t) => l.typeName(t)).join(', ')),
    })
  }
  return type
}

/** Picks one of the allowed values of a query parameter, or answers 400 naming the allowed ones. */
export function choice<K extends string>(
  l: Locale,
  label: string,
  value: string | undefined,
  allowed: Record<K, string>,
  fallback: K,
): K {
  if (!value) return fallback
  if (Object.hasOwn(allowed, value)) return value as K
  throw new HTTPException(400, {
    message: l.t.errors.unknownFilter(label, value, Object.keys(allowed).filter(Boolean).join(', ')),
  })
}

/** A type badge, coloured per type by pokedex.css (`type-fire`…). */
export function TypeBadge(props: { l: Locale; type: TypeRow | undefined; class?: string }) {
  if (!props.type) return null
  return (
    <span class={`type-badge type-${props.type.slug}${props.class ? ` ${props.class}` : ''}`}>
      {props.l.typeName(props.type)}
    </span>
  )
}

/** The badges of a form's types, in slot order. */
export function TypeBadges(props: { l: Locale; catalogue: PokedexCatalogue; pokemon: PokemonEntry }) {
  return (
    <span class="type-badges">
      {props.pokemon.type_ids.map((id) => (
        <TypeBadge l={props.l} type={props.catalogue.typeById.get(id)} />
      ))}
    </span>
  )
}

/**
 * A form's box sprite, served by us from npm `pokesprite-images` (68 × 56 pixel art, scaled
 * crisply). Decorative (`alt=""`) because the name always sits next to it.
 */
export function Sprite(props: { pokemon: PokemonEntry; scale?: number; lazy?: boolean }) {
  const scale = props.scale ?? 1
  return (
    <img
      class="sprite"
      src={`/static/sprites/${props.pokemon.slug}.png`}
      alt=""
      width={68 * scale}
      height={56 * scale}
      loading={props.lazy ? 'lazy' : undefined}
    />
  )
}

/**
 * A filter form that works as a plain GET without JavaScript and live with htmx (typing, changes
 * and Enter swap the results block in place and push the URL), shared by the Pokédex and moves.
 */
export function LiveFilterForm(props: { path: string; results: string; children: Child }) {
  return (
    <form
      class="dex-filters"
      method="get"
      action={props.path}
      hx-get={props.path}
      hx-trigger="input changed delay:250ms, change from:find select, submit"
      hx-target={`#${props.results}`}
      hx-select={`#${props.results}`}
      hx-swap="outerHTML"
      hx-push-url="true"
    >
      {props.children}
    </form>
  )
}

/** The "Type" select of the filter forms ("All" = no filter). */
export function TypeSelect(props: { l: Locale; catalogue: PokedexCatalogue; selected: string | undefined }) {
  const { t } = props.l
  return (
    <label>
      {t.dex.typeLabel}
      <select name="type">
        <option value="">{t.dex.allTypes}</option>
        {props.catalogue.types.map((type) => (
          <option value={type.slug} selected={type.slug === props.selected}>
            {props.l.typeName(type)}
          </option>
        ))}
      </select>
    </label>
  )
}

/** A wide table inside a box that scrolls sideways on phones, so the page itself never does. */
export function Scroll(props: { children: Child; label: string }) {
  return (
    // a scrolling box takes the keyboard (tabindex 0, WCAG 2.1.1): the lint no longer flags it
    <section class="table-scroll" tabindex={0} aria-label={props.label}>
      {props.children}
    </section>
  )
}
