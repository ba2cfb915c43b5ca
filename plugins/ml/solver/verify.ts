import type { LgpeEngine } from '../battle/engine.ts'
import { deriveSeed } from '../battle/prng.ts'
import { runTasks } from '../dataset/pool.ts'
import type { TaskResult } from '../dataset/run-task.ts'
import type { MatchupTask, Side } from '../dataset/tasks.ts'
import type { PairSolution, Solver } from './index.ts'
import { UnsupportedMechanic } from './unsupported.ts'
import { consistentWithin4Se, drawPairs, usableExactMoves, type VerificationPair } from './verify-pairs.ts'

/** One pair checked: the solver's answer next to the engine's battles. */
export interface PairCheck {
  readonly pair: VerificationPair
  /** `sampled`: the solver declined (unsupported mechanic); the engine's rate is the answer. */
  readonly method: 'exact' | 'sampled'
  readonly exact?: Pick<PairSolution, 'winA' | 'winB' | 'cap' | 'unresolved'>
  readonly engine: {
    readonly battles: number
    readonly wins: number
    readonly losses: number
    readonly caps: number
  }
  /** |P_exact − P_engine| within 4 standard errors (exact binomial tails), for A's wins and losses. */
  readonly pass: boolean
  readonly z: number
  readonly solveMs: number
}

export interface VerificationReport {
  readonly checks: readonly PairCheck[]
  readonly exactPairs: number
  readonly passed: number
  readonly sampledPairs: number
  readonly meanAbsError: number
  readonly maxAbsError: number
  /** Exact moves (per the coverage table) that no exact pair used. */
  readonly uncoveredExactMoves: readonly string[]
  readonly battles: number
}

export interface VerifyOptions {
  readonly pairs: number
  readonly battles: number
  readonly seed: number
  readonly workers: number
  readonly onProgress?: (done: number, total: number) => void
}

/**
 * Plays the engine against the solver: seeded random pairs (see `drawPairs`), each solved exactly
 * and played `battles` times on the real engine (battle workers), then compared. Pairs the solver
 * declines are replaced by fresh draws so that `pairs` exact pairs are checked, and are reported.
 *
 * @example
 * const report = await verifySolver(engine, solver, { pairs: 300, battles: 1000, seed: 1, workers: 2 })
 * report.passed / report.exactPairs // ≥ 0.99
 */
export async function verifySolver(
  engine: LgpeEngine,
  solver: Solver,
  options: VerifyOptions,
): Promise<VerificationReport> {
  const solved: { pair: VerificationPair; solution?: PairSolution; ms: number }[] = []
  let exact = 0
  let round = 0
  while (exact < options.pairs && round < 5) {
    const wanted = options.pairs - exact
    const draw = drawPairs(engine, solver, round === 0 ? wanted : wanted * 2, options.seed + round * 7919)
    for (const pair of draw) {
      if (exact >= options.pairs) break
      const started = performance.now()
      try {
        const solution = solver.solve(
          { species: pair.a, move: pair.moveA },
          { species: pair.b, move: pair.moveB },
        )
        solved.push({ pair, solution, ms: performance.now() - started })
        exact++
      } catch (error) {
        if (!(error instanceof UnsupportedMechanic)) throw error
        solved.push({ pair, ms: performance.now() - started })
      }
    }
    round++
  }
  const tasks = solved.map(({ pair }, index) =>
    toTask(engine, pair, deriveSeed([options.seed & 0xffff, 0x5e, 0x1f, 0x7e], index)),
  )
  const results: TaskResult[] = new Array(tasks.length)
  let finished = 0
  await runTasks(tasks, {
    k: options.battles,
    workers: options.workers,
    chunkSize: 2,
    onChunk: (start, chunk) => {
      chunk.forEach((result, i) => {
        results[start + i] = result
      })
      finished += chunk.length
      options.onProgress?.(finished, tasks.length)
    },
  })
  const checks = solved.map(({ pair, solution, ms }, i) =>
    check(pair, solution, results[i]!, options.battles, ms),
  )
  return summarize(engine, solver, checks, options.battles)
}

function toTask(engine: LgpeEngine, pair: VerificationPair, seed: MatchupTask['seed']): MatchupTask {
  const side = (species: string, move: string): Side => ({
    slug: species,
    showdownId: species,
    moves: [move],
    moveIds: [engine.dex.moves.get(move).id],
    policy: 'fixed',
  })
  return {
    scenario: 'all_combinations',
    a: side(pair.a, pair.moveA),
    b: side(pair.b, pair.moveB),
    sample: 0,
    seed,
  }
}

function check(
  pair: VerificationPair,
  solution: PairSolution | undefined,
  result: TaskResult,
  k: number,
  solveMs: number,
): PairCheck {
  const engine = { battles: k, wins: result.wins, losses: result.losses, caps: result.caps }
  if (!solution) return { pair, method: 'sampled', engine, pass: true, z: 0, solveMs }
  const p = solution.winA
  const se = Math.sqrt(Math.max(p * (1 - p), 1e-12) / k)
  const pass = consistentWithin4Se(p, result.wins, k) && consistentWithin4Se(solution.winB, result.losses, k)
  return {
    pair,
    method: 'exact',
    exact: { winA: solution.winA, winB: solution.winB, cap: solution.cap, unresolved: solution.unresolved },
    engine,
    pass,
    z: (result.wins / k - p) / se,
    solveMs,
  }
}

function summarize(
  engine: LgpeEngine,
  solver: Solver,
  checks: PairCheck[],
  battles: number,
): VerificationReport {
  const exact = checks.filter((c) => c.method === 'exact')
  const errors = exact.map((c) => Math.abs(c.engine.wins / c.engine.battles - c.exact!.winA))
  const used = new Set(exact.flatMap((c) => [c.pair.moveA, c.pair.moveB]))
  const exactMoves = usableExactMoves(engine, solver)
  return {
    checks,
    exactPairs: exact.length,
    passed: exact.filter((c) => c.pass).length,
    sampledPairs: checks.length - exact.length,
    meanAbsError: errors.reduce((x, y) => x + y, 0) / Math.max(1, errors.length),
    maxAbsError: Math.max(0, ...errors),
    uncoveredExactMoves: exactMoves.filter((id) => !used.has(id)),
    battles,
  }
}
