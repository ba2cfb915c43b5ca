import { describe, expect, test } from 'bun:test'
import { createPrng } from '../battle/prng.ts'
import { createMatrixGameSolver } from './matrix-game.ts'

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
      const rows = 1 + Math.floor(random() * 4)
      const cols = 1 + Math.floor(random() * 4)
      const payoff = new Float64Array(rows * cols)
      // mostly distinct values, sometimes ties (battle payoffs repeat: 0, 1, equal moves)
      for (let i = 0; i < payoff.length; i++)
        payoff[i] = random() < 0.3 ? Math.round(random() * 2) / 2 : random()
      const s = games.solve(payoff, rows, cols)
      const row = Float64Array.from(s.row)
      const col = Float64Array.from(s.col)
      const { guaranteed, conceded } = guarantees(payoff, rows, cols, row, col)
      expect(Math.abs(guaranteed - s.value)).toBeLessThan(1e-12)
      expect(Math.abs(conceded - s.value)).toBeLessThan(1e-12)
      expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12)
      expect(col.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 12)
      for (const p of [...row, ...col]) expect(p).toBeGreaterThanOrEqual(0)
    }
  })
})
