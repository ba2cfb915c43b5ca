import { z } from '@hono/zod-openapi'
import { nameFields } from './common.ts'
import { ref, sidesFields } from './sides.ts'

const MethodChoiceSchema = z.enum(['auto', 'exact', 'model']).default('auto').openapi({
  description:
    '`auto` (default): exact answers where the solver covers the pair, engine battles where it does not, the model for pairs whose exact solve exceeds the time budget. `exact`: wait for exact (or engine) answers. `model`: the trained model only.',
})

export const BestMoveRequestSchema = z
  .object({
    ...sidesFields({
      maxMoves: 20,
      movesA: {
        description: 'Its candidate moves (1–20; usually the 4 it knows): ids or slugs',
        example: ['thunderbolt', 'quick-attack', 'iron-tail', 'thunder-wave'],
      },
      pokemonBExample: 'squirtle',
      movesB: {
        description: 'The opponent’s moves; default: every damaging move it can use',
        example: ['water-gun', 'bite', 'tackle'],
      },
    }),
    method: MethodChoiceSchema,
  })
  .strict()
  .openapi('BestMoveRequest')

export const MatchupRequestSchema = z
  .object({
    method: MethodChoiceSchema,
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

export const MethodSchema = z.enum(['exact', 'sampled', 'model']).openapi({
  description:
    '`exact`: computed over every outcome of every turn (engine rules); `sampled`: engine battles (the solver does not model a mechanic of the pair); `model`: the trained model',
})

export const DamageViewSchema = z
  .object({
    no_damage: z
      .boolean()
      .openapi({ description: 'The move cannot hurt the target (immunity, status move)' }),
    min_percent: z.number().openapi({
      description: 'Smallest damage of one use, % of the target’s max HP (no crit)',
      example: 41.2,
    }),
    max_percent: z.number().openapi({ example: 48.7 }),
    crit_min_percent: z.number().nullable(),
    crit_max_percent: z.number().nullable(),
    crit_chance: z.number().openapi({ example: 0.0417 }),
    accuracy: z.number().openapi({ example: 1 }),
    ko_chances: z.array(z.number()).openapi({
      description: 'P(n uses KO from full HP), n = 1…4 — rolls, crits and hit counts, not accuracy',
      example: [0, 1, 1, 1],
    }),
    wording: z.string().openapi({ example: 'guaranteed 2HKO' }),
  })
  .openapi('DamageView')

export const ExactDetailSchema = z
  .object({
    unresolved: z
      .number()
      .openapi({ description: 'Probability the solve left open: a bound on its error', example: 1e-12 }),
    expected_turns: z.number().openapi({ example: 2.7 }),
    length_distribution: z.array(z.number()).openapi({
      description: 'P(the battle ends at turn t), t = 1…; the last entry gathers the rest',
      example: [0.1, 0.6, 0.3],
    }),
    damage: z
      .object({ a: DamageViewSchema, b: DamageViewSchema })
      .openapi({ description: 'A’s move on B, and B’s move on A' }),
  })
  .openapi('ExactDetail')

export const PairOutcomeSchema = z
  .object({
    win_probability: z.number().openapi({ description: 'P(A wins)', example: 0.91 }),
    loss_probability: z.number().openapi({ description: 'P(B wins)', example: 0.09 }),
    draw_probability: z.number().openapi({ description: 'P(draw or the engine’s turn cap)', example: 0 }),
    method: MethodSchema,
    note: z.string().optional().openapi({ description: 'Why the answer is not exact' }),
    exact: ExactDetailSchema.optional(),
    sampled: z
      .object({ battles: z.number().int(), wilson95: z.array(z.number()).length(2) })
      .optional()
      .openapi({ description: 'Engine battles played, with the 95 % Wilson interval of P(A wins)' }),
  })
  .openapi('PairOutcome')

export const PokemonRefSchema = z
  .object({ id: z.number().int(), slug: z.string(), ...nameFields('Pikachu', 'Pikachu') })
  .openapi('PredictPokemonRef')

export const ModelRefSchema = z
  .object({ version: z.number().int().nullable(), dir: z.string(), sha256: z.string() })
  .nullable()
  .openapi('ModelRef', { description: 'The model used for `model` answers (null when none is loaded)' })

export const RankedMoveSchema = z
  .object({
    rank: z.number().int().openapi({ example: 1 }),
    move: MoveRefSchema,
    stab: z.boolean(),
    type_multiplier: z.number().openapi({ description: 'Type effectiveness on B', example: 2 }),
    win_probability: z
      .number()
      .openapi({ description: 'P(A wins) against B’s best reply to this move', example: 0.91 }),
    method: MethodSchema,
    best_reply: PairOutcomeSchema.extend({ move: MoveRefSchema }).openapi({
      description: 'The reply of B that minimises A’s win probability, with its full answer',
    }),
    replies: z
      .array(
        z.object({
          move: z.string(),
          win_probability: z.number(),
          loss_probability: z.number(),
          method: MethodSchema,
        }),
      )
      .openapi({ description: 'Every reply of B, worst for A first' }),
  })
  .openapi('RankedMove')

export const BestMoveResponseSchema = z
  .object({
    method: MethodSchema.openapi({ description: 'How the recommended move’s answer was computed' }),
    model: ModelRefSchema,
    pokemon_a: PokemonRefSchema,
    pokemon_b: PokemonRefSchema,
    recommended_move: z.string().openapi({ example: 'thunderbolt' }),
    win_probability: z.number().openapi({ example: 0.91 }),
    default_replies: z
      .boolean()
      .openapi({ description: 'B’s replies were not given: every damaging move it can use' }),
    moves: z.array(RankedMoveSchema),
  })
  .openapi('BestMoveResponse')

export const MatchupResponseSchema = z
  .object({
    model: ModelRefSchema,
    results: z.array(
      PairOutcomeSchema.extend({
        pokemon_a: z.string(),
        move_a: z.string(),
        pokemon_b: z.string(),
        move_b: z.string(),
      }),
    ),
  })
  .openapi('MatchupResponse')
