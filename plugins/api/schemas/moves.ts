import { z } from '@hono/zod-openapi'
import type { MoveEntry, PokedexCatalogue } from '../../../core/contracts/pokedex.ts'
import { type Lang, nameFields, names, TypeRefSchema, typeRef } from './common.ts'
import { pageSchema } from './page.ts'

export const MoveSummarySchema = z
  .object({
    id: z.number().int().openapi({ description: 'The games’ move number (= PokéAPI id)', example: 729 }),
    slug: z.string().openapi({ example: 'zippy-zap' }),
    ...nameFields('Zippy Zap', 'Pika-Sprint'),
    type: TypeRefSchema,
    category: z.enum(['physical', 'special', 'status']).openapi({ example: 'physical' }),
    power: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'LGPE base power; null for status and variable-power moves', example: 50 }),
    accuracy: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Percent; null = never misses', example: 100 }),
    pp: z.number().int().openapi({ example: 15 }),
    priority: z.number().int().openapi({ description: '+2 moves go before +1 and 0 moves', example: 2 }),
    effect_class: z.string().openapi({
      description: 'What the move does in battle (damage, multi-hit, priority, healing, …); see docs/data.md',
      example: 'priority',
    }),
  })
  .openapi('MoveSummary')

/** How a Pokémon learns one move (every method and level: a move learned twice is two entries). */
export const MoveLearnSchema = z
  .object({
    method: z
      .enum(['start', 'evolution', 'level-up', 'tm', 'tutor', 'inherited'])
      .openapi({ example: 'level-up' }),
    level: z.number().int().nullable().openapi({ example: 26 }),
    tm: z.number().int().nullable().openapi({ example: null }),
  })
  .openapi('MoveLearn')

/** A list item; with `?pokemon=`, how that Pokémon learns the move (`learn`). */
export const MoveListItemSchema = MoveSummarySchema.extend({
  learn: z.array(MoveLearnSchema).optional().openapi({
    description: 'Only with ?pokemon=: how that Pokémon learns this move (method, level, TM number)',
  }),
}).openapi('MoveListItem')

export const MovePageSchema = pageSchema(MoveListItemSchema, 'MovePage')

export const MoveLearnerSchema = z
  .object({
    id: z.number().int().openapi({ description: 'Pokémon id', example: 10009 }),
    slug: z.string().openapi({ example: 'pikachu-starter' }),
    ...nameFields('Partner Pikachu', 'Pikachu Partenaire'),
    method: z
      .enum(['start', 'evolution', 'level-up', 'tm', 'tutor', 'inherited'])
      .openapi({ example: 'tutor' }),
    level: z.number().int().nullable().openapi({ example: null }),
    tm: z.number().int().nullable().openapi({ example: null }),
  })
  .openapi('MoveLearner')

export const MoveDetailSchema = MoveSummarySchema.extend({
  crit_ratio: z.number().int().openapi({ description: 'Critical-hit stage (1 = normal rate)', example: 1 }),
  always_crit: z.boolean().openapi({ example: true }),
  multi_hit: z
    .object({ min: z.number().int(), max: z.number().int() })
    .nullable()
    .openapi({ description: 'Hits per use for multi-hit moves', example: null }),
  recoil: z
    .number()
    .nullable()
    .openapi({ description: 'Fraction of damage dealt taken back', example: null }),
  drain: z.number().nullable().openapi({ description: 'Fraction of damage dealt healed', example: null }),
  secondary: z.string().nullable().openapi({ description: 'Secondary effect, in English', example: null }),
  description: z.string().nullable().openapi({ description: 'In the `lang` language', example: null }),
  description_en: z.string().nullable().openapi({ example: 'Nearly always goes first. Always crits.' }),
  description_fr: z.string().nullable().openapi({ example: null }),
  learned_by: z.array(MoveLearnerSchema).openapi({
    description: 'Every Pokémon that can use it, one entry per learn method and level, in dex order',
  }),
}).openapi('MoveDetail')

/**
 * One move as list items show it.
 *
 * @example
 * moveSummary(catalogue.moveBySlug.get('zippy-zap')!, catalogue, 'en')
 */
export function moveSummary(m: MoveEntry, catalogue: PokedexCatalogue, lang: Lang) {
  return {
    id: m.id,
    slug: m.slug,
    ...names(m, lang),
    type: typeRef(catalogue.typeById.get(m.type_id)!, lang),
    category: m.category,
    power: m.power,
    accuracy: m.accuracy,
    pp: m.pp,
    priority: m.priority,
    effect_class: m.effect_class,
  }
}

/** Everything about a move, with who learns it (in national dex order, then form id). */
export function moveDetail(m: MoveEntry, catalogue: PokedexCatalogue, lang: Lang) {
  const learners = (catalogue.learnersByMove.get(m.id) ?? []).map((l) => ({
    pokemon: catalogue.pokemonById.get(l.pokemon_id)!,
    entry: l,
  }))
  learners.sort((a, b) => a.pokemon.species_id - b.pokemon.species_id || a.pokemon.id - b.pokemon.id)
  return {
    ...moveSummary(m, catalogue, lang),
    crit_ratio: m.crit_ratio,
    always_crit: m.always_crit,
    multi_hit:
      m.multi_hit_min === null || m.multi_hit_max === null
        ? null
        : { min: m.multi_hit_min, max: m.multi_hit_max },
    recoil: m.recoil,
    drain: m.drain,
    secondary: m.secondary,
    description: lang === 'fr' ? m.description_fr : m.description_en,
    description_en: m.description_en,
    description_fr: m.description_fr,
    learned_by: learners.map(({ pokemon, entry }) => ({
      id: pokemon.id,
      slug: pokemon.slug,
      ...names(pokemon, lang),
      method: entry.method,
      level: entry.level,
      tm: entry.tm,
    })),
  }
}
