import { beforeAll, expect, test } from 'bun:test'
import { loadedRosterIndex } from '../../../testing/ml/roster-index.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import type { RosterIndex } from '../features/roster-index.ts'
import { createSolver } from '../solver/index.ts'
import { UnsupportedMechanic } from '../solver/unsupported.ts'
import { createTaskRunner } from './run-task.ts'
import { baseSeed, type MatchupTask, side } from './tasks.ts'

const engine = createLgpeEngine()
let index: RosterIndex
beforeAll(async () => {
  index = await loadedRosterIndex()
})

const task = (): MatchupTask => ({
  scenario: 'random_pairs',
  a: side(index, 'pikachu', ['thunderbolt'], 'fixed'),
  b: side(index, 'squirtle', ['water-gun'], 'fixed'),
  sample: 0,
  seed: baseSeed(7),
})

test('a solve past its deadline gives up with UnsupportedMechanic; a generous one changes nothing', () => {
  const solver = createSolver(engine)
  const a = { species: 'pikachu', move: 'thunderbolt' }
  const b = { species: 'squirtle', move: 'watergun' }
  expect(() => solver.solve(a, b, { deadline: performance.now() - 1 })).toThrow(UnsupportedMechanic)
  const free = solver.solve(a, b)
  const bounded = solver.solve(a, b, { deadline: performance.now() + 600_000 })
  expect(bounded.winA).toBe(free.winA)
  expect(bounded.expectedTurns).toBe(free.expectedTurns)
})

test('a pair whose exact solve runs out of time is labelled by engine battles instead', () => {
  const exact = createTaskRunner(engine, 'exact')(task(), 4)
  expect(exact.label).toBe('exact')
  const timedOut = createTaskRunner(engine, 'exact', 0)(task(), 4)
  expect(timedOut.label).toBe('engine')
  expect(timedOut.wins + timedOut.losses + timedOut.draws + timedOut.caps).toBe(4)
  // the same battles as an engine-labelled run of the task
  expect(timedOut).toEqual(createTaskRunner(engine, 'engine')(task(), 4))
})
