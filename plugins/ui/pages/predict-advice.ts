import type { Advisor, DamageView } from '../../../core/contracts/advisor.ts'

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

/** A damage view of the advice service as the result view reads it (shares of HP, fewest-hits KO). */
function outlookOf(view: DamageView | undefined): Outlook {
  if (!view) return {}
  if (view.noDamage) return { damagePerTurn: 0, hitsToKo: 99 }
  const hits = view.koChances.findIndex((chance) => chance > 0)
  return {
    range: {
      min: view.minPercent / 100,
      max: view.maxPercent / 100,
      ...(view.critMinPercent !== null && view.critMaxPercent !== null
        ? { critMin: view.critMinPercent / 100, critMax: view.critMaxPercent / 100 }
        : {}),
    },
    ...(hits >= 0 ? { ko: { hits: hits + 1, chance: view.koChances[hits]! } } : { hitsToKo: 99 }),
  }
}

/**
 * The one place the predictor page asks for a ranking: the shared advice service (the same one
 * `POST /api/v1/predict/best-move` uses, so page and API always agree). The view reads only
 * `MoveAdvice`: exact answers bring damage ranges and KO chances; others bring the method only.
 *
 * @example
 * const advise = adviseWith(advisor)
 * const ranked = await advise({ a: 'pikachu', movesA: ['thunderbolt'], b: 'gengar', movesB: ['shadow-ball'] })
 */
export function adviseWith(advisor: Advisor): Advise {
  return async ({ a, movesA, b, movesB }) => {
    const advice = await advisor.rank({ a, movesA: [...movesA], b, movesB: [...movesB] })
    return advice.moves.map((r) => ({
      move: r.move,
      winProbability: r.winProbability,
      method: r.method,
      reply: r.reply.moveB,
      yours: outlookOf(r.reply.exact?.damage.a),
      theirs: outlookOf(r.reply.exact?.damage.b),
    }))
  }
}
