import type { GameSolution } from './matrix-game.ts'

/** Slack allowed in the equilibrium checks (payoffs are probabilities, computed to ≈ 1e-15). */
const SLACK = 1e-12

/**
 * Solves a small zero-sum game (the row player maximises) by its kernels: every square submatrix
 * is tried as the support of both optimal strategies, each player's mix equalising the other's
 * payoffs on it, until one pair passes the equilibrium checks (no row above the value, no column
 * below it). Shapley and Snow (1950) showed that every matrix game has optimal strategies of this
 * form, so the search always ends; for ≤ 5 × 5 it tries at most 251 supports.
 *
 * Why: the simplex (`matrix-game.ts`) can meet a degenerate tableau with ties in the payoffs and
 * stop on a pivot too small to trust (a 4 × 4 battle cell with three equal payoffs in a column did,
 * reporting the LP unbounded). This slower method needs no pivoting rule: the simplex calls it when
 * its own result cannot be trusted.
 *
 * @returns `out` filled, or null when no kernel passes (payoffs that are not finite numbers)
 * @example solveByKernels(payoff, 4, 4, out)
 */
export function solveByKernels(
  payoff: Float64Array,
  rows: number,
  cols: number,
  out: GameSolution,
): GameSolution | null {
  const x = new Float64Array(rows)
  const y = new Float64Array(cols)
  for (let size = 1; size <= Math.min(rows, cols); size++) {
    for (const rowSet of subsets(rows, size)) {
      for (const colSet of subsets(cols, size)) {
        // the column player's mix over colSet that makes every row of rowSet worth v, and the
        // row player's mix over rowSet that makes every column of colSet worth v
        const forCols = equalise(size, (i, j) => payoff[rowSet[i]! * cols + colSet[j]!]!)
        const forRows = equalise(size, (i, j) => payoff[rowSet[j]! * cols + colSet[i]!]!)
        if (!forCols || !forRows) continue
        x.fill(0)
        y.fill(0)
        rowSet.forEach((r, i) => {
          x[r] = forRows.mix[i]!
        })
        colSet.forEach((c, j) => {
          y[c] = forCols.mix[j]!
        })
        if (isEquilibrium(payoff, rows, cols, x, y, forCols.value)) {
          out.value = forCols.value
          for (let r = 0; r < rows; r++) out.row[r] = Math.max(0, x[r]!)
          for (let c = 0; c < cols; c++) out.col[c] = Math.max(0, y[c]!)
          return out
        }
      }
    }
  }
  return null
}

/** Every set of `size` indices out of `n`, increasing. */
function subsets(n: number, size: number): number[][] {
  const all: number[][] = []
  const pick = (from: number, chosen: number[]) => {
    if (chosen.length === size) {
      all.push([...chosen])
      return
    }
    for (let i = from; i < n; i++) pick(i + 1, [...chosen, i])
  }
  pick(0, [])
  return all
}

/**
 * The mix m (≥ 0 up to the slack, summing to 1) and value v with Σ_j entry(i, j) · m_j = v for
 * every i: the system [A −1; 1 0] (m, v) = (0, 1), by Gaussian elimination with partial pivoting;
 * null when it is singular or the mix is negative.
 */
function equalise(size: number, entry: (i: number, j: number) => number) {
  const n = size + 1
  const a = new Float64Array(n * (n + 1))
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) a[i * (n + 1) + j] = entry(i, j)
    a[i * (n + 1) + size] = -1
  }
  for (let j = 0; j < size; j++) a[size * (n + 1) + j] = 1
  a[size * (n + 1) + n] = 1
  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r * (n + 1) + col]!) > Math.abs(a[pivot * (n + 1) + col]!)) pivot = r
    if (Math.abs(a[pivot * (n + 1) + col]!) < 1e-12) return null
    for (let j = 0; j <= n; j++) {
      const swap = a[col * (n + 1) + j]!
      a[col * (n + 1) + j] = a[pivot * (n + 1) + j]!
      a[pivot * (n + 1) + j] = swap
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue
      const factor = a[r * (n + 1) + col]! / a[col * (n + 1) + col]!
      for (let j = col; j <= n; j++) a[r * (n + 1) + j]! -= factor * a[col * (n + 1) + j]!
    }
  }
  const solution = Array.from({ length: n }, (_, i) => a[i * (n + 1) + n]! / a[i * (n + 1) + i]!)
  const mix = solution.slice(0, size)
  if (mix.some((m) => !(m >= -SLACK))) return null
  return { mix, value: solution[size]! }
}

/** No row earns the row player more than `value` against y, no column less than `value` against x. */
function isEquilibrium(
  payoff: Float64Array,
  rows: number,
  cols: number,
  x: Float64Array,
  y: Float64Array,
  value: number,
): boolean {
  for (let r = 0; r < rows; r++) {
    let earned = 0
    for (let c = 0; c < cols; c++) earned += payoff[r * cols + c]! * y[c]!
    if (!(earned <= value + SLACK)) return false
  }
  for (let c = 0; c < cols; c++) {
    let conceded = 0
    for (let r = 0; r < rows; r++) conceded += payoff[r * cols + c]! * x[r]!
    if (!(conceded >= value - SLACK)) return false
  }
  return true
}
