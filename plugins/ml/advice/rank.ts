import type { Advice, PairOutcome, RankedMove } from '../../../core/contracts/advisor.ts'

/**
 * The decision, in one place: for each of A's moves, B's reply is the one that minimises A's win
 * probability (ties: the one that wins most for B, then B's move order); A's moves are ranked by
 * that worst case (ties: the one that loses least, then A's move order).
 *
 * @example
 * rankMoves('pikachu', 'squirtle', ['thunderbolt', 'tackle'], ['tackle'], outcomes, false).recommended
 */
export function rankMoves(
  a: string,
  b: string,
  movesA: readonly string[],
  movesB: readonly string[],
  outcomes: readonly PairOutcome[],
  defaultReplies: boolean,
): Advice {
  const ranked: RankedMove[] = movesA.map((move, i) => {
    const replies = movesB
      .map((_, j) => ({ outcome: outcomes[i * movesB.length + j]!, order: j }))
      .sort(
        (x, y) =>
          x.outcome.winProbability - y.outcome.winProbability ||
          y.outcome.lossProbability - x.outcome.lossProbability ||
          x.order - y.order,
      )
      .map((r) => r.outcome)
    const reply = replies[0]!
    return { move, winProbability: reply.winProbability, method: reply.method, reply, replies }
  })
  const order = new Map(movesA.map((m, i) => [m, i]))
  ranked.sort(
    (x, y) =>
      y.winProbability - x.winProbability ||
      x.reply.lossProbability - y.reply.lossProbability ||
      order.get(x.move)! - order.get(y.move)!,
  )
  const best = ranked[0]!
  return {
    a,
    b,
    recommended: best.move,
    winProbability: best.winProbability,
    method: best.method,
    moves: ranked,
    defaultReplies,
  }
}
