/**
 * Exact solution of a small zero-sum matrix game (the row player maximises): its value and an
 * optimal mixed strategy for each player. Every state of the battle game asks this of a ≤ 4 × 4
 * matrix, tens of thousands of times per solve, so the common cases are short-circuited: a single
 * row or column, a pure saddle point (most battle states: one move is simply best), a 2 × 2
 * closed form; the rest is a dense simplex on the classic LP (Bland's rule, so it cannot cycle),
 * and when ties in the payoffs leave it a pivot too small to trust, the game's kernels
 * (`matrix-kernels.ts`).
 */
import { solveByKernels } from './matrix-kernels.ts'

export interface GameSolution {
  value: number
  /** Row player's probabilities (length = rows). */
  readonly row: Float64Array
  /** Column player's probabilities (length = cols). */
  readonly col: Float64Array
}

/** Reusable work space for one size bound, so that solving allocates nothing. */
export interface MatrixGameSolver {
  /**
   * Solves the game whose payoff to the row player is `payoff[r * cols + c]`; writes into the
   * returned object (valid until the next call).
   */
  solve(payoff: Float64Array, rows: number, cols: number): GameSolution
}

const MAX = 5
const EPS = 1e-13

/**
 * @example
 * const games = createMatrixGameSolver()
 * games.solve(new Float64Array([1, 0, 0, 1]), 2, 2).value // 0.5
 */
export function createMatrixGameSolver(): MatrixGameSolver {
  const out: GameSolution = { value: 0, row: new Float64Array(MAX), col: new Float64Array(MAX) }
  // tableau: MAX constraint rows + objective, columns: MAX vars + MAX slacks + rhs
  const width = 2 * MAX + 1
  const tableau = new Float64Array((MAX + 1) * width)
  const basis = new Int32Array(MAX)
  return {
    solve(payoff, rows, cols) {
      if (rows > MAX || cols > MAX) throw new Error(`matrix game larger than ${MAX} × ${MAX}`)
      for (let i = 0; i < MAX; i++) {
        out.row[i] = 0
        out.col[i] = 0
      }
      if (saddle(payoff, rows, cols, out)) return out
      if (rows === 2 && cols === 2) return twoByTwo(payoff, out)
      return simplex(payoff, rows, cols, out, tableau, width, basis)
    },
  }
}

/** A pure saddle point: max over rows of the row minimum equals min over columns of the column maximum. */
function saddle(payoff: Float64Array, rows: number, cols: number, out: GameSolution): boolean {
  let bestRow = 0
  let lower = Number.NEGATIVE_INFINITY
  for (let r = 0; r < rows; r++) {
    let min = Number.POSITIVE_INFINITY
    for (let c = 0; c < cols; c++) min = Math.min(min, payoff[r * cols + c]!)
    if (min > lower) {
      lower = min
      bestRow = r
    }
  }
  let bestCol = 0
  let upper = Number.POSITIVE_INFINITY
  for (let c = 0; c < cols; c++) {
    let max = Number.NEGATIVE_INFINITY
    for (let r = 0; r < rows; r++) max = Math.max(max, payoff[r * cols + c]!)
    if (max < upper) {
      upper = max
      bestCol = c
    }
  }
  if (upper - lower > EPS) return false
  out.value = lower
  out.row[bestRow] = 1
  out.col[bestCol] = 1
  return true
}

/** 2 × 2 without a saddle point: both players mix, the closed form of the equalising strategies. */
function twoByTwo(payoff: Float64Array, out: GameSolution): GameSolution {
  const [a, b, c, d] = [payoff[0]!, payoff[1]!, payoff[2]!, payoff[3]!]
  const denominator = a - b - c + d
  const p = Math.min(1, Math.max(0, (d - c) / denominator))
  const q = Math.min(1, Math.max(0, (d - b) / denominator))
  out.row[0] = p
  out.row[1] = 1 - p
  out.col[0] = q
  out.col[1] = 1 - q
  out.value = (a * d - b * c) / denominator
  return out
}

/**
 * The column player's LP after shifting payoffs above 0: maximise Σ q subject to M q ≤ 1, q ≥ 0;
 * then value = 1 / Σ q − shift, the column strategy is q / Σ q and the row strategy is read from the
 * objective row under the slack columns (the dual solution).
 */
function simplex(
  payoff: Float64Array,
  rows: number,
  cols: number,
  out: GameSolution,
  t: Float64Array,
  width: number,
  basis: Int32Array,
): GameSolution {
  let min = Number.POSITIVE_INFINITY
  for (let i = 0; i < rows * cols; i++) min = Math.min(min, payoff[i]!)
  const shift = 1 - min
  const rhs = 2 * MAX
  t.fill(0)
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) t[r * width + c] = payoff[r * cols + c]! + shift
    t[r * width + MAX + r] = 1
    t[r * width + rhs] = 1
    basis[r] = MAX + r
  }
  const objective = rows * width
  for (let c = 0; c < cols; c++) t[objective + c] = -1
  for (let iteration = 0; ; iteration++) {
    // a tableau the pivots cannot settle (degenerate ties): the kernels, which need no pivot rule
    if (iteration === MAX_PIVOTS) return byKernels(payoff, rows, cols, out)
    let enter = -1
    for (let j = 0; j < MAX + rows; j++) {
      if (j >= cols && j < MAX) continue
      if (t[objective + j]! < -EPS) {
        enter = j
        break
      }
    }
    if (enter < 0) break
    let leave = -1
    let bestRatio = Number.POSITIVE_INFINITY
    for (let r = 0; r < rows; r++) {
      const coefficient = t[r * width + enter]!
      if (coefficient <= EPS) continue
      const ratio = t[r * width + rhs]! / coefficient
      if (ratio < bestRatio - EPS || (Math.abs(ratio - bestRatio) <= EPS && basis[r]! < basis[leave]!)) {
        bestRatio = ratio
        leave = r
      }
    }
    // mathematically impossible with positive payoffs: a pivot too small to trust came before
    if (leave < 0) return byKernels(payoff, rows, cols, out)
    pivot(t, width, rows, leave, enter)
    basis[leave] = enter
  }
  const total = t[objective + rhs]!
  for (let r = 0; r < rows; r++) {
    const variable = basis[r]!
    if (variable < cols) out.col[variable] = Math.max(0, t[r * width + rhs]!) / total
  }
  for (let r = 0; r < rows; r++) out.row[r] = Math.max(0, t[objective + MAX + r]!) / total
  out.value = 1 / total - shift
  return out
}

/** Pivots after which the simplex gives up on a tableau (4 × 4 games take ≤ 10). */
const MAX_PIVOTS = 100

/** `solveByKernels`, or the error that the game has no solution (payoffs that are not numbers). */
function byKernels(payoff: Float64Array, rows: number, cols: number, out: GameSolution): GameSolution {
  for (let i = 0; i < MAX; i++) {
    out.row[i] = 0
    out.col[i] = 0
  }
  const solved = solveByKernels(payoff, rows, cols, out)
  if (!solved)
    throw new Error(`matrix game without a solution: payoffs ${[...payoff.subarray(0, rows * cols)]}`)
  return solved
}

function pivot(t: Float64Array, width: number, rows: number, leave: number, enter: number): void {
  const base = leave * width
  const factor = t[base + enter]!
  for (let j = 0; j < width; j++) t[base + j]! /= factor
  for (let r = 0; r <= rows; r++) {
    if (r === leave) continue
    const row = r * width
    const coefficient = t[row + enter]!
    if (coefficient === 0) continue
    for (let j = 0; j < width; j++) t[row + j]! -= coefficient * t[base + j]!
  }
}
