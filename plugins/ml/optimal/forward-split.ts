import { copyScaled } from '../solver/apply.ts'
import { type Grid, growBox } from '../solver/grid.ts'
import type { TurnNode } from './graph.ts'
import type { Strategies } from './strategies.ts'

/** Per pair of moves: the box of the cells that send it mass (empty: aMin > aMax). */
interface PairBoxes {
  aMin: Int32Array
  aMax: Int32Array
  bMin: Int32Array
  bMax: Int32Array
}

/** Reusable scratch of `splitTurn` (one per forward play): no allocation per turn state. */
export interface SplitScratch {
  readonly boxes: PairBoxes
  /** Per cell of the grid's box, in scan order: its pure pair (r · cols + c), or −1 when mixed. */
  pairOf: Int16Array
  readonly targets: Grid[][]
  readonly shares: number[][]
  readonly rowProbs: Float64Array
  readonly colProbs: Float64Array
}

/** Pairs of moves a turn state can have (4 moves + Struggle a side at most). */
const MAX_PAIRS = 25

/** @example const scratch = createSplitScratch() */
export function createSplitScratch(): SplitScratch {
  const boxes = {
    aMin: new Int32Array(MAX_PAIRS),
    aMax: new Int32Array(MAX_PAIRS),
    bMin: new Int32Array(MAX_PAIRS),
    bMax: new Int32Array(MAX_PAIRS),
  }
  const targets = Array.from({ length: MAX_PAIRS }, () => [] as Grid[])
  const shares = Array.from({ length: MAX_PAIRS }, () => [] as number[])
  const rowProbs = new Float64Array(5)
  const colProbs = new Float64Array(5)
  return { boxes, pairOf: new Int16Array(1024), targets, shares, rowProbs, colProbs }
}

/** Where a split puts mass: the grid of a first-action state (created on first use), in order. */
export interface SplitTargets {
  readonly gridOf: (id: number) => Grid
  /**
   * Makes `grid` × p the state's grid if it has none yet (then true: the caller keeps it alive);
   * equal to the bit to adding it into a fresh grid.
   */
  readonly handOver: (id: number, grid: Grid, p: number) => boolean
}

/**
 * Splits a turn state's mass over its pairs of moves (the strategies per cell) straight into the
 * first-action grids, adding at every cell exactly what the plain way adds — the cell's mass times
 * both probabilities into a grid per pair, then that grid times each entry's probability into the
 * entry's state — in the same order (pairs ascending, then entries), so results are equal to the
 * bit; but without the per-pair grids, and reading a pure choice straight from the byte tables
 * (almost every cell): the split was half of forward play's time.
 *
 * `gridOf` is called for the entries of the pairs that get mass, in pair order (its insertion order
 * decides in which order the first-action states are played, hence the order of additions).
 * Returns true when `grid` itself became a first-action state's grid (the caller must not release it).
 */
