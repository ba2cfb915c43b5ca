import { z } from '@hono/zod-openapi'
import { nameFields } from './common.ts'

const ref = z.string().min(1).max(60)

export const BestMoveRequestSchema = z
  .object({
    pokemon_a: ref.openapi({ description: 'Your Pokémon: id or slug', example: 'pikachu' }),
    moves_a: z
      .array(ref)
      .min(1)
      .max(20)
      .openapi({
        description: 'Its candidate moves (1–20; usually the 4 it knows): ids or slugs',
        example: ['thunderbolt', 'quick-attack', 'iron-tail', 'thunder-wave'],
      }),
    pokemon_b: ref.openapi({ description: 'The opponent: id or slug', example: 'squirtle' }),
    moves_b: z
      .array(ref)
      .min(1)
      .max(20)
      .optional()
      .openapi({
        description: 'The opponent’s moves; default: every damaging move it can use',
        example: ['water-gun', 'bite', 'tackle'],
      }),
  })
  .strict()
  .openapi('BestMoveRequest')

export const MatchupRequestSchema = z
  .object({
    matchups: z
      .array(
        z
          .object({ pokemon_a: ref, move_a: ref, pokemon_b: ref, move_b: ref })
          .strict()
          .openapi({
            example: {
              pokemon_a: 'pikachu',
              move_a: 'thunderbolt',
              pokemon_b: 'squirtle',
              move_b: 'water-gun',
            },
          }),
      )
      .min(1)
      .max(100),
  })
  .strict()
  .openapi('MatchupRequest')

export const MoveRefSchema = z
  .object({
    id: z.number().int(),
    slug: z.string().openapi({ example: 'thunderbolt' }),
    ...nameFields('Thunderbolt', 'Tonnerre'),
    type: z.string().openapi({ example: 'electric' }),
    category: z.enum(['physical', 'special', 'status']),
    power: z.number().int().nullable(),
    accuracy: z.number().int().nullable(),
    priority: z.number().int(),
  })
  .openapi('PredictMoveRef')

export const OutlookSchema = z
  .object({
    damage_share: z
      .number()
      .openapi({ description: 'Mean damage per turn as a share of the target’s HP', example: 0.62 }),
    hits_to_ko: z
      .number()
      .int()
      .openapi({ description: 'Successful hits to KO (99 = cannot KO)', example: 2 }),
    turns_to_ko: z.number().openapi({
      description: 'Expected turns to KO with misses and charge turns (99 = cannot KO)',
      example: 2.1,
    }),
    type_multiplier: z.number().openapi({ example: 2 }),
    stab: z.boolean(),
  })
  .openapi('MoveOutlook')

export const PokemonRefSchema = z
  .object({ id: z.number().int(), slug: z.string(), ...nameFields('Pikachu', 'Pikachu') })
  .openapi('PredictPokemonRef')

export const ModelRefSchema = z
  .object({ version: z.number().int().nullable(), dir: z.string(), sha256: z.string() })
  .openapi('ModelRef')

export const RankedMoveSchema = z
  .object({
    rank: z.number().int().openapi({ example: 1 }),
    move: MoveRefSchema,
    win_probability: z
      .number()
      .openapi({ description: 'P(A wins) against B’s best reply to this move', example: 0.91 }),
    best_reply: z.object({
      move: MoveRefSchema,
      a: OutlookSchema,
      b: OutlookSchema,
      a_moves_first: z.number(),
    }),
    replies: z
      .array(z.object({ move: z.string(), win_probability: z.number() }))
      .openapi({ description: 'Every reply of B with A’s win probability, worst for A first' }),
  })
  .openapi('RankedMove')

export const BestMoveResponseSchema = z
  .object({
    model: ModelRefSchema,
    pokemon_a: PokemonRefSchema,
    pokemon_b: PokemonRefSchema,
    recommended_move: z.string().openapi({ example: 'thunderbolt' }),
    win_probability: z.number().openapi({ example: 0.91 }),
    moves: z.array(RankedMoveSchema),
  })
  .openapi('BestMoveResponse')

export const MatchupResponseSchema = z
  .object({
    model: ModelRefSchema,
    results: z.array(
      z.object({
        pokemon_a: z.string(),
        move_a: z.string(),
        pokemon_b: z.string(),
        move_b: z.string(),
        win_probability: z.number(),
        a: OutlookSchema,
        b: OutlookSchema,
        a_moves_first: z.number(),
      }),
    ),
  })
  .openapi('MatchupResponse')
