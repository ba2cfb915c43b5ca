import { createServiceRef } from '../services.ts'

/**
 * "What should I click now, and how likely am I to win if both of us play perfectly from here?"
 * — the battle as a two-player zero-sum game with simultaneous moves, solved exactly under the
 * engine's rules (every turn start is a small matrix game; see docs/optimal.md). Provided by the
 * ml plugin; the API (`POST /api/v1/predict/optimal`) and the predictor page translate it.
 */

/** A side's situation mid-battle, as a player reads it on screen. */
export interface OptimalSideState {
  /** HP left, 1 … max HP. */
  hp: number
  /** '', 'par', 'brn', 'psn', 'tox', 'slp', 'frz'. */
  status?: string
  /** For 'slp': turns it still cannot move (1–3). */
  sleepTurns?: number
  /** For 'tox': turns already hurt by Toxic. */
  toxicTurns?: number
  /** Stat stages, −6 … 6 (atk, def, spa, spd, spe, accuracy, evasion). */
  boosts?: Partial<Record<string, number>>
  /** PP used per move, in the order of the moves. */
  ppUsed?: number[]
}

export interface OptimalRequest {
  /** Form slugs and move slugs of the Pokédex (1–4 moves a side). */
  a: string
  movesA: string[]
  b: string
  /** Default: B's 4 damaging moves with the most expected damage on A. */
  movesB?: string[]
  /** Where the battle stands; default: both at full HP, nothing happened yet. */
  state?: { a: OptimalSideState; b: OptimalSideState }
}

/** An action and how often optimal play takes it. */
export interface ChoiceShare {
  /** Move slug, or `struggle` / `recharge`. */
  move: string
  probability: number
}

/**
 * A side's optimal choice over the (HP of A, HP of B) grid in the battle's plain state: for A's HP
 * a = 1 … hiA, `runs[a − 1]` is `[firstHpB, choice, firstHpB, choice, …]` over B's HP 1 … hiB;
 * choice = index into that side's moves, 4 = Struggle, −1 = a mix of moves.
 */
export interface PolicyGrid {
  hiA: number
  hiB: number
  runs: number[][]
}

export interface OptimalAdvice {
  a: string
  b: string
  movesA: string[]
  movesB: string[]
  /** HP at the start of the solve and max HP, per side. */
  hp: { a: number; b: number }
  maxHp: { a: number; b: number }
  /** P(A wins) under optimal play of both sides: the value of the game. */
  winProbability: number
  lossProbability: number
  /** P(nobody wins within the engine's 200-turn cap). */
  drawProbability: number
  /** Bound on what the computation left open. */
  unresolved: number
  /** The move A should use now (the most likely one of its optimal strategy). */
  recommended: string
  strategyA: ChoiceShare[]
  strategyB: ChoiceShare[]
  policyA: PolicyGrid
  policyB: PolicyGrid
  /**
   * The fixed-move figure the predictor's ranking shows: A repeats its best move, B repeats its
   * worst reply (exact fixed-move solver; null mid-battle or for an unmodelled pair). B choosing
   * every turn may do much better than that.
   */
  fixed: { move: string; reply: string; winProbability: number } | null
  /** A's best single move when B chooses every turn (a single-agent problem over the same game). */
  single: { move: string; winProbability: number }
  /** winProbability − single.winProbability (≥ 0): what choosing each turn is worth to A. */
  gain: number
  expectedTurns: number
  states: { total: number; turnStarts: number; cells: number }
  elapsedMs: number
}

/**
 * Errors (codes on KernelErrors): `OPTIMAL_STATE_LIMIT`, `OPTIMAL_CELL_LIMIT`, `OPTIMAL_TIME_LIMIT`
 * (the game is over a budget: 422 naming it), `OPTIMAL_UNSUPPORTED` (a move whose multi-move
 * behaviour is not modelled: 422), `OPTIMAL_BAD_STATE` (impossible state; `field` names it, e.g.
 * `state.a.hp`: 400), `OPTIMAL_BUSY` (too many solves waiting: 503).
 */
export interface OptimalPlay {
  solve(request: OptimalRequest): Promise<OptimalAdvice>
}

/** @example const optimal = ctx.services.get(optimalPlayRef) */
export const optimalPlayRef = createServiceRef<OptimalPlay>('ml.optimal')
