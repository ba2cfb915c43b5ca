import type { MoveEntry, PokedexCatalogue, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import { fold, type Locale } from '../i18n/locale.ts'

export type Side = 'a' | 'b'
/** The form's fields: the two Pokémon (`a`, `b`) and their moves (`ma`, `mb`). */
export type Field = 'a' | 'ma' | 'b' | 'mb'

/** A problem with one field, said in words that name the side. */
export interface FieldError {
  field: Field
  message: string
}

/** What the form asked for, resolved against the Pokédex. */
export interface PredictForm {
  a?: PokemonEntry
  b?: PokemonEntry
  /** The text typed in each field, to show it back when it did not resolve. */
  text: { a: string; b: string; ma: string[]; mb: string[] }
  movesA: MoveEntry[]
  movesB: MoveEntry[]
  /** True when the moves were sent (the form was submitted), not only the Pokémon chosen. */
  submitted: boolean
  errors: FieldError[]
}

/**
 * Finds a form from what a player types: its slug, its French or English name (accents, case and
 * ligatures ignored) or its national number (the base form). Undefined when nothing matches.
 *
 * @example
 * findPokemon(catalogue, 'ectoplasma')?.slug // 'gengar'
 * findPokemon(catalogue, '26')?.slug // 'raichu'
 */
export function findPokemon(catalogue: PokedexCatalogue, text: string): PokemonEntry | undefined {
  const wanted = fold(text)
  if (wanted === '') return undefined
  if (/^\d{1,4}$/.test(wanted)) {
    return catalogue.pokemon.find((p) => p.species_id === Number(wanted) && p.form === 'base')
  }
  return (
    catalogue.pokemonBySlug.get(wanted) ??
    catalogue.pokemon.find((p) => fold(p.name_fr ?? '') === wanted || fold(p.name_en) === wanted)
  )
}

/** A move among `allowed` by slug or French or English name (accents and case ignored). */
export function findMove(allowed: readonly MoveEntry[], text: string): MoveEntry | undefined {
  const wanted = fold(text)
  return allowed.find(
    (m) => m.slug === wanted || fold(m.name_fr ?? '') === wanted || fold(m.name_en) === wanted,
  )
}

const list = (values: readonly string[]) => values.map((v) => v.trim()).filter((v) => v !== '')

/**
 * Reads the predictor's query (`a`, `ma`×4, `b`, `mb`×4) and checks it: each problem becomes an
 * error naming its field and side, so the page can show all of them at once next to the fields.
 * `damaging(slug)` gives the moves a form can use that deal damage (what the model can score).
 */
export async function readPredictForm(
  l: Locale,
  catalogue: PokedexCatalogue,
  query: {
    a?: string | undefined
    b?: string | undefined
    ma?: string[] | undefined
    mb?: string[] | undefined
  },
  damaging: (form: PokemonEntry) => Promise<MoveEntry[]>,
): Promise<PredictForm> {
  const t = l.t.battle.errors
  const errors: FieldError[] = []
  const text = { a: query.a ?? '', b: query.b ?? '', ma: query.ma ?? [], mb: query.mb ?? [] }
  const submitted = query.ma !== undefined || query.mb !== undefined
  const side = async (s: Side, fallback: string) => {
    const typed = (s === 'a' ? query.a : query.b) ?? fallback
    const pokemon = findPokemon(catalogue, typed)
    if (!pokemon) {
      errors.push({ field: s, message: t.unknownPokemon(s, typed) })
      return { pokemon: undefined, allowed: [] as MoveEntry[] }
    }
    const allowed = await damaging(pokemon)
    if (allowed.length === 0) errors.push({ field: s, message: t.noDamagingMove(s, l.name(pokemon)) })
    return { pokemon, allowed }
  }
  const a = await side('a', 'pikachu')
  const b = await side('b', 'squirtle')
  const moves = (
    s: Side,
    typed: readonly string[],
    allowed: MoveEntry[],
    pokemon: PokemonEntry | undefined,
  ) => {
    const found: MoveEntry[] = []
    for (const name of list(typed)) {
      const move = findMove(allowed, name)
      if (move) {
        if (!found.includes(move)) found.push(move)
      } else if (pokemon && allowed.length > 0) {
        errors.push({ field: s === 'a' ? 'ma' : 'mb', message: t.notItsMove(s, name, l.name(pokemon)) })
      }
    }
    return found
  }
  const movesA = moves('a', text.ma, a.allowed, a.pokemon)
  const movesB = moves('b', text.mb, b.allowed, b.pokemon)
  if (submitted && a.allowed.length > 0 && movesA.length === 0 && !errors.some((e) => e.field === 'ma')) {
    errors.push({ field: 'ma', message: t.noMove })
  }
  return {
    ...(a.pokemon ? { a: a.pokemon } : {}),
    ...(b.pokemon ? { b: b.pokemon } : {}),
    text,
    movesA,
    movesB,
    submitted,
    errors,
  }
}
