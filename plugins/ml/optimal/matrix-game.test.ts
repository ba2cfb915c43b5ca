import { describe, expect, test } from 'bun:test'
import { createPrng } from '../battle/prng.ts'
import { createMatrixGameSolver, type GameSolution } from './matrix-game.ts'
import { solveByKernels } from './matrix-kernels.ts'

const games = createMatrixGameSolver()

/** What the row strategy guarantees (its worst column) and what the column strategy concedes. */
function guarantees(payoff: Float64Array, rows: number, cols: number, row: Float64Array, col: Float64Array) {
  let guaranteed = Number.POSITIVE_INFINITY
  for (let c = 0; c < cols; c++) {
    let sum = 0
    for (let r = 0; r < rows; r++) sum += row[r]! * payoff[r * cols + c]!
    guaranteed = Math.min(guaranteed, sum)
  }
  let conceded = Number.NEGATIVE_INFINITY
  for (let r = 0; r < rows; r++) {
    let sum = 0
    for (let c = 0; c < cols; c++) sum += col[c]! * payoff[r * cols + c]!
    conceded = Math.max(conceded, sum)
  }
  return { guaranteed, conceded }
}

/** `s` is optimal: each strategy a distribution that guarantees the value to 1e-12. */
function expectOptimal(payoff: Float64Array, rows: number, cols: number, s: GameSolution) {
  const row = Float64Array.from(s.row.subarray(0, rows))
  const col = Float64Array.from(s.col.subarray(0, cols))
  const { guaranteed, conceded } = guarantees(payoff, rows, cols, row, col)
  expect(Math.abs(guaranteed - s.value)).toBeLessThan(1e-12)
  expect(Math.abs(conceded - s.value)).toBeLessThan(1e-12)
  expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12)
  expect(col.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12)
  for (const p of [...row, ...col]) expect(p).toBeGreaterThanOrEqual(0)
}

/** A game up to `size` × `size`: a share `ties` of its payoffs on a grid of `steps` (ties). */
function randomGame(random: () => number, size: number, ties: number, steps: number) {
  const rows = 1 + Math.floor(random() * size)
  const cols = 1 + Math.floor(random() * size)
  const payoff = new Float64Array(rows * cols)
  for (let i = 0; i < payoff.length; i++)
    payoff[i] = random() < ties ? Math.round(random() * steps) / steps : random()
  return { payoff, rows, cols }
}

describe('matrix game solver', () => {
  test('matching pennies: value 1/2, both mix evenly', () => {
    const s = games.solve(new Float64Array([1, 0, 0, 1]), 2, 2)
    expect(s.value).toBeCloseTo(0.5, 14)
    expect(s.row[0]).toBeCloseTo(0.5, 14)
    expect(s.col[1]).toBeCloseTo(0.5, 14)
  })

  test('a saddle point is played purely', () => {
    const s = games.solve(new Float64Array([0.3, 0.6, 0.2, 0.5, 0.7, 0.9]), 2, 3)
    expect(s.value).toBeCloseTo(0.5, 14)
    expect([...s.row.subarray(0, 2)]).toEqual([0, 1])
    expect([...s.col.subarray(0, 3)]).toEqual([1, 0, 0])
  })

  test('rock-paper-scissors (3 × 3, no saddle, needs the simplex)', () => {
    const s = games.solve(new Float64Array([0.5, 0, 1, 1, 0.5, 0, 0, 1, 0.5]), 3, 3)
    expect(s.value).toBeCloseTo(0.5, 12)
    for (let i = 0; i < 3; i++) {
      expect(s.row[i]).toBeCloseTo(1 / 3, 12)
      expect(s.col[i]).toBeCloseTo(1 / 3, 12)
    }
  })

  test('random games up to 4 × 4: each strategy guarantees the value (minimax theorem)', () => {
    const random = createPrng([7, 7, 7, 7])
    for (let trial = 0; trial < 3000; trial++) {
      // mostly distinct values, sometimes ties (battle payoffs repeat: 0, 1, equal moves)
      const { payoff, rows, cols } = randomGame(random, 4, 0.3, 2)
      expectOptimal(payoff, rows, cols, games.solve(payoff, rows, cols))
    }
  })

  test('a battle cell whose ties left the simplex a pivot too small to trust is solved (its kernels)', () => {
    // Pidgeotto vs Mega Pinsir (Dig, Bind, Earthquake, Guillotine): B's first column all equal,
    // three payoffs of 0.7000000000000001; the simplex's tableau once reported the LP unbounded
    const payoff = Float64Array.from([
      0.9849485683017563, 0.6790224333577489, 0.7000000000000003, 0.682046337111671, 0.9849485683017563,
      0.9838932606780808, 0.984948685569754, 0.6985012594458436, 0.9849485683017563, 0.6805208333333336,
      0.7000000000000001, 0.7000000000000001, 0.9849485683017563, 0.6938324652777781, 0.7125000000000002,
      0.7000000000000001,
    ])
    expectOptimal(payoff, 4, 4, games.solve(payoff, 4, 4))
  })

  test('the kernels alone: the same value as the simplex on random games with ties', () => {
    const random = createPrng([3, 1, 4, 1])
    const out: GameSolution = { value: 0, row: new Float64Array(5), col: new Float64Array(5) }
    for (let trial = 0; trial < 500; trial++) {
      const { payoff, rows, cols } = randomGame(random, 5, 0.4, 4)
      out.row.fill(0)
      out.col.fill(0)
      const byKernels = solveByKernels(payoff, rows, cols, out)
      expect(byKernels).not.toBeNull()
      expectOptimal(payoff, rows, cols, out)
      expect(Math.abs(out.value - games.solve(payoff, rows, cols).value)).toBeLessThan(1e-12)
    }
  })
})
