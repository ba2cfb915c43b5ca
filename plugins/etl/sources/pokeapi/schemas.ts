/**
 * The parts of PokéAPI's JSON this source reads, as zod schemas.
 *
 * Why schemas: a response missing a field we rely on must become a reject that names the field
 * (`stats.3.base_stat`), not a `TypeError` deep in a mapper or, worse, an `undefined` loaded as
 * data. Everything not listed here is ignored (zod drops unknown keys), so the fixtures only
 * need these fields.
 */
import { z } from 'zod'

export const NamedRef = z.object({ name: z.string(), url: z.string() })
export type NamedRef = z.infer<typeof NamedRef>

const LocalisedName = z.object({ name: z.string(), language: NamedRef })
const nullableUrl = z.string().nullable().optional()

export const PokemonJson = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Decimetres. */
  height: z.number(),
  /** Hectograms. */
  weight: z.number(),
  species: NamedRef,
  sprites: z
    .object({
      front_default: nullableUrl,
      front_shiny: nullableUrl,
      other: z
        .object({ 'official-artwork': z.object({ front_default: nullableUrl }).nullable().optional() })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  stats: z.array(z.object({ base_stat: z.number().int(), stat: NamedRef })),
  types: z.array(z.object({ slot: z.number().int(), type: NamedRef })).min(1),
  moves: z.array(
    z.object({
      move: NamedRef,
      version_group_details: z.array(
        z.object({
          level_learned_at: z.number().int(),
          move_learn_method: NamedRef,
          version_group: NamedRef,
        }),
      ),
    }),
  ),
})
export type PokemonJson = z.infer<typeof PokemonJson>

export const SpeciesJson = z.object({
  /** The national Pokédex number. */
  id: z.number().int(),
  name: z.string(),
  names: z.array(LocalisedName),
  evolution_chain: z.object({ url: z.string() }).nullable(),
  flavor_text_entries: z.array(z.object({ flavor_text: z.string(), language: NamedRef, version: NamedRef })),
})
export type SpeciesJson = z.infer<typeof SpeciesJson>

const EvolutionDetail = z.object({
  trigger: NamedRef,
  min_level: z.number().int().nullable().optional(),
  min_happiness: z.number().int().nullable().optional(),
  item: NamedRef.nullable().optional(),
  held_item: NamedRef.nullable().optional(),
  known_move: NamedRef.nullable().optional(),
  time_of_day: z.string().nullable().optional(),
})
export type EvolutionDetail = z.infer<typeof EvolutionDetail>

export interface ChainLink {
  species: NamedRef
  evolution_details: EvolutionDetail[]
  evolves_to: ChainLink[]
}
const ChainLinkSchema: z.ZodType<ChainLink> = z.lazy(() =>
  z.object({
    species: NamedRef,
    evolution_details: z.array(EvolutionDetail),
    evolves_to: z.array(ChainLinkSchema),
  }),
)

export const EvolutionChainJson = z.object({ id: z.number().int(), chain: ChainLinkSchema })
export type EvolutionChainJson = z.infer<typeof EvolutionChainJson>

export const MoveJson = z.object({
  /** The games' move number. */
  id: z.number().int(),
  name: z.string(),
  power: z.number().int().nullable(),
  accuracy: z.number().int().nullable(),
  pp: z.number().int().nullable(),
  priority: z.number().int(),
  type: NamedRef,
  damage_class: NamedRef,
  names: z.array(LocalisedName),
  flavor_text_entries: z.array(
    z.object({ flavor_text: z.string(), language: NamedRef, version_group: NamedRef }),
  ),
  past_values: z
    .array(
      z.object({
        power: z.number().int().nullable().optional(),
        accuracy: z.number().int().nullable().optional(),
        pp: z.number().int().nullable().optional(),
        type: NamedRef.nullable().optional(),
        version_group: NamedRef,
      }),
    )
    .default([]),
  machines: z
    .array(z.object({ machine: z.object({ url: z.string() }), version_group: NamedRef }))
    .default([]),
})
export type MoveJson = z.infer<typeof MoveJson>

export const MachineJson = z.object({ id: z.number().int(), item: NamedRef, version_group: NamedRef })
export type MachineJson = z.infer<typeof MachineJson>
