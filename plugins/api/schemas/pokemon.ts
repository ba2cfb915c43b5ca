import { z } from '@hono/zod-openapi'
import type { PokedexCatalogue, PokemonEntry } from '../../../core/contracts/pokedex.ts'
import { type Lang, nameFields, names, TypeRefSchema, typeRef } from './common.ts'
import { pageSchema } from './page.ts'

const stat = (example: number) => z.number().int().openapi({ example })

export const StatsSchema = z
  .object({
    hp: stat(35),
    atk: stat(55),
    def: stat(40),
    spa: stat(50),
    spd: stat(50),
    spe: stat(90),
    total: stat(320),
  })
  .openapi('BaseStats', { description: 'Base stats (the games’ species values) and their sum' })

export const PokemonSummarySchema = z
  .object({
    id: z
      .number()
      .int()
      .openapi({ description: 'Base forms: national dex; other forms 10001…', example: 25 }),
    slug: z.string().openapi({ example: 'pikachu' }),
    national_dex: z.number().int().openapi({ example: 25 }),
    form: z.enum(['base', 'alola', 'mega', 'partner']).openapi({ example: 'base' }),
    ...nameFields('Pikachu', 'Pikachu'),
    types: z.array(TypeRefSchema).min(1).max(2).openapi({ description: 'In slot order' }),
    stats: StatsSchema,
    sprite: z
      .string()
      .nullable()
      .openapi({ description: 'Front sprite URL; null when no source provided one', example: null }),
  })
  .openapi('PokemonSummary')

export const PokemonPageSchema = pageSchema(PokemonSummarySchema, 'PokemonPage')

const RankSchema = z.object({
  rank: z.number().int().openapi({ description: '1 = highest; equal values share a rank', example: 31 }),
  of: z.number().int().openapi({ description: 'Number of forms ranked', example: 188 }),
})

export const WeaknessSchema = z
  .object({
    type: TypeRefSchema,
    multiplier: z.number().openapi({ description: '0, 0.25, 0.5, 1, 2 or 4', example: 2 }),
  })
  .openapi('Weakness')

export const WeaknessGroupsSchema = z
  .object({
    immune: z.array(z.string()).openapi({ example: [] }),
    quarter: z.array(z.string()).openapi({ example: [] }),
    half: z.array(z.string()).openapi({ example: ['electric', 'flying', 'steel'] }),
    neutral: z.array(z.string()).openapi({ example: ['normal'] }),
    double: z.array(z.string()).openapi({ example: ['ground'] }),
    quadruple: z.array(z.string()).openapi({ example: [] }),
  })
  .openapi('WeaknessGroups', { description: 'Attacking type slugs grouped by multiplier' })

export const LearnsetEntrySchema = z
  .object({
    id: z.number().int().openapi({ description: 'Move id', example: 729 }),
    slug: z.string().openapi({ example: 'zippy-zap' }),
    ...nameFields('Zippy Zap', 'Pika-Sprint'),
    type: TypeRefSchema,
    category: z.enum(['physical', 'special', 'status']).openapi({ example: 'physical' }),
    power: z.number().int().nullable().openapi({ example: 50 }),
    accuracy: z.number().int().nullable().openapi({ description: 'null = never misses', example: 100 }),
    pp: z.number().int().openapi({ example: 15 }),
    priority: z.number().int().openapi({ example: 2 }),
    method: z
      .enum(['start', 'evolution', 'level-up', 'tm', 'tutor', 'inherited'])
      .openapi({ example: 'tutor' }),
    level: z
      .number()
      .int()
      .nullable()
      .openapi({ description: '0 = known at start; null unless level-based', example: null }),
    tm: z.number().int().nullable().openapi({ example: null }),
    ancestor_slug: z
      .string()
      .nullable()
      .openapi({ description: 'For `inherited`: the pre-evolution that learns it', example: null }),
  })
  .openapi('LearnsetEntry')

