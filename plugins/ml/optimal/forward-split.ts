import { copyScaled } from '../solver/apply.ts'
import { type Grid, growBox } from '../solver/grid.ts'
import type { TurnNode } from './graph.ts'
import type { Strategies } from './strategies.ts'

/** Pairs of moves a turn state can have (4 moves a side, or Struggle alone). */
const MAX_PAIRS = 16
/** `cellPair` of a cell without mass; mixed cells are ≤ MIXED (slot s at MIXED − s). */
const EMPTY = -1
const MIXED = -2

/** Reusable scratch of `splitTurn` (one per forward play): no allocation per turn state. */
export interface SplitScratch {
  /** Per pair of moves: the box of the cells that send it mass (empty: aMin > aMax). */
  readonly aMin: Int32Array
  readonly aMax: Int32Array
  readonly bMin: Int32Array
  readonly bMax: Int32Array
  /** Per cell of the grid's box, in scan order: its pure pair r · cols + c, EMPTY, or a mixed slot. */
  cellPair: Int32Array
  /** Per mixed slot: A's then B's probabilities (rows + cols values). */
  mixed: Float64Array
}

/** @example const scratch = createSplitScratch() */
export function createSplitScratch(): SplitScratch {
  return {
    aMin: new Int32Array(MAX_PAIRS),
    aMax: new Int32Array(MAX_PAIRS),
    bMin: new Int32Array(MAX_PAIRS),
    bMax: new Int32Array(MAX_PAIRS),
    cellPair: new Int32Array(1024),
    mixed: new Float64Array(64),
  }
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
 * first-action grids. The plain way — the cell's mass times both probabilities into a grid per
 * pair, then each pair's grid times each entry's probability into the entry's state, pairs
 * ascending — is followed addition for addition (same products, same order into every cell), so
 * results are equal to the bit; but without the grids per pair nor a strategy lookup per cell per
 * pair (pure choices, almost every cell, are read once from the byte tables): the split was half
 * of forward play's time. A grid that goes whole to one pair is copied (or handed over) as is.
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
  const only = classify(node, grid, hiB, strategies, scratch)
  if (only >= 0) {
    const entries = node.entries[only]!
    for (let e = 0; e < entries.length; e++) {
      const { p, node: first } = entries[e]!
      if (e === entries.length - 1 && p !== 0 && into.handOver(first, grid, p)) return true
      copyScaled(grid, into.gridOf(first), p)
    }
    return false
  }
  const rows = node.rows.length
  const cols = node.cols.length
  const width = grid.bMax - grid.bMin + 1
  const { cellPair, mixed, aMin, aMax, bMin, bMax } = scratch
  for (let pair = 0; pair < rows * cols; pair++) {
    if (aMin[pair]! > aMax[pair]!) continue
    const r = Math.floor(pair / cols)
    const c = rows + (pair % cols)
    for (const { p, node: first } of node.entries[pair]!) {
      const target = into.gridOf(first)
      growBox(target, aMin[pair]!, aMax[pair]!, bMin[pair]!, bMax[pair]!)
      const out = target.data
      for (let a = aMin[pair]!; a <= aMax[pair]!; a++) {
        const from = (a - grid.a0) * grid.cols - grid.b0
        const at = (a - grid.aMin) * width - grid.bMin
        const to = (a - target.a0) * target.cols - target.b0
        for (let b = bMin[pair]!; b <= bMax[pair]!; b++) {
          const kind = cellPair[at + b]!
          if (kind === pair) out[to + b]! += grid.data[from + b]! * p
          else if (kind <= MIXED) {
            const slot = (MIXED - kind) * (rows + cols)
            const rowP = mixed[slot + r]!
            if (rowP === 0) continue
            const w = rowP * mixed[slot + c]!
            if (w !== 0) out[to + b]! += grid.data[from + b]! * w * p
          }
        }
      }
    }
  }
  return false
}

/**
 * Marks every cell of the grid's box with its pure pair (or EMPTY, or its mixed slot, whose
 * probabilities it stores), and the box of each pair's cells; returns the one pure pair every
 * cell with mass plays, or −1. The hot loop only reads the byte tables (mixed cells, rare, are
 * handled in a second pass over the box when there are any).
 */
