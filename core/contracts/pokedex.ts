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
}

/** @example const pokedex = ctx.services.get(pokedexRef) */
export const pokedexRef = createServiceRef<PokedexReader>('etl.pokedex')
