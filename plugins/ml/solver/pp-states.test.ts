import { expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createSolver } from './index.ts'

const solver = createSolver(createLgpeEngine())

// Articuno's Blizzard (5 PP) against Pikachu's Thunder (10 PP): both sides are often frozen or
// paralysed, so PP left splits the battle into thousands of states and both run out of PP.
// The value was computed before states differing only in PP count shared their kernels and
// before a side out of PP forgot its count (5,726 states then): both changes must keep it.
test('a long battle where both sides run out of PP keeps its value with fewer states', () => {
  const s = solver.solve(
    { species: 'articuno', move: 'blizzard' },
    { species: 'pikachustarter', move: 'thunder' },
  )
  expect(s.winA).toBeCloseTo(0.3565862397097, 11)
  expect(s.winA + s.winB + s.cap + s.unresolved).toBeCloseTo(1, 12)
  expect(s.states).toBeLessThan(4_000)
})

// Melmetal's Thunder Punch has 15 PP: the first solve ignores its PP, the battle outlasts it and
// the solve starts again counting it (see `solveForward`).
test('a side whose PP was first left uncounted is counted when the battle outlasts it', () => {
  const s = solver.solve(
    { species: 'dragonair', move: 'icebeam' },
    { species: 'melmetal', move: 'thunderpunch' },
  )
  expect(s.winA).toBeCloseTo(0.1093484686508, 11)
})
