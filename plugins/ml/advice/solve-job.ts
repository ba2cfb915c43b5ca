import type { PairOutcome } from '../../../core/contracts/advisor.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { createSolver, UnsupportedMechanic } from '../solver/index.ts'
import { toExactOutcome } from './exact-outcome.ts'

/** One exact solve: Showdown ids to solve, slugs to answer with. */
export interface SolveJob {
  id: number
  a: string
  moveA: string
  b: string
  moveB: string
  slugs: { moveA: string; moveB: string }
}

/** The answer to a `SolveJob`: an outcome, a refusal (unmodelled mechanic) or an error. */
export type SolveReply =
  | { id: number; outcome: PairOutcome }
  | { id: number; unsupported: string }
  | { id: number; error: string }

type Solver = ReturnType<typeof createSolver>

/**
 * Answers solve jobs with one exact solver on one LGPE engine (both cache forms and buffers). The
 * solver worker runs it with a solver it builds as it loads; a pool that solves on the calling
 * thread (`ML_SOLVER_WORKERS=0`) with the default, built on its first job.
 *
 * @example
 * const solve = createSolveHandler()
 * solve({ id: 1, a: 'pikachu', moveA: 'thunderbolt', b: 'squirtle', moveB: 'tackle', slugs })
 */
export function createSolveHandler(
  makeSolver: () => Solver = () => createSolver(createLgpeEngine()),
): (job: SolveJob) => SolveReply {
  let solver: Solver | undefined
  return (job) => {
    try {
      solver ??= makeSolver()
      const solution = solver.solve(
        { species: job.a, move: job.moveA },
        { species: job.b, move: job.moveB },
        { epsilon: 1e-10 },
      )
      return { id: job.id, outcome: toExactOutcome(job.slugs.moveA, job.slugs.moveB, solution) }
    } catch (error) {
      if (error instanceof UnsupportedMechanic) return { id: job.id, unsupported: error.message }
      return { id: job.id, error: error instanceof Error ? error.message : String(error) }
    }
  }
}
