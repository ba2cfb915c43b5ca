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

export interface PokedexReader {
  /** The 18 types ordered by id. */
  listTypes(): Promise<TypeRow[]>
  /** All 324 cells. */
  typeChart(): Promise<TypeChartRow[]>
  /** True when the ETL has loaded data (used by `bun run start` and readiness). */
  isLoaded(): Promise<boolean>
}

/** @example const pokedex = ctx.services.get(pokedexRef) */
export const pokedexRef = createServiceRef<PokedexReader>('etl.pokedex')
