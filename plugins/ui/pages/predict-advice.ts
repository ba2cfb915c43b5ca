import type { PairPrediction, Predictor } from '../../../core/contracts/predictor.ts'

/** A damage roll range as shares of the target's HP (0.45 = 45 %), critical hits apart. */
export interface DamageRange {
  min: number
  max: number
  critMin?: number
  critMax?: number
}

/** The chance (0–1) that `hits` hits knock the target out; 1 = guaranteed. */
export interface KoChance {
  hits: number
  chance: number
}

/** What one side's move does to the other, as far as the advice knows it. */
export interface Outlook {
  /** Mean damage per turn as a share of the target's HP (the model's features). */
  damagePerTurn?: number
  /** Hits needed on average (≥ 99 = never). */
  hitsToKo?: number
  /** Exact damage rolls, when the advice computes them. */
  range?: DamageRange
  /** KO chance in the fewest hits that can KO, when known. */
  ko?: KoChance
}

/** The advice for one of your moves, as the result view shows it. */
export interface MoveAdvice {
  /** Your move (slug). */
  move: string
  /** Your chance to win using it every turn, against the opponent's most dangerous reply. */
  winProbability: number
  /** How the probability was obtained, when the advice says it. */
  method?: 'exact' | 'sampled' | 'model'
  /** The opponent's most dangerous reply (slug). */
  reply: string
  yours: Outlook
  theirs: Outlook
}

export interface AdviceRequest {
  a: string
  movesA: readonly string[]
  b: string
  movesB: readonly string[]
}

/** Ranks your moves, best first. */
export type Advise = (request: AdviceRequest) => Promise<MoveAdvice[]>

const outlook = (o: PairPrediction['a']): Outlook => ({ damagePerTurn: o.damageShare, hitsToKo: o.hitsToKo })

/**
 * The one place the predictor page asks for a ranking: every pair (your move × its move) is
 * scored by the model, each of your moves keeps the opponent's reply that minimises your chance,
 * and moves that cannot hurt go last. Why one small function: it is the seam where the exact
 * battle solver's advice service replaces the model; the view reads only `MoveAdvice`.
 *
 * @example
 * const advise = createAdvisor(predictor)
 * const ranked = await advise({ a: 'pikachu', movesA: ['thunderbolt'], b: 'gengar', movesB: ['shadow-ball'] })
 */
export function createAdvisor(predictor: Predictor): Advise {
  return async ({ a, movesA, b, movesB }) => {
    const scored = await predictor.predictPairs(
      movesA.flatMap((moveA) => movesB.map((moveB) => ({ a, moveA, b, moveB }))),
    )
    return movesA
      .map((move, i) => {
        const replies = movesB.map((reply, j) => ({ reply, p: scored[i * movesB.length + j]! }))
        const worst = replies.reduce((x, y) => (y.p.winProbability < x.p.winProbability ? y : x))
        return {
          move,
          winProbability: worst.p.winProbability,
          method: 'model' as const,
          reply: worst.reply,
          yours: outlook(worst.p.a),
          theirs: outlook(worst.p.b),
        }
      })
      .sort(
        (x, y) =>
          Number((y.yours.damagePerTurn ?? 0) > 0) - Number((x.yours.damagePerTurn ?? 0) > 0) ||
          y.winProbability - x.winProbability,
      )
  }
}
