import type { MoveEntry, PokedexCatalogue, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import type { Locale } from '../i18n/locale.ts'
import { Sprite, TypeBadges } from './pokedex-shared.tsx'
import { type Field, type FieldError, findMove, type Side } from './predict-input.ts'
import { WeaknessGroups } from './weaknesses.tsx'

/** The message of one field, if any; its id links the field to it (`aria-describedby`). */
function FieldMessage(props: { field: Field; errors: readonly FieldError[] }) {
  const mine = props.errors.filter((e) => e.field === props.field)
  if (mine.length === 0) return null
  return (
    <p class="field-error" id={`${props.field}-error`}>
      {mine.map((e) => e.message).join(' ')}
    </p>
  )
}

const invalid = (field: Field, errors: readonly FieldError[]) =>
  errors.some((e) => e.field === field)
    ? { 'aria-invalid': 'true', 'aria-describedby': `${field}-error` }
    : {}

/** Every form, for the Pokémon fields: the name in the page's language, the other one as label. */
export function PokemonList(props: { l: Locale; catalogue: PokedexCatalogue }) {
  const { l } = props
  const forms = [...props.catalogue.pokemon].sort((x, y) => x.species_id - y.species_id || x.id - y.id)
  return (
    <datalist id="pokemon-list">
      {forms.map((p) => (
        <option
          value={l.name(p)}
        >{`${l.t.dex.number(p.species_id)} · ${l.otherName(p) ?? l.name(p)}`}</option>
      ))}
    </datalist>
  )
}

/**
 * A Pokémon field you can type in (French or English name, or number) with suggestions; changing
 * it reloads that side's card and moves (`/predict/side`).
 */
export function PokemonField(props: { l: Locale; side: Side; value: string; errors: readonly FieldError[] }) {
  const { l, side } = props
  return (
    <div class="field">
      <label for={side}>{l.t.battle.form.pokemon[side]}</label>
      <input
        id={side}
        name={side}
        type="text"
        list="pokemon-list"
        value={props.value}
        autocomplete="off"
        spellcheck={false}
        required
        hx-get="/predict/side"
        hx-trigger="change"
        hx-target={`#side-${side}`}
        hx-swap="outerHTML"
        hx-vals={JSON.stringify({ side })}
        {...invalid(side, props.errors)}
      />
      <FieldMessage field={side} errors={props.errors} />
    </div>
  )
}

/** Power × STAB × accuracy: the four strongest on paper are preselected, a sensible start to edit. */
function strongest(pokemon: PokemonEntry, moves: readonly MoveEntry[]): MoveEntry[] {
  const strength = (m: MoveEntry) =>
    (m.power ?? 0) * (pokemon.type_ids.includes(m.type_id) ? 1.5 : 1) * ((m.accuracy ?? 100) / 100)
  return [...moves].sort((x, y) => strength(y) - strength(x) || x.slug.localeCompare(y.slug)).slice(0, 4)
}

/** The card of a chosen Pokémon: sprite, name, number, types and what it is weak to. */
export function PokemonCard(props: { l: Locale; catalogue: PokedexCatalogue; pokemon: PokemonEntry }) {
  const { l, pokemon } = props
  return (
    <div class="poke-card">
      <Sprite pokemon={pokemon} scale={1.5} />
      <div>
        <p class="poke-name">
          <a href={`/pokedex/${pokemon.slug}`}>{l.name(pokemon)}</a>{' '}
          <small>{l.t.dex.number(pokemon.species_id)}</small>
        </p>
        <TypeBadges l={l} catalogue={props.catalogue} pokemon={pokemon} />
        <div class="weak-strip">
          <span class="weak-title">{l.t.battle.form.weakTo}</span>
          {pokemon.weaknesses.some((w) => w.multiplier > 1) ? (
            <WeaknessGroups l={l} catalogue={props.catalogue} pokemon={pokemon} only={[4, 2]} />
          ) : (
            <span>{l.t.battle.form.noWeakness}</span>
          )}
        </div>
      </div>
    </div>
  )
}

/**
 * One side's card and its four move fields (type a French or English name; the suggestions are
 * the damaging moves this form can use). Swapped whole when the Pokémon changes, so ids stay unique.
 */
export function SideDetails(props: {
  l: Locale
  catalogue: PokedexCatalogue
  side: Side
  pokemon: PokemonEntry | undefined
  allowed: readonly MoveEntry[]
  /** Typed move texts; undefined = preselect (your side) or leave on "auto" (the opponent). */
  moves: readonly string[] | undefined
  errors: readonly FieldError[]
}) {
  const { l, side, pokemon, allowed } = props
  const t = l.t.battle.form
  const field: Field = side === 'a' ? 'ma' : 'mb'
  // A typed move that resolves is shown by its name in the page's language (a shared address may
  // carry slugs or the other language); one that does not is shown as typed, next to its error.
  const values = props.moves
    ? props.moves.map((typed) => {
        const move = findMove(allowed, typed)
        return move ? l.name(move) : typed
      })
    : side === 'a' && pokemon
      ? strongest(pokemon, allowed).map((m) => l.name(m))
      : []
  const sorted = [...allowed].sort((x, y) => l.name(x).localeCompare(l.name(y), l.lang))
  return (
    <div class="side-details" id={`side-${side}`}>
      {pokemon ? <PokemonCard l={l} catalogue={props.catalogue} pokemon={pokemon} /> : null}
      <fieldset class="move-fields">
        <legend>{t.moves[side]}</legend>
        {side === 'b' ? <p class="hint">{t.autoHint}</p> : null}
        <datalist id={`moves-${side}-list`}>
          {sorted.map((m) => (
            <option value={l.name(m)}>{`${l.otherName(m) ?? ''} · ${m.power ?? '—'}`}</option>
          ))}
        </datalist>
        <div class="move-grid">
          {[0, 1, 2, 3].map((i) => (
            <div class="field">
              <label for={`${field}-${i + 1}`}>{t.move(i + 1)}</label>
              <input
                id={`${field}-${i + 1}`}
                name={field}
                type="text"
                list={`moves-${side}-list`}
                value={values[i] ?? ''}
                placeholder={side === 'b' ? t.auto : ''}
                autocomplete="off"
                spellcheck={false}
                {...invalid(field, props.errors)}
              />
            </div>
          ))}
        </div>
        <FieldMessage field={field} errors={props.errors} />
        {allowed.length > 0 ? <p class="hint">{t.canUse(allowed.length)}</p> : null}
      </fieldset>
    </div>
  )
}