export const EvolutionStepSchema = z
  .object({
    id: z.number().int().openapi({ description: 'Species id = national dex = base form id', example: 26 }),
    slug: z.string().openapi({ example: 'raichu' }),
    ...nameFields('Raichu', 'Raichu'),
    stage: z.number().int().openapi({ description: '0 = the root of the line', example: 1 }),
    evolves_from: z.string().nullable().openapi({ example: 'pikachu' }),
    trigger: z.string().nullable().openapi({ example: 'stone' }),
    level: z.number().int().nullable().openapi({ example: null }),
    item: z.string().nullable().openapi({ example: 'thunder-stone' }),
  })
  .openapi('EvolutionStep')

export const PokemonDetailSchema = PokemonSummarySchema.omit({ sprite: true })
  .extend({
    species: z.object({ id: z.number().int(), slug: z.string(), ...nameFields('Pikachu', 'Pikachu') }),
    stat_rank: z.object({
      hp: RankSchema,
      atk: RankSchema,
      def: RankSchema,
      spa: RankSchema,
      spd: RankSchema,
      spe: RankSchema,
      total: RankSchema,
    }),
    height_m: z.number().nullable().openapi({ example: 0.4 }),
    weight_kg: z.number().nullable().openapi({ example: 6 }),
    sprites: z.object({
      front: z.string().nullable().openapi({ example: null }),
      shiny: z.string().nullable().openapi({ example: null }),
      artwork: z.string().nullable().openapi({ example: null }),
    }),
    weaknesses: z.array(WeaknessSchema).openapi({ description: 'The 18 attacking types, by type id' }),
    learnset: z.array(LearnsetEntrySchema).openapi({
      description: 'By method (start, evolution, level-up, tm, tutor, inherited), then level',
    }),
    evolution_line: z.array(EvolutionStepSchema).openapi({
      description: 'The species’ whole family, root first, each after its parent',
    }),
    flavor_text: z.string().nullable().openapi({ description: 'In the `lang` language', example: null }),
    flavor_text_en: z.string().nullable().openapi({ example: null }),
    flavor_text_fr: z.string().nullable().openapi({ example: null }),
  })
  .openapi('PokemonDetail')

export const PokemonWeaknessesSchema = z
  .object({
    pokemon: PokemonSummarySchema.pick({
      id: true,
      slug: true,
      name: true,
      name_en: true,
      name_fr: true,
      types: true,
    }),
    weaknesses: z.array(WeaknessSchema).openapi({ description: 'The 18 attacking types, by type id' }),
    groups: WeaknessGroupsSchema,
  })
  .openapi('PokemonWeaknesses')

/**
 * One Pokémon as list items show it.
 *
 * @example
 * pokemonSummary(catalogue.pokemonById.get(25)!, catalogue, 'fr')
 */
export function pokemonSummary(p: PokemonEntry, catalogue: PokedexCatalogue, lang: Lang) {
  return {
    id: p.id,
    slug: p.slug,
    national_dex: p.species_id,
    form: p.form,
    ...names(p, lang),
    types: p.type_ids.map((id) => typeRef(catalogue.typeById.get(id)!, lang)),
    stats: p.stats,
    sprite: p.sprite_front,
  }
}

/** The 18 multipliers with their types. */
export function weaknessList(p: PokemonEntry, catalogue: PokedexCatalogue, lang: Lang) {
  return p.weaknesses.map((w) => ({
    type: typeRef(catalogue.typeById.get(w.type_id)!, lang),
    multiplier: w.multiplier,
  }))
}

const GROUPS = [
  [0, 'immune'],
  [0.25, 'quarter'],
  [0.5, 'half'],
  [1, 'neutral'],
  [2, 'double'],
  [4, 'quadruple'],
] as const

/** Type slugs grouped by multiplier. */
export function weaknessGroups(p: PokemonEntry, catalogue: PokedexCatalogue) {
  const groups = Object.fromEntries(GROUPS.map(([, name]) => [name, [] as string[]])) as Record<
    (typeof GROUPS)[number][1],
    string[]
  >
  for (const w of p.weaknesses) {
    const group = GROUPS.find(([m]) => m === w.multiplier)
    if (group) groups[group[1]].push(catalogue.typeById.get(w.type_id)!.slug)
  }
  return groups
}
