import { describe, expect, test } from 'bun:test'
import { createGuessCheck, createGuesses } from './cell-check.ts'
import { createMatrixGameSolver } from './matrix-game.ts'
import { createStrategies } from './strategies.ts'

const TOLERANCE = 1e-12

/**
 * One turn state with a `rows` × `cols` matrix of constant payoffs (no same-cell terms), guessing
 * A's row 0 and B's column 0, worth `value`; counts the pairs the check reads.
 */
function checkOf(matrix: number[][], value: number) {
  const rows = matrix.length
  const cols = matrix[0]!.length
  const read = new Set<number>()
  const hiB = Int32Array.of(1)
  const input = {
    count: 1,
    rowsOf: Int32Array.of(rows),
    colsOf: Int32Array.of(cols),
    pairStart: Int32Array.of(0, rows * cols),
    constQ: Float64Array.from(matrix.flat()),
    ensure: (k: number) => {
      read.add(k)
    },
    termStart: new Int32Array(rows * cols + 1),
    termNode: new Int32Array(0),
    termCoef: new Float64Array(0),
    val: Float64Array.of(value),
    hiB,
    games: createMatrixGameSolver(),
    payoff: new Float64Array(25),
    strategies: createStrategies([0], { hiA: Int32Array.of(1), hiB }, 1),
    tolerance: TOLERANCE,
  }
  const guesses = createGuesses(1, input.rowsOf, input.colsOf)
  return { gap: createGuessCheck(input, guesses).gap(0), read: read.size }
}

/** What the check answers reading every pair of the guess's row and column. */
function fullGap(matrix: number[][]): number {
  const rowBest = Math.max(...matrix.map((row) => row[0]!))
  const colWorst = Math.min(...matrix[0]!)
  return rowBest - colWorst
}

describe('best-response check of a pure guess', () => {
  test('a state worth 1 whose guess B cannot push below 1 is confirmed from B’s replies alone', () => {
    const matrix = [
      [1, 1, 1],
      [0.3, 1, 0.2],
      [1, 0.9, 0.4],
    ]
    const { gap, read } = checkOf(matrix, 1)
    expect(gap).toBeLessThanOrEqual(TOLERANCE)
    expect(read).toBe(3)
  })

  test('a state worth 0 whose guess A cannot lift above 0 is confirmed from A’s replies alone', () => {
    const matrix = [
      [0, 0.5, 0.7],
      [0, 0.2, 1],
    ]
    const { gap, read } = checkOf(matrix, 0)
    expect(gap).toBeLessThanOrEqual(TOLERANCE)
    expect(read).toBe(2)
  })

  test('otherwise both replies are read and the gap is exact', () => {
    for (const [matrix, value] of [
      [
        [
          [1, 0.5],
          [1, 1],
        ],
        1,
      ],
      [
        [
          [0, 0],
          [0.25, 0],
        ],
        0,
      ],
      [
        [
          [0.6, 0.7],
          [0.65, 0.1],
        ],
        0.6,
      ],
    ] as const) {
      const rows = matrix.map((row) => [...row])
      const { gap, read } = checkOf(rows, value)
      expect(gap).toBe(fullGap(rows))
      expect(read).toBe(3)
    }
  })
})
