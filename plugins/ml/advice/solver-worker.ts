/**
 * Solver worker: one LGPE engine and one exact solver per thread, built as the worker loads.
 * In: a `SolveJob` `{ id, a, moveA, b, moveB, slugs }`.
 * Out: `{ id, outcome }`, `{ id, unsupported: reason }` or `{ id, error }`.
 */
import { createLgpeEngine } from '../battle/engine.ts'
import { createSolver } from '../solver/index.ts'
import { createSolveHandler, type SolveJob } from './solve-job.ts'

declare const self: Worker

const solver = createSolver(createLgpeEngine())
const solve = createSolveHandler(() => solver)

self.onmessage = (event: MessageEvent<SolveJob>) => {
  self.postMessage(solve(event.data))
}
