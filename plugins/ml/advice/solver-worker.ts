/**
 * Solver worker: one LGPE engine and one exact solver per thread (both cache forms and buffers).
 * In: `{ id, a, moveA, b, moveB, slugs }` (Showdown ids to solve, slugs to answer with).
 * Out: `{ id, outcome }`, `{ id, unsupported: reason }` or `{ id, error }`.
 */
import { createLgpeEngine } from '../battle/engine.ts'
import { createSolver, UnsupportedMechanic } from '../solver/index.ts'
import { toExactOutcome } from './exact-outcome.ts'

declare const self: Worker

export interface SolveJob {
  id: number
  a: string
  moveA: string
  b: string
  moveB: string
  slugs: { moveA: string; moveB: string }
}

const solver = createSolver(createLgpeEngine())

self.onmessage = (event: MessageEvent<SolveJob>) => {
  const job = event.data
  try {
    const solution = solver.solve(
      { species: job.a, move: job.moveA },
      { species: job.b, move: job.moveB },
      { epsilon: 1e-10 },
    )
    self.postMessage({ id: job.id, outcome: toExactOutcome(job.slugs.moveA, job.slugs.moveB, solution) })
  } catch (error) {
    if (error instanceof UnsupportedMechanic) self.postMessage({ id: job.id, unsupported: error.message })
    else self.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) })
  }
}
