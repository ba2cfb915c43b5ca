/**
 * The normalised intermediate model every ETL source extracts into.
 *
 * Why one model: each source (Showdown data on npm, PokéAPI, Poképédia, CSV files) knows a different
 * part of the truth. Extractors translate their source into these shapes, the reconciler merges them
 * field by field with a documented precedence, and only then does anything touch the database. A
 * source that knows nothing about a field leaves it `undefined` (never a made-up default), so the
 * reconciler can tell "unknown" from "known to be empty".
 *
 * Identifiers are stable slugs in PokéAPI style (`pikachu`, `pikachu-starter`, `raichu-alola`,
 * `charizard-mega-x`, `zippy-zap`, `fire`), never database ids.
 */

import type { TypeSlug } from '../../core/contracts/types.ts'

export { TYPE_SLUGS, type TypeSlug } from '../../core/contracts/types.ts'

export type FormKind = 'base' | 'alola' | 'mega' | 'partner'
export type MoveCategory = 'physical' | 'special' | 'status'

/**
 * What a move does, at the granularity the predecessor's `damage_type` distinguished (and a bit finer).
 * Order of precedence when several apply is documented in docs/data.md.
 */
export const EFFECT_CLASSES = [
  'damage', // plain damaging move
  'multi-hit', // hits 2-5 times or a fixed number > 1
  'two-turn', // charges or is semi-invulnerable on turn one (Solar Beam, Fly, Dig…)
  'recharge', // must recharge after (Hyper Beam)
  'priority', // damaging with priority > 0
  'fixed-damage', // Dragon Rage, Sonic Boom, Seismic Toss, Night Shade, Super Fang, Psywave
  'ohko', // Fissure, Guillotine, Horn Drill, Sheer Cold
  'counter', // Counter, Mirror Coat, Bide
  'recoil', // damages the user (Double-Edge, Take Down…)
  'drain', // heals the user by a share of damage (Absorb, Mega Drain…)
  'self-destruct', // user faints (Self-Destruct, Explosion)
  'weight-based', // power from the target's weight (Low Kick)
  'variable-power', // power computed at run time (Pika Papow, Veevee Volley, Psywave…)
  'healing', // heals the user (Recover, Rest…)
  'protect', // Protect, Detect
  'stat-change', // status move changing stats
  'status-condition', // status move inflicting sleep/paralysis/poison/burn/confusion
  'field', // screens, weather, hazards…
  'other', // any other status move
] as const
export type EffectClass = (typeof EFFECT_CLASSES)[number]

/** Names in the two languages PredictionDex speaks. */
export interface Names {
  en?: string
  fr?: string
}

export interface TypeRecord {
  slug: TypeSlug
  names: Names
}

/** One cell of the 18×18 chart: damage multiplier of `attacking` moves on a pure `defending` type. */
export interface TypeChartCell {
  attacking: TypeSlug
  defending: TypeSlug
  multiplier: 0 | 0.5 | 1 | 2
}

export type EvolutionTrigger = 'level' | 'stone' | 'trade' | 'friendship' | 'other'

export interface SpeciesRecord {
  /** Slug of the species' base form (`pikachu`, `meltan`). */
  slug: string
  nationalDex: number
  names: Names
  /** Species slug this one evolves from, if any. */
  evolvesFrom?: string
  evolution?: { trigger: EvolutionTrigger; level?: number; item?: string; detail?: string }
  /** LGPE Pokédex flavour texts. */
  flavorText?: Names
}

export interface BaseStats {
  hp: number
  atk: number
  def: number
  spa: number
  spd: number
  spe: number
}

export interface PokemonRecord {
  /** Stable slug of the battle form (`raichu-alola`, `charizard-mega-x`, `pikachu-starter`). */
  slug: string
  species: string
  form: FormKind
  names: Names
  types: [TypeSlug] | [TypeSlug, TypeSlug]
  stats: BaseStats
  /** Metres. */
  heightM?: number
  /** Kilograms. */
  weightKg?: number
  sprites?: { front?: string; shiny?: string; artwork?: string }
  /** Showdown id, kept so the battle engine can be driven from database rows (`raichualola`). */
  showdownId?: string
}

export interface MoveRecord {
  slug: string
  /** The games' move number (= PokéAPI's move id); our primary key when known. */
  num?: number
  names: Names
  type: TypeSlug
  category: MoveCategory
  /** null = no base power (status moves, fixed-damage and OHKO moves). */
  power: number | null
  /** null = never misses. */
  accuracy: number | null
  pp: number
  priority: number
  /** Critical-hit stage: 1 = normal, 2 = high-crit move; `alwaysCrit` overrides. */
  critRatio: number
  alwaysCrit: boolean
  /** [min, max] hits, only for multi-hit moves. */
  multiHit?: [number, number]
  /** Share of damage dealt returned as recoil (e.g. 0.33), or drained as HP (e.g. 0.5). */
  recoil?: number
  drain?: number
  effectClass: EffectClass
  /** Human-readable one-line summary of the secondary effect, e.g. "30% chance to paralyze". */
  secondary?: string
  descriptions: Names
  showdownId?: string
}

export type LearnMethod = 'level-up' | 'start' | 'evolution' | 'tm' | 'tutor' | 'inherited'

export interface LearnsetEntry {
  pokemon: string
  move: string
  method: LearnMethod
  /** Level for level-up; 0 for start; null otherwise. Every level a move is learned at is its own entry. */
  level: number | null
  /** TM number for method 'tm', when known. */
  tm?: number
  /** For method 'inherited': the pre-evolution slug the move comes from. */
  ancestor?: string
}

/** A row a source could not use, with enough context to find and fix it. */
export interface Reject {
  source: string
  /** file:line, URL + row, or page + table row. */
  locator: string
  raw: string
  reason: string
}

/** What one source extracted. Every collection is optional: a source contributes what it knows. */
export interface Extract {
  source: string
  types?: TypeRecord[]
  typeChart?: TypeChartCell[]
  species?: SpeciesRecord[]
  pokemon?: PokemonRecord[]
  moves?: MoveRecord[]
  learnsets?: LearnsetEntry[]
  rejects: Reject[]
  warnings: string[]
}