export function splitTurn(
  node: TurnNode,
  grid: Grid,
  hiB: number,
  strategies: Strategies,
  into: SplitTargets,
  scratch: SplitScratch,
): boolean {
  if (grid.aMin > grid.aMax) return false
  const { gridOf } = into
  const cols = node.cols.length
  const pairs = node.rows.length * cols
  const rowOf = strategies.row[node.id]!
  const colOf = strategies.col[node.id]!
  const { boxes } = scratch
  boxes.aMin.fill(grid.maxA + 1, 0, pairs)
  boxes.aMax.fill(0, 0, pairs)
  boxes.bMin.fill(grid.maxB + 1, 0, pairs)
  boxes.bMax.fill(0, 0, pairs)
  const width = grid.bMax - grid.bMin + 1
  const size = (grid.aMax - grid.aMin + 1) * width
  if (scratch.pairOf.length < size) scratch.pairOf = new Int16Array(size * 2)
  const pairOf = scratch.pairOf
  let only = -2
  for (let a = grid.aMin; a <= grid.aMax; a++) {
    const from = (a - grid.a0) * grid.cols - grid.b0
    const at = (a - grid.aMin) * width - grid.bMin
    const cellRow = (a - 1) * hiB - 1
    for (let b = grid.bMin; b <= grid.bMax; b++) {
      if (grid.data[from + b] === 0) continue
      const r = rowOf[cellRow + b]!
      const c = colOf[cellRow + b]!
      if (r >= 0 && c >= 0) {
        const pair = r * cols + c
        pairOf[at + b] = pair
        widen(boxes, pair, a, b)
        only = only === -2 || only === pair ? pair : -1
        continue
      }
      pairOf[at + b] = -1
      only = -1
      mixedAt(node, strategies, cellRow + b, scratch)
      for (let r = 0; r < node.rows.length; r++) {
        if (scratch.rowProbs[r] === 0) continue
        for (let c = 0; c < cols; c++)
          if (scratch.rowProbs[r]! * scratch.colProbs[c]! !== 0) widen(boxes, r * cols + c, a, b)
      }
    }
  }
  if (only >= 0) {
    // one pure pair over the whole grid: its grid would be a copy of this one
    const entries = node.entries[only]!
    for (let e = 0; e < entries.length; e++) {
      const { p, node: first } = entries[e]!
      if (e === entries.length - 1 && p !== 0 && into.handOver(first, grid, p)) return true
      copyScaled(grid, gridOf(first), p)
    }
    return false
  }
  for (let i = 0; i < pairs; i++) {
    const targets = scratch.targets[i]!
    const shares = scratch.shares[i]!
    targets.length = 0
    shares.length = 0
    if (boxes.aMin[i]! > boxes.aMax[i]!) continue
    for (const { p, node: first } of node.entries[i]!) {
      const target = gridOf(first)
      growBox(target, boxes.aMin[i]!, boxes.aMax[i]!, boxes.bMin[i]!, boxes.bMax[i]!)
      targets.push(target)
      shares.push(p)
    }
  }
  for (let a = grid.aMin; a <= grid.aMax; a++) {
    const from = (a - grid.a0) * grid.cols - grid.b0
    const at = (a - grid.aMin) * width - grid.bMin
    const cellRow = (a - 1) * hiB - 1
    for (let b = grid.bMin; b <= grid.bMax; b++) {
      const mass = grid.data[from + b]!
      if (mass === 0) continue
      const pair = pairOf[at + b]!
      if (pair >= 0) {
        addToTargets(scratch, pair, a, b, mass)
        continue
      }
      const { rowProbs, colProbs } = mixedAt(node, strategies, cellRow + b, scratch)
      for (let r = 0; r < node.rows.length; r++) {
        if (rowProbs[r] === 0) continue
        for (let c = 0; c < cols; c++) {
          const w = rowProbs[r]! * colProbs[c]!
          if (w !== 0) addToTargets(scratch, r * cols + c, a, b, mass * w)
        }
      }
    }
  }
  return false
}

/**
 * Both sides' probabilities at a cell that is not pure on both sides (rare): what `strategyAt`
 * gives, read straight from the tables.
 */
function mixedAt(node: TurnNode, strategies: Strategies, cell: number, scratch: SplitScratch): SplitScratch {
  const rows = node.rows.length
  const cols = node.cols.length
  const r = strategies.row[node.id]![cell]!
  const c = strategies.col[node.id]![cell]!
  const probs = strategies.mixed[node.id]!.get(cell)
  const { rowProbs, colProbs } = scratch
  for (let i = 0; i < rows; i++) rowProbs[i] = r >= 0 ? (i === r ? 1 : 0) : probs![i]!
  for (let i = 0; i < cols; i++) colProbs[i] = c >= 0 ? (i === c ? 1 : 0) : probs![rows + i]!
  return scratch
}

function widen(boxes: PairBoxes, pair: number, a: number, b: number): void {
  if (a < boxes.aMin[pair]!) boxes.aMin[pair] = a
  if (a > boxes.aMax[pair]!) boxes.aMax[pair] = a
  if (b < boxes.bMin[pair]!) boxes.bMin[pair] = b
  if (b > boxes.bMax[pair]!) boxes.bMax[pair] = b
}

/** What the pair's grid held at (a, b) (`mass`), times each entry's share, into the entry's grid. */
function addToTargets(scratch: SplitScratch, pair: number, a: number, b: number, mass: number): void {
  const targets = scratch.targets[pair]!
  const shares = scratch.shares[pair]!
  for (let e = 0; e < targets.length; e++) {
    const target = targets[e]!
    target.data[(a - target.a0) * target.cols + b - target.b0]! += mass * shares[e]!
  }
}
