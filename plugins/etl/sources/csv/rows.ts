/**
 * Row readers for the three files. Each turns one record (read through `get(column)`) into a
 * model record, or gives the reason it cannot, for a `Reject` with `<file>:<line>`.
 *
 * What the CSV does not carry is never made up: Pokémon stats and move priority / crit rate come
 * from the base extract's record for the same slug (so they can never disagree with it), and a
 * row without such a record is rejected.
 */
import type { MoveRecord, Names, PokemonRecord, SpeciesRecord, TypeChartCell } from '../../model.ts'
import type { FrenchMoveIndex } from '../pokepedia/move-names.ts'
import { toCategory, toEffectClass, toFlag, toMultiplier, toTypeSlug, toWholeNumber } from './values.ts'

export type RowResult<T> = { value: T } | { reason: string }
export type Get = (column: string) => string

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const FORM_SUFFIX = { alola: /-alola$/, mega: /-mega(?:-[xy])?$/, partner: /-starter$/ } as const

/**
 * A Pokémon-list row → its battle form, plus its species when the row is a base form.
 *
 * @example
 * readPokemonRow(get, bySlug) // { value: { pokemon: { slug: 'rattata-alola', form: 'alola', … } } }
 */
export function readPokemonRow(
  get: Get,
  baseBySlug: ReadonlyMap<string, PokemonRecord> | undefined,
): RowResult<{ pokemon: PokemonRecord; species?: SpeciesRecord }> {
  const slug = get('nom_pokeapi').trim().toLowerCase()
  if (!SLUG.test(slug)) return { reason: `nom_pokeapi "${get('nom_pokeapi')}" is not a PokéAPI slug` }
  const flags = { alola: toFlag(get('alola')), mega: toFlag(get('mega')), partner: toFlag(get('starter')) }
  for (const [name, value] of Object.entries(flags)) {
    const column = name === 'partner' ? 'starter' : name
    if (value === undefined) return { reason: `${column} must be 1 or empty, not "${get(column)}"` }
  }
  const set = (Object.keys(flags) as (keyof typeof flags)[]).filter((name) => flags[name])
  if (set.length > 1) return { reason: `several form flags set (${set.join(', ')})` }
  const form = set[0] ?? 'base'
  const suffix = form === 'base' ? undefined : FORM_SUFFIX[form]
  const looksLike = Object.entries(FORM_SUFFIX).find(([, pattern]) => pattern.test(slug))?.[0]
  if ((suffix && !suffix.test(slug)) || (!suffix && looksLike)) {
    return { reason: `form flags say ${form} but the slug "${slug}" says ${looksLike ?? 'base'}` }
  }
  const type1 = toTypeSlug(get('type_1'))
  if (type1 === undefined) return { reason: `unknown type "${get('type_1')}"` }
  const type2 = get('type_2').trim() === '' ? undefined : toTypeSlug(get('type_2'))
  if (type2 === undefined && get('type_2').trim() !== '') return { reason: `unknown type "${get('type_2')}"` }
  const nationalDex = toWholeNumber(get('num_pokedex'), { min: 1, max: 1025 })
  if (typeof nationalDex !== 'number')
    return { reason: `num_pokedex "${get('num_pokedex')}" is not a dex number` }
  const stats = baseBySlug?.get(slug)?.stats
  if (stats === undefined) {
    const why = baseBySlug ? `the base extract has no "${slug}"` : 'no base extract was given'
    return { reason: `no base stats (the CSV has none and ${why})` }
  }
  const names: Names = {}
  if (get('nom_fr').trim()) names.fr = get('nom_fr').trim()
  if (get('nom_eng').trim()) names.en = get('nom_eng').trim()
  const species = suffix ? slug.replace(suffix, '') : slug
  const pokemon: PokemonRecord = {
    slug,
    species,
    form,
    names,
    types: type2 ? [type1, type2] : [type1],
    stats: { ...stats },
  }
  return {
    value: form === 'base' ? { pokemon, species: { slug: species, nationalDex, names } } : { pokemon },
  }
}

/**
 * A moves row → a move, matched to its slug by French name.
 *
 * @example
 * readMoveRow(get, { index, baseMoves }) // { value: { slug: 'acid', names: { fr: 'Acide' }, power: 40, … } }
 */
export function readMoveRow(
  get: Get,
  ctx: { index: FrenchMoveIndex; baseMoves: ReadonlyMap<string, MoveRecord> | undefined },
): RowResult<MoveRecord> {
  const name = get('nom_français').trim()
  if (name === '') return { reason: 'nom_français is empty' }
  const type = toTypeSlug(get('type'))
  if (type === undefined) return { reason: `unknown type "${get('type')}"` }
  const category = toCategory(get('classe'))
  if (category === undefined)
    return { reason: `unknown classe "${get('classe')}" (physique, spécial or autre)` }
  const power = toWholeNumber(get('puissance'), { min: 0, max: 250, optional: true })
  if (power === undefined) return { reason: `puissance "${get('puissance')}" is not a number from 0 to 250` }
  const accuracy = toWholeNumber(get('précision'), { min: 1, max: 100, optional: true })
  if (accuracy === undefined)
    return { reason: `précision "${get('précision')}" is not a number from 1 to 100` }
  const pp = toWholeNumber(get('pp'), { min: 1, max: 64 })
  if (typeof pp !== 'number') return { reason: `pp "${get('pp')}" is not a number from 1 to 64` }
  const effectClass = toEffectClass(get('type_degats'))
  if (effectClass === undefined) return { reason: `unknown type_degats "${get('type_degats')}"` }
  const slug = ctx.index.lookup(name)
  if (slug === undefined) return { reason: `no move slug for the French name "${name}" (pass moveNamesFr)` }
  const base = ctx.baseMoves?.get(slug)
  if (base === undefined) {
    const why = ctx.baseMoves
      ? `${slug} is not a Let's Go move of the base extract`
      : 'no base extract was given'
    return { reason: `priority and crit rate unknown (the CSV has neither and ${why})` }
  }
  const description = get('description').trim()
  return {
    value: {
      slug,
      names: { fr: name },
      type,
      category,
      power,
      accuracy,
      pp,
      priority: base.priority,
      critRatio: base.critRatio,
      alwaysCrit: base.alwaysCrit,
      effectClass,
      descriptions: description ? { fr: description } : {},
    },
  }
}

/**
 * A type-chart row → one cell.
 *
 * @example
 * readTypeChartRow(get) // { value: { attacking: 'fire', defending: 'steel', multiplier: 2 } }
 */
export function readTypeChartRow(get: Get): RowResult<TypeChartCell> {
  const attacking = toTypeSlug(get('type_attaquant'))
  if (attacking === undefined) return { reason: `unknown type "${get('type_attaquant')}"` }
  const defending = toTypeSlug(get('type_defenseur'))
  if (defending === undefined) return { reason: `unknown type "${get('type_defenseur')}"` }
  const multiplier = toMultiplier(get('multiplicateur'))
  if (multiplier === undefined)
    return { reason: `multiplicateur "${get('multiplicateur')}" is not 0, 0.5, 1 or 2` }
  return { value: { attacking, defending, multiplier } }
}
