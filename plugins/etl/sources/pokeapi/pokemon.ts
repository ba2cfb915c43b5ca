/**
 * `/pokemon/{slug}` → the form's measurements, sprites, types, base stats and LGPE learnset.
 *
 * Learn methods in version group 19 (matched by id):
 * - `level-up` at level 1 → `start` (level 0): PokéAPI writes the moves a Pokémon knows when
 *   obtained as level 1, which Poképédia calls "Départ" and the Showdown source also maps to start.
 * - `level-up` at level 0 → `evolution`: since Generation VII PokéAPI stores "learned on evolving"
 *   as level 0 (there is no separate method); Showdown's `7L0` means the same.
 * - `level-up` at n ≥ 2 → `level-up` n; a move learned at several levels keeps one entry per level.
 * - `machine` → `tm` (the number is filled later from `/machine`), `tutor` → `tutor` (partner moves).
 * Entries of other version groups are ignored.
 */
import type { BaseStats, LearnMethod, LearnsetEntry, PokemonRecord, TypeSlug } from '../../model.ts'
import { TYPE_SLUGS } from '../../model.ts'
import { FieldError } from './loader.ts'
import type { PokemonJson } from './schemas.ts'
import { isLgpeVersionGroup } from './version-groups.ts'

const STAT_KEYS: Readonly<Record<string, keyof BaseStats>> = {
  hp: 'hp',
  attack: 'atk',
  defense: 'def',
  'special-attack': 'spa',
  'special-defense': 'spd',
  speed: 'spe',
}

/** Narrows a PokéAPI type name to a model slug, or throws a `FieldError` for `field`. */
export function typeSlugOf(name: string, field: string): TypeSlug {
  if ((TYPE_SLUGS as readonly string[]).includes(name)) return name as TypeSlug
  throw new FieldError(field, `unknown type "${name}"`)
}

function statsOf(json: PokemonJson): BaseStats {
  const stats: Partial<BaseStats> = {}
  json.stats.forEach((entry, index) => {
    const key = STAT_KEYS[entry.stat.name]
    if (key === undefined)
      throw new FieldError(`stats.${index}.stat.name`, `unknown stat "${entry.stat.name}"`)
    stats[key] = entry.base_stat
  })
  for (const key of Object.values(STAT_KEYS))
    if (stats[key] === undefined) throw new FieldError('stats', `stat "${key}" is missing`)
  return stats as BaseStats
}

function typesOf(json: PokemonJson): PokemonRecord['types'] {
  const ordered = [...json.types].sort((a, b) => a.slot - b.slot)
  if (ordered.length > 2) throw new FieldError('types', `${ordered.length} types`)
  const slugs = ordered.map((entry, index) => typeSlugOf(entry.type.name, `types.${index}.type.name`))
  return slugs as PokemonRecord['types']
}

/** Decimetres → metres and hectograms → kilograms, without binary noise (69 / 10 = 6.9). */
function tenths(value: number): number {
  return Math.round(value) / 10
}

/**
 * Builds the record PokéAPI knows for one form. `form` is copied from the base extract (it is the
 * identity of the row, which PokéAPI does not model); `names` stays empty here, the species
 * names are attached to base forms once `/pokemon-species` is read.
 *
 * @example
 * toPokemonRecord(json, { slug: 'raichu-alola', form: 'alola' }).heightM // 0.7
 */
export function toPokemonRecord(
  json: PokemonJson,
  base: Pick<PokemonRecord, 'slug' | 'form'>,
): PokemonRecord {
  const sprites = {
    ...(json.sprites?.front_default ? { front: json.sprites.front_default } : {}),
    ...(json.sprites?.front_shiny ? { shiny: json.sprites.front_shiny } : {}),
    ...(json.sprites?.other?.['official-artwork']?.front_default
      ? { artwork: json.sprites.other['official-artwork'].front_default }
      : {}),
  }
  return {
    slug: base.slug,
    species: json.species.name,
    form: base.form,
    names: {},
    types: typesOf(json),
    stats: statsOf(json),
    heightM: tenths(json.height),
    weightKg: tenths(json.weight),
    ...(Object.keys(sprites).length > 0 ? { sprites } : {}),
  }
}

function methodOf(method: string, level: number): { method: LearnMethod; level: number | null } | undefined {
  if (method === 'level-up') {
    if (level === 0) return { method: 'evolution', level: null }
    if (level === 1) return { method: 'start', level: 0 }
    return { method: 'level-up', level }
  }
  if (method === 'machine') return { method: 'tm', level: null }
  if (method === 'tutor') return { method: 'tutor', level: null }
  return undefined
}

export interface LgpeLearnset {
  entries: LearnsetEntry[]
  /** PokéAPI move names the base extract does not know (reported, not loaded). */
  unknownMoves: string[]
  /** Learn methods with no meaning in LGPE (reported). */
  unknownMethods: string[]
}

/**
 * The LGPE learnset of one form, with PokéAPI move names translated by `moveSlugOf` (undefined =
 * not a move of the base extract).
 *
 * @example
 * toLgpeLearnset(json, 'pikachu', (name) => name).entries
 * // [{ pokemon: 'pikachu', move: 'thunder-shock', method: 'start', level: 0 }, …]
 */
export function toLgpeLearnset(
  json: PokemonJson,
  pokemon: string,
  moveSlugOf: (pokeApiName: string) => string | undefined,
): LgpeLearnset {
  const entries = new Map<string, LearnsetEntry>()
  const unknownMoves = new Set<string>()
  const unknownMethods = new Set<string>()
  for (const { move, version_group_details: details } of json.moves) {
    for (const detail of details) {
      if (!isLgpeVersionGroup(detail.version_group)) continue
      const slug = moveSlugOf(move.name)
      if (slug === undefined) {
        unknownMoves.add(move.name)
        continue
      }
      const learned = methodOf(detail.move_learn_method.name, detail.level_learned_at)
      if (learned === undefined) {
        unknownMethods.add(detail.move_learn_method.name)
        continue
      }
      const entry: LearnsetEntry = { pokemon, move: slug, ...learned }
      entries.set(`${slug}|${entry.method}|${entry.level}`, entry)
    }
  }
  return {
    entries: [...entries.values()],
    unknownMoves: [...unknownMoves],
    unknownMethods: [...unknownMethods],
  }
}
