import { createServiceRef } from '../services.ts'

/**
 * "Who should my Pokémon fear, and whom does it beat?" — every form ranked as an opponent of one
 * Pokémon with its chosen moves, by the model in one batch (thousands of move pairs: what the
 * model is for), with the exact solver's answer attached for the ends of the ranking. Provided by
 * the ml plugin; the API and the Pokédex page use it.
 */
export interface MatchupsRequest {
  /** Form slug. */
  pokemon: string
  /** 1–4 move slugs it can learn. */
  moves: string[]
  /** Opponents at each end of the ranking that get the exact answer (0–10; default 5). */
  exact?: number
}

/** The exact answer for an opponent's pair, when the solver has it (or is computing it). */
export interface ExactCheck {
  /** `pending`: being solved now; ask again. `sampled`: the solver declined; engine battles. */
  status: 'exact' | 'sampled' | 'pending'
  winProbability?: number
}

export interface OpponentMatchup {
  /** Opponent form slug. */
  opponent: string
  /** P(A wins) with A's best move against this opponent's most dangerous reply (model). */
  winProbability: number
  /** A's move that maximises that worst case. */
  move: string
  /** The opponent's reply that minimises A's chance against that move. */
  reply: string
  exact?: ExactCheck
}

export interface MatchupsReport {
  pokemon: string
  moves: string[]
  /** Every form, most threatening first (lowest win probability for A). */
  opponents: OpponentMatchup[]
  /** Move pairs the model scored for this answer (0 when every table was cached). */
  scoredPairs: number
  model: { dir: string; version: number | null }
}

export interface MatchupRanker {
  /**
   * @throws UsageError `ML_UNKNOWN_POKEMON`, `ML_MOVE_NOT_LEARNABLE`; KernelError `ML_NO_MODEL`.
   */
  rank(request: MatchupsRequest): Promise<MatchupsReport>
  /** The moves a Pokémon is shown with by default: its 4 strongest damaging moves. */
  defaultMoves(pokemon: string): Promise<string[]>
}

/** @example const matchups = ctx.services.get(matchupsRef) */
export const matchupsRef = createServiceRef<MatchupRanker>('ml.matchups')
