import { z } from '@hono/zod-openapi'
import { MoveRefSchema, PokemonRefSchema } from './predict.ts'
import { sidesFields } from './sides.ts'

const stage = z.number().int().min(-6).max(6)

export const OptimalSideStateSchema = z
  .object({
    hp: z.number().int().min(1).openapi({ description: 'HP left (1 … max HP)', example: 42 }),
    status: z
      .enum(['', 'par', 'brn', 'psn', 'tox', 'slp', 'frz'])
      .optional()
      .openapi({ description: 'Major status: paralysis, burn, poison, bad poison (Toxic), sleep, freeze' }),
    sleep_turns: z
      .number()
      .int()
      .min(1)
      .max(3)
      .optional()
      .openapi({ description: 'Asleep: turns it still cannot move (required with `slp`)' }),
    toxic_turns: z
      .number()
      .int()
      .min(0)
      .max(15)
      .optional()
      .openapi({ description: 'Badly poisoned: turns already hurt (the next hurts (n + 1)/16)' }),
    boosts: z
      .object({ atk: stage, def: stage, spa: stage, spd: stage, spe: stage, accuracy: stage, evasion: stage })
      .partial()
      .strict()
      .optional()
      .openapi({ description: 'Stat stages, −6 … 6', example: { atk: 2 } }),
    pp_used: z
      .array(z.number().int().min(0))
      .max(4)
      .optional()
      .openapi({ description: 'PP used per move, in the order of the moves', example: [3, 0, 0, 0] }),
  })
  .strict()
  .openapi('OptimalSideState')

export const OptimalRequestSchema = z
  .object({
    ...sidesFields({
      maxMoves: 4,
      movesA: {
        description: 'Its moves (1–4)',
        example: ['thunderbolt', 'quick-attack', 'iron-tail', 'thunder'],
      },
      pokemonBExample: 'charmander',
      movesB: {
        description:
          'The opponent’s moves (1–4); default: its 4 damaging moves with the most expected damage',
        example: ['flamethrower', 'scratch', 'ember', 'slash'],
      },
    }),
    state: z.object({ a: OptimalSideStateSchema, b: OptimalSideStateSchema }).strict().optional().openapi({
      description: 'Where the battle stands ("what now?"); default: full HP, nothing happened yet',
    }),
  })
  .strict()
  .openapi('OptimalRequest')

const ChoiceSchema = z
  .object({
    move: z.string().openapi({ description: 'Move slug, `struggle` or `recharge`', example: 'thunderbolt' }),
    probability: z.number().openapi({ example: 1 }),
  })
  .openapi('OptimalChoice')

const PolicyGridSchema = z
  .object({
    hp_a_max: z.number().int().openapi({ description: 'Rows: A’s HP 1 … hp_a_max' }),
    hp_b_max: z.number().int().openapi({ description: 'Columns: B’s HP 1 … hp_b_max' }),
    runs: z.array(z.array(z.number().int())).openapi({
      description:
        'runs[a − 1] = [first B HP, choice, first B HP, choice, …]; choice = index into the side’s moves, 4 = Struggle, −1 = mixed, −2 = no battle from the start reaches this cell (not valued), −3 (side a only) = A has lost whatever it plays here: every move is worth 0 (side b’s grid shows the move that keeps it so)',
      example: [[1, 0, 55, 3]],
    }),
  })
  .openapi('OptimalPolicyGrid')

export const OptimalResponseSchema = z
  .object({
    method: z.literal('exact'),
    pokemon_a: PokemonRefSchema,
    pokemon_b: PokemonRefSchema,
    moves_a: z.array(MoveRefSchema),
    moves_b: z.array(MoveRefSchema),
    hp: z
      .object({ a: z.number().int(), b: z.number().int() })
      .openapi({ description: 'HP where the answer starts' }),
    max_hp: z.object({ a: z.number().int(), b: z.number().int() }),
    win_probability: z.number().openapi({
      description: 'P(A wins) when both sides play optimally from here: the value of the game',
      example: 0.745,
    }),
    loss_probability: z.number().openapi({ example: 0.255 }),
    draw_probability: z
      .number()
      .openapi({ description: 'P(nobody wins within the 200-turn cap)', example: 0 }),
    unresolved: z
      .number()
      .openapi({ description: 'Bound on what the computation left open', example: 1e-12 }),
    recommended_move: z
      .string()
      .openapi({ description: 'What to click now (A’s most likely optimal move)', example: 'thunderbolt' }),
    strategy_a: z
      .array(ChoiceSchema)
      .openapi({ description: 'A’s optimal strategy now (mixed where bluffing matters)' }),
    strategy_b: z.array(ChoiceSchema),
    policy: z.object({ a: PolicyGridSchema, b: PolicyGridSchema }).openapi({
      description: 'Each side’s optimal choice over the HP grid (plain state: no new status or stage)',
    }),
    fixed_best: z
      .object({ move: z.string(), reply: z.string(), win_probability: z.number() })
      .nullable()
      .openapi({
        description:
          'The fixed-move figure of the predictor’s ranking: A’s best move used every turn against B’s worst reply, also used every turn (null mid-battle). B choosing its move every turn can do much better.',
      }),
    single_best: z.object({ move: z.string(), win_probability: z.number() }).openapi({
      description: 'A’s best single move used every turn while B chooses its move every turn',
    }),
    gain: z.number().openapi({
      description:
        'win_probability − single_best.win_probability (≥ 0): what choosing every turn is worth to A',
      example: 0.02,
    }),
    expected_turns: z.number(),
    states: z.object({ total: z.number().int(), turn_starts: z.number().int(), cells: z.number().int() }),
    elapsed_ms: z.number(),
  })
  .openapi('OptimalResponse')
