/**
 * Worker of `bench/solver.ts --matrix`: readies every form, says `{ ready: true }`, then solves the
 * unordered pairs it is sent. In: `{ pairs: [a, b][] }`; out: `{ results: PairResult[] }`.
 */
import { createLgpeEngine } from '../plugins/ml/battle/engine.ts'
import { createSolver } from '../plugins/ml/solver/index.ts'
import { solvePair, warmForms } from './solver-matrix.ts'

declare const self: Worker

const engine = createLgpeEngine()
const solver = createSolver(engine)
warmForms(engine, solver)
self.postMessage({ ready: true })

self.onmessage = (event: MessageEvent<{ pairs: [string, string][] }>) => {
  self.postMessage({ results: event.data.pairs.map(([a, b]) => solvePair(engine, solver, a, b)) })
}
