import type { OptimalAdvice, OptimalSideState } from '../../../core/contracts/optimal.ts'
import type { LgpeEngine } from '../battle/engine.ts'
import { BattleError } from '../battle/errors.ts'
import type { BattlerFactory } from '../solver/battler.ts'
import type { BufferStore } from '../solver/grid.ts'
import type { Solver } from '../solver/index.ts'
import { UnsupportedMechanic } from '../solver/unsupported.ts'
import { answerOf, type OptimalAnswer } from './answer.ts'
import { bestSingleMove } from './best-response.ts'
import { OptimalLimitError } from './errors.ts'
import { type OptimalLimits, solveGame } from './solve.ts'
import { type SideState, StateError } from './start-state.ts'
import type { SweepTeam } from './sweep-team.ts'

/** One optimal-play solve as a worker receives it: engine ids to solve, Pokédex slugs to answer with. */
export interface OptimalJob {
  readonly a: {
    readonly species: string
    readonly moves: readonly string[]
    readonly slug: string
    readonly slugs: readonly string[]
  }
  readonly b: {
    readonly species: string
    readonly moves: readonly string[]
    readonly slug: string
    readonly slugs: readonly string[]
  }
  readonly state?: { readonly a: OptimalSideState; readonly b: OptimalSideState }
  readonly limits: OptimalLimits
}

/** A refusal the client can act on: which code, which field or limit. */
export interface OptimalJobError {
  readonly code: string
  readonly message: string
  readonly field?: string
  readonly limit?: number
}

export interface OptimalTools {
  readonly engine: LgpeEngine
  readonly factory: BattlerFactory
  readonly store: BufferStore
  readonly fixed: Solver
  /** A second thread for the sweep (see `SweepTeam`); none: one thread. */
  readonly team?: SweepTeam
}

/**
 * Solves a job and translates the answer (engine ids → Pokédex slugs), with the comparisons: the
 * best single move against B choosing every turn (the gain), and the predictor's fixed-move figure. Known refusals come back as `{ error }` (never thrown), so a worker can
 * post them as they are.
 *
 * @example runOptimalJob(tools, job).advice?.winProbability
 */
export function runOptimalJob(
  tools: OptimalTools,
  job: OptimalJob,
): { advice?: OptimalAdvice; error?: OptimalJobError } {
  const started = performance.now()
  try {
    const state = job.state ? ([toSideState(job.state.a), toSideState(job.state.b)] as const) : undefined
    const solved = solveGame(
      tools.engine,
      tools.factory,
      tools.store,
      {
        a: { species: job.a.species, moves: job.a.moves },
        b: { species: job.b.species, moves: job.b.moves },
        ...(state ? { state } : {}),
      },
      job.limits,
      tools.team,
    )
    try {
      const answer = answerOf(solved)
      const { fixed, worstByMove: bounds } = job.state ? { fixed: null } : fixedComparison(tools.fixed, job)
      // B repeating its best reply to a move bounds what the move earns against an adaptive B
      const best = bestSingleMove(solved, job.limits.timeLimitMs, {
        store: tools.store,
        ...(tools.team ? { team: tools.team } : {}),
        ...(bounds ? { bounds } : {}),
      })
      const single = { move: job.a.slugs[best.slot]!, winProbability: best.value }
      return {
        advice: adviceOf(
          job,
          answer,
          solved.game.sides.map((s) => s.battlers[0]!.maxhp),
          { fixed, single },
          performance.now() - started,
        ),
      }
    } finally {
      // the answer holds its own copies: the tables go back for the next job
      solved.release()
    }
  } catch (error) {
    if (error instanceof OptimalLimitError)
      return { error: { code: error.code, message: error.message, limit: error.limit } }
    if (error instanceof StateError) {
      return {
        error: {
          code: 'OPTIMAL_BAD_STATE',
          message: error.message,
          field: `state.${error.side === 0 ? 'a' : 'b'}.${error.field}`,
        },
      }
    }
    if (error instanceof UnsupportedMechanic)
      return { error: { code: 'OPTIMAL_UNSUPPORTED', message: error.message } }
    if (error instanceof BattleError) return { error: { code: error.code, message: error.message } }
    throw error
  }
}

function toSideState(state: OptimalSideState): SideState {
  return {
    hp: state.hp,
    ...(state.status !== undefined ? { status: state.status } : {}),
    ...(state.sleepTurns !== undefined ? { sleepTurns: state.sleepTurns } : {}),
    ...(state.toxicTurns !== undefined ? { toxicTurns: state.toxicTurns } : {}),
    ...(state.boosts !== undefined ? { boosts: state.boosts } : {}),
    ...(state.ppUsed !== undefined ? { ppUsed: state.ppUsed } : {}),
  }
}

/**
 * A's best fixed move against B's worst fixed reply (null when a pair needs an unmodelled
 * mechanic), and per move of A that worst reply's figure (`worstByMove`).
 */
function fixedComparison(
  solver: Solver,
  job: OptimalJob,
): { fixed: OptimalAdvice['fixed']; worstByMove?: number[] } {
  try {
    const wins = job.a.moves.map((moveA) =>
      job.b.moves.map(
        (moveB) =>
          solver.solve({ species: job.a.species, move: moveA }, { species: job.b.species, move: moveB }).winA,
      ),
    )
    const worstByMove = wins.map((row) => Math.min(...row))
    // the first move among equals, against the first reply among equals
    const i = worstByMove.indexOf(Math.max(...worstByMove))
    const j = wins[i]!.indexOf(worstByMove[i]!)
    const fixed = { move: job.a.slugs[i]!, reply: job.b.slugs[j]!, winProbability: worstByMove[i]! }
    return { fixed, worstByMove }
  } catch (error) {
    if (error instanceof UnsupportedMechanic) return { fixed: null }
    throw error
  }
}

function adviceOf(
  job: OptimalJob,
  answer: OptimalAnswer,
  maxHp: number[],
  comparison: Pick<OptimalAdvice, 'fixed' | 'single'>,
  elapsedMs: number,
): OptimalAdvice {
  const slug = (side: 'a' | 'b', move: string) => {
    const index = job[side].moves.indexOf(move)
    return index >= 0 ? job[side].slugs[index]! : move
  }
  const shares = (side: 'a' | 'b', list: OptimalAnswer['strategyA']) =>
    list.map((c) => ({ move: slug(side, c.move), probability: c.probability }))
  const strategyA = shares('a', answer.strategyA)
  return {
    a: job.a.slug,
    b: job.b.slug,
    movesA: [...job.a.slugs],
    movesB: [...job.b.slugs],
    hp: { a: job.state?.a.hp ?? maxHp[0]!, b: job.state?.b.hp ?? maxHp[1]! },
    maxHp: { a: maxHp[0]!, b: maxHp[1]! },
    winProbability: answer.winA,
    lossProbability: answer.winB,
    drawProbability: answer.cap,
    unresolved: answer.unresolved,
    recommended: strategyA[0]!.move,
    strategyA,
    strategyB: shares('b', answer.strategyB),
    policyA: {
      hiA: answer.policyA.hiA,
      hiB: answer.policyA.hiB,
      runs: answer.policyA.runs.map((r) => [...r]),
    },
    policyB: {
      hiA: answer.policyB.hiA,
      hiB: answer.policyB.hiB,
      runs: answer.policyB.runs.map((r) => [...r]),
    },
    ...comparison,
    gain: answer.winA - comparison.single.winProbability,
    expectedTurns: answer.expectedTurns,
    states: { ...answer.states },
    elapsedMs,
  }
}
