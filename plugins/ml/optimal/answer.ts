import { F, MODE_SIZE, SIDE_SIZE } from '../solver/mode.ts'
import type { TurnNode } from './graph.ts'
import { reachableCells, rowTopOf } from './reach.ts'
import { STRUGGLE } from './setup.ts'
import type { SolvedGame } from './solve.ts'
import { strategyAt } from './strategies.ts'

/** One possible action of a side and how often optimal play takes it. */
export interface ChoiceProbability {
  /** Move id, `struggle`, or `recharge`. */
  readonly move: string
  readonly probability: number
}

/**
 * A side's optimal choice over the (HP of A, HP of B) grid in the battle's plain state (no status
 * or stat change beyond the start's), row by row: `runs[a − 1]` lists `[firstHpB, choice, …]` where
 * choice is the move slot (0-based), 4 for Struggle, −1 where the optimal play mixes, and
 * `UNREACHABLE` (−2) where no battle from the start gets (e.g. just below full HP: the foe's
 * weakest hit takes more), and in A's grid `LOST` (−3) where A has lost whatever it plays. Rows cover A's HP 1…`hiA`, columns B's HP 1…`hiB` (HP above were not
 * reachable from the start either).
 */
/** A cell of a `ChoiceGrid` that no battle from the start reaches (the sweep does not value it). */
export const UNREACHABLE = -2
/**
 * A cell of A's `ChoiceGrid` where A has lost whatever it plays (every move is worth 0: B has a
 * move that keeps A from ever winning, see `doomedRows`): no move to advise. B's grid shows that move.
 */
export const LOST = -3

export interface ChoiceGrid {
  readonly hiA: number
  readonly hiB: number
  readonly runs: readonly (readonly number[])[]
}

/** The answer to "what now, and how likely am I to win if both play perfectly?". */
export interface OptimalAnswer {
  /** P(A wins) under optimal play of both sides (the game's value). */
  readonly winA: number
  /** P(B wins) and P(nobody wins within the engine's 200-turn cap) when both play optimally. */
  readonly winB: number
  readonly cap: number
  /** A bound on what the computation left open (iterations, uncounted PP, pruned cells). */
  readonly unresolved: number
  /** What each side should do now: a probability per action (usually one move with 1). */
  readonly strategyA: readonly ChoiceProbability[]
  readonly strategyB: readonly ChoiceProbability[]
  readonly policyA: ChoiceGrid
  readonly policyB: ChoiceGrid
  readonly expectedTurns: number
  /** lengthDistribution[t − 1] = P(the battle ends at turn t) under optimal play. */
  readonly lengthDistribution: readonly number[]
  /** Work done: discrete states, of which turn starts, and (state, HP) cells valued (the reachable ones). */
  readonly states: { readonly total: number; readonly turnStarts: number; readonly cells: number }
  readonly timings: SolvedGame['timings']
}

/** @example const answer = answerOf(solveGame(…)) */
export function answerOf(solved: SolvedGame): OptimalAnswer {
  const { graph, reach, play, strategies } = solved
  const root = graph.nodes[graph.root] as TurnNode
  const [hpA, hpB] = solved.start
  const cell = (hpA - 1) * reach.hiB[root.id]! + hpB - 1
  const probs = new Float64Array(5)
  const choicesOf = (side: 0 | 1) => {
    const list = side === 0 ? root.rows : root.cols
    strategyAt(strategies, root.id, cell, side, root.rows.length, root.cols.length, probs)
    return list
      .map((cur, i) => ({ move: moveName(solved, side, cur, root), probability: probs[i]! }))
      .filter((choice) => choice.probability > 0)
      .sort((x, y) => y.probability - x.probability)
  }
  const [byA, byB] = play.winsByTurn
  const length = byA.map((p, i) => p + byB[i]!)
  const winB = byB.reduce((x, y) => x + y, 0)
  const cells = reachableCells(reach)
  const plain = plainTurn(solved)
  return {
    winA: solved.value,
    winB,
    cap: play.cap,
    unresolved: solved.residual + solved.ppRisk + play.unresolved,
    strategyA: choicesOf(0),
    strategyB: choicesOf(1),
    policyA: choiceGrid(solved, plain, 0),
    policyB: choiceGrid(solved, plain, 1),
    expectedTurns: length.reduce((sum, p, i) => sum + p * (i + 1), 0) + play.cap * play.turns,
    lengthDistribution: length,
    states: { total: graph.nodes.length, turnStarts: graph.turns.length, cells },
    timings: solved.timings,
  }
}

function moveName(solved: SolvedGame, side: 0 | 1, cur: number, node: TurnNode): string {
  if (cur === STRUGGLE) return 'struggle'
  if (cur === 0 && node.state[side * SIDE_SIZE + F.recharge]! > 0) return 'recharge'
  return solved.game.sides[side].moves[Math.max(0, cur - 1)]!.id
}

/**
 * The turn state players think of as "the battle as it stands": the start's state, or, when the
 * start is the first turn (a side with Fake Out counts its actions), the same state one turn later.
 * Among candidates (same statuses, stages and effects; PP and last move aside), the one valued over
 * the most cells.
 */
function plainTurn(solved: SolvedGame): TurnNode {
  const { graph, reach } = solved
  const root = graph.nodes[graph.root] as TurnNode
  let best = root
  let bestArea = reach.hiA[root.id]! * reach.hiB[root.id]!
  for (const turn of graph.turns) {
    let same = true
    for (let i = 0; i < MODE_SIZE && same; i++) {
      const f = i % SIDE_SIZE
      if (i < 2 * SIDE_SIZE && (f === F.actions || f === F.lastMove)) continue
      if (turn.state[i] !== root.state[i]) same = false
    }
    const area = reach.hiA[turn.id]! * reach.hiB[turn.id]!
    if (same && area > bestArea) {
      best = turn
      bestArea = area
    }
  }
  return best
}

function choiceGrid(solved: SolvedGame, node: TurnNode, side: 0 | 1): ChoiceGrid {
  const hiA = solved.reach.hiA[node.id]!
  const hiB = solved.reach.hiB[node.id]!
  const table = (side === 0 ? solved.strategies.row : solved.strategies.col)[node.id]!
  const list = side === 0 ? node.rows : node.cols
  const runs: number[][] = []
  for (let a = 1; a <= hiA; a++) {
    const row: number[] = []
    let previous = Number.NaN
    const top = rowTopOf(solved.reach, node.id, a)
    const lost = side === 0 && solved.lost !== null && a <= solved.lost.upTo[node.id]!
    for (let b = 1; b <= hiB; b++) {
      const index = table[(a - 1) * hiB + b - 1]!
      const cur = index < 0 ? -1 : list[index]!
      const choice =
        b > top ? UNREACHABLE : lost ? LOST : cur < 0 ? -1 : cur === STRUGGLE ? 4 : Math.max(0, cur - 1)
      if (choice !== previous) row.push(b, choice)
      previous = choice
    }
    runs.push(row)
  }
  return { hiA, hiB, runs }
}
