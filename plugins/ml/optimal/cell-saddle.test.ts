import { describe, expect, test } from 'bun:test'
import { createPrng } from '../battle/prng.ts'
import { createSaddleGuess, type SaddleInput } from './cell-saddle.ts'
import { createMatrixGameSolver } from './matrix-game.ts'

/** One 4 × 4 turn state (id 0) whose pairs are their constants (no same-cell terms), valued on demand. */
function oneState(matrix: number[]) {
  const ensured: number[] = []
  const constQ = new Float64Array(16)
  const input: SaddleInput = {
    count: 1,
    rowsOf: Int32Array.of(4),
    colsOf: Int32Array.of(4),
    pairStart: Int32Array.of(0, 16),
    constQ,
    ensure: (k) => {
      ensured.push(k)
      constQ[k] = matrix[k]!
    },
    termStart: new Int32Array(17),
    termNode: new Int32Array(0),
    termCoef: new Float64Array(0),
    val: new Float64Array(1),
    hiB: Int32Array.of(1),
    strategies: { row: [null], col: [null] },
  }
  return { saddles: createSaddleGuess(input), ensured }
}

describe('createSaddleGuess', () => {
  test('a guessed saddle point gives the matrix game value to the bit; anything else NaN', () => {
    const random = createPrng([5, 5, 5, 5])
    const games = createMatrixGameSolver()
    let saddles = 0
    for (let n = 0; n < 2000; n++) {
      // few distinct values: ties, saddle points and mixed games all occur
      const matrix = Array.from({ length: 16 }, () => Math.floor(random() * 4) / 3)
      const solution = games.solve(Float64Array.from(matrix), 4, 4)
      for (let pair = 0; pair < 16; pair++) {
        const { saddles: guess } = oneState(matrix)
        guess.remember(0, pair)
        const value = guess.tryGuess(0, 1)
        const [row, col] = [Math.floor(pair / 4), pair % 4]
        const isSaddle =
          matrix.slice(row * 4, row * 4 + 4).every((x) => x >= matrix[pair]!) &&
          [0, 1, 2, 3].every((r) => matrix[r * 4 + col]! <= matrix[pair]!)
        if (!isSaddle) expect(value).toBeNaN()
        else {
          expect(value).toBe(solution.value)
          saddles++
        }
      }
    }
    expect(saddles).toBeGreaterThan(500)
  })

  test("a cell's pairs are valued once for its rounds, again after a failed check or at the next cell", () => {
    // pair 5 (row 1, column 1) is a saddle point
    const matrix = [3, 1, 4, 4, 5, 2, 6, 3, 0, 1, 9, 0, 2, 0, 5, 1]
    const { saddles, ensured } = oneState(matrix)
    saddles.remember(0, 5)
    expect(saddles.tryGuess(0, 1)).toBe(2)
    const once = ensured.length
    expect(once).toBe(7)
    expect(saddles.tryGuess(0, 1)).toBe(2)
    expect(ensured.length).toBe(once)
    expect(saddles.tryGuess(0, 2)).toBe(2)
    expect(ensured.length).toBe(2 * once)
    // a failed check stops early: the next try at that cell values its pairs again
    saddles.remember(0, 0)
    expect(saddles.tryGuess(0, 2)).toBeNaN()
    const failed = ensured.length
    saddles.remember(0, 5)
    saddles.tryGuess(0, 2)
    expect(ensured.length).toBe(failed + 7)
  })
})
