import { createServiceRef } from '../services.ts'

/**
 * Read access to the Pokédex the ETL builds. Provided by the etl plugin, used by api, ui and ml.
 *
 * Why a contract here: plugins never import each other; they agree on this interface and its ref.
 */
export interface TypeRow {
  id: number
  slug: string
  name_en: string
  name_fr: string
}

export interface TypeChartRow {
  attacking_id: number
  defending_id: number
  multiplier: number
}

/** A battle form with its base stats and types (type slugs in slot order). */
export interface FormRow {
  id: number
  slug: string
  species_id: number
  form: 'base' | 'alola' | 'mega' | 'partner'
  name_en: string
  name_fr: string | null
  types: string[]
  hp: number
  atk: number
  def: number
  spa: number
  spd: number
  spe: number
  showdown_id: string | null
}

/** A move with the values battles and features need. */
export interface MoveRow {
  id: number
  slug: string
  name_en: string
  name_fr: string | null
  type: string
  category: 'physical' | 'special' | 'status'
  power: number | null
  accuracy: number | null
  pp: number
  priority: number
  crit_ratio: number
  always_crit: boolean
  multi_hit_min: number | null
  multi_hit_max: number | null
  effect_class: string
  showdown_id: string | null
}

/** Everything needed to simulate and predict any matchup, read in one go. */
export interface Roster {
  forms: FormRow[]
  moves: MoveRow[]
  /** form slug → slugs of every move it can use in battle (any learn method, inherited included). */
  learnable: Map<string, string[]>
  /** [attacking slug, defending slug, multiplier] for the 324 cells. */
  chart: [string, string, number][]
}

export interface PokedexReader {
  /** The 18 types ordered by id. */
  listTypes(): Promise<TypeRow[]>
  /** All 324 cells. */
  typeChart(): Promise<TypeChartRow[]>
  /** Forms, moves, learnability and type chart in one read (battles, datasets, predictions). */
  roster(): Promise<Roster>
  /** True when the ETL has loaded data (used by `bun run start` and readiness). */
  isLoaded(): Promise<boolean>
  /**
   * The whole Pokédex with lookup indexes, for read endpoints and pages. Read once per ETL run
   * and shared between calls (a call costs one small query while the data is unchanged): never
   * mutate what it returns.
   */
  catalogue(): Promise<PokedexCatalogue>
}

/** The six battle stats, in the games' order. */
export const STAT_KEYS = ['hp', 'atk', 'def', 'spa', 'spd', 'spe'] as const
export type StatKey = (typeof STAT_KEYS)[number]

/** Base stats and their sum. */
export type BaseStats = Record<StatKey | 'total', number>

/** A battle form (base, Alolan, Mega or partner) with everything a Pokédex page shows. */
export interface PokemonEntry {
  id: number
  slug: string
  /** = national dex number (Meltan 808, Melmetal 809). */
  species_id: number
  form: FormRow['form']
  name_en: string
  name_fr: string | null
  /** Type ids in slot order (1 or 2). */
  type_ids: readonly number[]
  stats: Readonly<BaseStats>
  /** Rank of each stat among all forms: 1 = highest; equal values share a rank (1, 2, 2, 4). */
  stat_rank: Readonly<BaseStats>
  /** Multiplier of each of the 18 attacking types on this form's type combination, by type id. */
  weaknesses: readonly { type_id: number; multiplier: number }[]
  height_m: number | null
  weight_kg: number | null
  sprite_front: string | null
  sprite_shiny: string | null
  sprite_artwork: string | null
}

/** A species: evolution link (how it evolves from its parent) and flavour texts. */
export interface SpeciesEntry {
  id: number
  slug: string
  name_en: string
  name_fr: string | null
  evolves_from_id: number | null
  evolution_trigger: string | null
  evolution_level: number | null
  evolution_item: string | null
  flavor_en: string | null
  flavor_fr: string | null
}

/** A move with every stored field (LGPE values): the battle fields of `MoveRow` plus the rest. */
export interface MoveEntry extends Omit<MoveRow, 'type' | 'showdown_id'> {
  type_id: number
  recoil: number | null
  drain: number | null
  secondary: string | null
  description_en: string | null
  description_fr: string | null
}

export type LearnMethod = 'start' | 'evolution' | 'level-up' | 'tm' | 'tutor' | 'inherited'

/** One learnset row: a move learned at two levels is two entries. */
export interface LearnsetEntry {
  pokemon_id: number
  move_id: number
  method: LearnMethod
  /** 0 = known at start; null for TM, tutor, inherited. */
  level: number | null
  tm: number | null
  /** The pre-evolution form an `inherited` move comes from. */
  ancestor_id: number | null
}

/**
 * The Pokédex read in one go, with indexes. Lists are in id order, except learnsets: by
 * method (start, evolution, level-up, tm, tutor, inherited), then level, then TM number.
 */
export interface PokedexCatalogue {
  types: readonly TypeRow[]
  chart: readonly TypeChartRow[]
  species: readonly SpeciesEntry[]
  pokemon: readonly PokemonEntry[]
  moves: readonly MoveEntry[]
  typeById: ReadonlyMap<number, TypeRow>
  speciesById: ReadonlyMap<number, SpeciesEntry>
  pokemonById: ReadonlyMap<number, PokemonEntry>
  pokemonBySlug: ReadonlyMap<string, PokemonEntry>
  moveById: ReadonlyMap<number, MoveEntry>
  moveBySlug: ReadonlyMap<string, MoveEntry>
  /** pokemon id → its learnset entries (empty list when none). */
  learnsetByPokemon: ReadonlyMap<number, readonly LearnsetEntry[]>
  /** move id → the learnset entries that teach it, in pokemon id order. */
  learnersByMove: ReadonlyMap<number, readonly LearnsetEntry[]>
}

/** @example const pokedex = ctx.services.get(pokedexRef) */
export const pokedexRef = createServiceRef<PokedexReader>('etl.pokedex')
