import { createServiceRef } from '../services.ts'

/**
 * "Which move should I use, and how likely am I to win?" — answered in one place for the API and
 * the web app, so the two can never recommend different moves. Provided by the ml plugin.
 *
 * How an answer is computed, per move pair (`method`):
 * - `exact`: the exact solver (every outcome of every turn under the engine's rules);
 * - `sampled`: the pair needs a mechanic the solver does not model (Metronome, Transform, …), so
 *   the real engine played it many times;
 * - `model`: the trained model — when asked for, or when an exact answer would exceed the time
 *   budget (the exact solve then goes on in the background; the next request gets it).
 */
export type AdviceMethod = 'exact' | 'sampled' | 'model'

/** What the caller allows: `auto` = exact where possible, else sampled, model over budget. */
export type MethodChoice = 'auto' | 'exact' | 'model'

/** One move as players read it in damage calculators (from full HP, no stat changes). */
export interface DamageView {
  /** The move cannot hurt the target (immunity, status move, Counter-like). */
  noDamage: boolean
  /** Damage of one use as % of the target's max HP, non-critical rolls (all hits of a multi-hit move). */
  minPercent: number
  maxPercent: number
  /** Same with a critical hit (null when the move cannot crit). */
  critMinPercent: number | null
  critMaxPercent: number | null
  critChance: number
  accuracy: number
  /** P(n uses KO from full HP), n = 1…4: rolls, crits and hit counts, not accuracy. */
  koChances: number[]
  /** "guaranteed 2HKO", "56.3 % chance to OHKO"… (English; pages translate from `koChances`). */
  wording: string
}

/** Extra facts that only an exact answer has. */
export interface ExactDetail {
  /** Probability left unresolved by the solve (a bound on its error). */
  unresolved: number
  expectedTurns: number
  /** P(the battle ends at turn t), t = 1… (the last entry gathers the rest). */
  lengthDistribution: number[]
  /** A's move on B, B's move on A. */
  damage: { a: DamageView; b: DamageView }
}

/** The answer for one fixed pair (A uses `moveA` every turn, B uses `moveB`). */
export interface PairOutcome {
  moveA: string
  moveB: string
  /** P(A wins). */
  winProbability: number
  /** P(B wins). */
  lossProbability: number
  /** P(neither: a draw or the engine's turn cap). */
  drawProbability: number
  method: AdviceMethod
  /** Why the answer is not exact, in plain words (unsupported mechanic, over budget, asked for). */
  note?: string
  exact?: ExactDetail
  /** For `sampled`: engine battles played and the 95 % Wilson interval. */
  sampled?: { battles: number; wilson95: [number, number] }
}

export interface PairRequest {
  /** Form slugs and move slugs of the Pokédex (`pikachu`, `thunderbolt`). */
  a: string
  moveA: string
  b: string
  moveB: string
}

export interface AdviceRequest {
  a: string
  /** A's candidate moves (1–20 slugs). */
  movesA: string[]
  b: string
  /** B's possible replies; default: every damaging move B can learn. */
  movesB?: string[]
  method?: MethodChoice
}

/** A's move with the reply of B that minimises A's chance. */
export interface RankedMove {
  move: string
  winProbability: number
  method: AdviceMethod
  reply: PairOutcome
  /** Every reply considered, most dangerous first. */
  replies: PairOutcome[]
}

export interface Advice {
  a: string
  b: string
  recommended: string
  winProbability: number
  /** Method of the recommended move's answer. */
  method: AdviceMethod
  /** A's moves, best first (highest worst-case win probability). */
  moves: RankedMove[]
  /** True when B's replies were not given and default to its damaging moves. */
  defaultReplies: boolean
}

export interface Advisor {
  /**
   * Ranks A's moves against B's minimising reply.
   * @throws HttpProblem-ready KernelErrors: `ADVICE_NO_REPLY` (B has no move to reply with),
   *   `ML_NO_MODEL` (model asked for, or needed as fallback, and none is loaded).
   */
  rank(request: AdviceRequest): Promise<Advice>
  /** Answers explicit pairs (same methods and fallbacks), in request order. */
  pairs(requests: PairRequest[], method?: MethodChoice): Promise<PairOutcome[]>
  /**
   * The exact (or sampled) answers already known for these pairs, without waiting: unknown ones
   * are `undefined` and start solving in the background (the next call may have them). For callers
   * that rank many pairs with the model and check a few (the matchup ranking).
   */
  known(requests: PairRequest[]): Promise<(PairOutcome | undefined)[]>
  /** Damaging moves a form can use (the default replies of an opponent). */
  defaultReplies(form: string): Promise<string[]>
}

/** @example const advisor = ctx.services.get(advisorRef) */
export const advisorRef = createServiceRef<Advisor>('ml.advisor')