function classify(
  node: TurnNode,
  grid: Grid,
  hiB: number,
  strategies: Strategies,
  scratch: SplitScratch,
): number {
  const cols = node.cols.length
  const { aMin, aMax, bMin, bMax } = scratch
  aMin.fill(grid.maxA + 1)
  aMax.fill(0)
  bMin.fill(grid.maxB + 1)
  bMax.fill(0)
  const width = grid.bMax - grid.bMin + 1
  const size = (grid.aMax - grid.aMin + 1) * width
  if (scratch.cellPair.length < size) scratch.cellPair = new Int32Array(size * 2)
  const cellPair = scratch.cellPair
  const rowOf = strategies.row[node.id]!
  const colOf = strategies.col[node.id]!
  const data = grid.data
  const [a0, a1, b0, b1] = [grid.aMin, grid.aMax, grid.bMin, grid.bMax]
  let seen = 0
  let mixedCells = 0
  for (let a = a0; a <= a1; a++) {
    const from = (a - grid.a0) * grid.cols - grid.b0
    const at = (a - a0) * width - b0
    const cellRow = (a - 1) * hiB - 1
    let inRow = 0
    for (let b = b0; b <= b1; b++) {
      if (data[from + b] === 0) {
        cellPair[at + b] = EMPTY
        continue
      }
      const r = rowOf[cellRow + b]!
      const c = colOf[cellRow + b]!
      if (r < 0 || c < 0) {
        cellPair[at + b] = MIXED
        mixedCells++
        continue
      }
      const pair = r * cols + c
      cellPair[at + b] = pair
      inRow |= 1 << pair
      if (b < bMin[pair]!) bMin[pair] = b
      if (b > bMax[pair]!) bMax[pair] = b
    }
    seen |= inRow
    for (let pair = 0; inRow !== 0; pair++, inRow >>>= 1) {
      if ((inRow & 1) === 0) continue
      if (a < aMin[pair]!) aMin[pair] = a
      aMax[pair] = a
    }
  }
  if (mixedCells > 0) {
    classifyMixed(node, grid, hiB, strategies, scratch)
    return -1
  }
  // one bit: the grid goes whole to that pair
  return (seen & (seen - 1)) === 0 ? 31 - Math.clz32(seen) : -1
}

/** The mixed cells `classify` marked: their probabilities stored in slots, the pairs' boxes widened. */
function classifyMixed(
  node: TurnNode,
  grid: Grid,
  hiB: number,
  strategies: Strategies,
  scratch: SplitScratch,
): void {
  const rows = node.rows.length
  const cols = node.cols.length
  const width = grid.bMax - grid.bMin + 1
  const mixed = strategies.mixed[node.id]!
  let slots = 0
  for (let a = grid.aMin; a <= grid.aMax; a++) {
    const at = (a - grid.aMin) * width - grid.bMin
    const cellRow = (a - 1) * hiB - 1
    for (let b = grid.bMin; b <= grid.bMax; b++) {
      if (scratch.cellPair[at + b] !== MIXED) continue
      const r = strategies.row[node.id]![cellRow + b]!
      const c = strategies.col[node.id]![cellRow + b]!
      scratch.cellPair[at + b] = MIXED - slots
      const slot = storeMixed(scratch, slots++, rows, cols, r, c, mixed.get(cellRow + b))
      for (let r = 0; r < rows; r++) {
        if (scratch.mixed[slot + r] === 0) continue
        for (let c = 0; c < cols; c++)
          if (scratch.mixed[slot + r]! * scratch.mixed[slot + rows + c]! !== 0)
            widen(scratch, r * cols + c, a, b)
      }
    }
  }
}

/**
 * Stores both sides' probabilities at a cell that is not pure on both sides (rare) in mixed slot
 * `index` — what `strategyAt` gives — and returns where they start.
 */
function storeMixed(
  scratch: SplitScratch,
  index: number,
  rows: number,
  cols: number,
  pureRow: number,
  pureCol: number,
  probs: Float64Array | undefined,
): number {
  const slot = index * (rows + cols)
  if (scratch.mixed.length < slot + rows + cols) {
    const grown = new Float64Array(2 * (slot + rows + cols))
    grown.set(scratch.mixed)
    scratch.mixed = grown
  }
  const out = scratch.mixed
  for (let i = 0; i < rows; i++) out[slot + i] = pureRow >= 0 ? (i === pureRow ? 1 : 0) : probs![i]!
  for (let i = 0; i < cols; i++)
    out[slot + rows + i] = pureCol >= 0 ? (i === pureCol ? 1 : 0) : probs![rows + i]!
  return slot
}

function widen(boxes: SplitScratch, pair: number, a: number, b: number): void {
  if (a < boxes.aMin[pair]!) boxes.aMin[pair] = a
  if (a > boxes.aMax[pair]!) boxes.aMax[pair] = a
  if (b < boxes.bMin[pair]!) boxes.bMin[pair] = b
  if (b > boxes.bMax[pair]!) boxes.bMax[pair] = b
}
