import type { BufferStore } from '../solver/grid.ts'
import type { SweepGraph } from './graph.ts'
import type { Reach } from './reach.ts'

/** The states' HP bounds: what the tables are sized by. */
type Bounds = Pick<Reach, 'hiA' | 'hiB'>

/**
 * What each side plays in every turn-start state at every HP cell. Most cells have a pure optimal
 * choice (stored as one byte per side); mixed cells keep their probabilities apart.
 * Cell index inside a state's table: (a − 1) · hiB + (b − 1).
 */
export interface Strategies {
  /** Per node id (turn nodes only): the row (A) / column (B) played, or −1 when mixed. */
  readonly row: (Int8Array | null)[]
  readonly col: (Int8Array | null)[]
  /** Mixed cells: A's probabilities then B's. */
  readonly mixed: (Map<number, Float64Array> | null)[]
}

/** The turn states with a table (a positive HP range), by id. */
export function liveTurns(graph: SweepGraph, reach: Bounds): number[] {
  return graph.turns.map((t) => t.id).filter((id) => reach.hiA[id]! > 0)
}

/**
 * Empty tables for the turn nodes of a graph (the others stay null). With `buffer` (all zeros, at
 * least `strategyBytes` long), the pure choices live in it: a SharedArrayBuffer lets threads
 * sweeping other rows of the same game write into the same tables (each thread keeps its own
 * mixed cells); a buffer of the solver's store (see `lendStrategies`) has its pages mapped already.
 */
export function createStrategies(
  turnIds: readonly number[],
  reach: Bounds,
  nodeCount: number,
  buffer?: ArrayBufferLike,
): Strategies {
  const row: (Int8Array | null)[] = new Array(nodeCount).fill(null)
  const col: (Int8Array | null)[] = new Array(nodeCount).fill(null)
  const mixed: (Map<number, Float64Array> | null)[] = new Array(nodeCount).fill(null)
  let offset = 0
  for (const id of turnIds) {
    const size = reach.hiA[id]! * reach.hiB[id]!
    row[id] = buffer ? new Int8Array(buffer, offset, size) : new Int8Array(size)
    col[id] = buffer ? new Int8Array(buffer, offset + size, size) : new Int8Array(size)
    offset += 2 * size
    mixed[id] = new Map()
  }
  return { row, col, mixed }
}

/** Strategy tables over a buffer lent by a store, and the way to give it back. */
export interface LentStrategies {
  readonly strategies: Strategies
  /** Zeroes the tables, gives their buffer back (once) and drops them from `strategies` (see `detach`). */
  readonly giveBack: () => void
}

/**
 * `createStrategies` over a buffer of `store` (viewed as bytes). Why: a fresh table's every 4 KB
 * page costs a page fault on its first write, ≈ 12 µs on the 2-core VM (a median game's tables
 * are 0.5–2 MB, written during the sweep: 1.5–6 ms); the store's buffers are mapped already.
 *
 * @example const { strategies, giveBack } = lendStrategies(turnIds, reach, count, store)
 */
export function lendStrategies(
  turnIds: readonly number[],
  reach: Bounds,
  nodeCount: number,
  store: BufferStore,
): LentStrategies {
  const words = Math.max(1, Math.ceil(strategyBytes(turnIds, reach) / 8))
  const table = store.take(words)
  const strategies = createStrategies(turnIds, reach, nodeCount, table.buffer)
  let lent = true
  return {
    strategies,
    giveBack() {
      if (!lent) return
      lent = false
      detach(strategies)
      store.give(table.fill(0, 0, words))
    },
  }
}

/**
 * Drops the tables of `strategies` (given back to a store): a read after that fails at once
 * instead of finding another solve's choices or zeros.
 */
export function detach(strategies: Strategies): void {
  strategies.row.fill(null)
  strategies.col.fill(null)
  strategies.mixed.fill(null)
}

/** Bytes of the pure choices of `createStrategies` for these turn nodes. */
export function strategyBytes(turnIds: readonly number[], reach: Bounds): number {
  let bytes = 0
  for (const id of turnIds) bytes += 2 * reach.hiA[id]! * reach.hiB[id]!
  return bytes
}

/** Records the solution at a cell: pure when one choice has probability 1 on each side. */
export function recordStrategy(
  strategies: Strategies,
  node: number,
  cell: number,
  rowProbs: Float64Array,
  rows: number,
  colProbs: Float64Array,
  cols: number,
): void {
  const pureRow = pureIndex(rowProbs, rows)
  const pureCol = pureIndex(colProbs, cols)
  const mixed = strategies.mixed[node]!
  if (pureRow >= 0 && pureCol >= 0) {
    if (strategies.row[node]![cell] === -1) mixed.delete(cell)
    strategies.row[node]![cell] = pureRow
    strategies.col[node]![cell] = pureCol
    return
  }
  strategies.row[node]![cell] = -1
  strategies.col[node]![cell] = -1
  const probs = new Float64Array(rows + cols)
  for (let r = 0; r < rows; r++) probs[r] = rowProbs[r]!
  for (let c = 0; c < cols; c++) probs[rows + c] = colProbs[c]!
  mixed.set(cell, probs)
}

/** Records a pure choice of both sides at a cell (what `recordStrategy` does for pure probabilities). */
export function recordPure(
  strategies: Strategies,
  node: number,
  cell: number,
  row: number,
  col: number,
): void {
  const rows = strategies.row[node]!
  if (rows[cell] === -1) strategies.mixed[node]!.delete(cell)
  rows[cell] = row
  strategies.col[node]![cell] = col
}

function pureIndex(probs: Float64Array, count: number): number {
  for (let i = 0; i < count; i++) if (probs[i]! >= 1 - 1e-12) return i
  return -1
}

/** A side's probabilities at a cell (written into `out`, length ≥ choices). */
export function strategyAt(
  strategies: Strategies,
  node: number,
  cell: number,
  side: 0 | 1,
  rows: number,
  cols: number,
  out: Float64Array,
): Float64Array {
  const pure = (side === 0 ? strategies.row : strategies.col)[node]![cell]!
  const count = side === 0 ? rows : cols
  out.fill(0, 0, count)
  if (pure >= 0) {
    out[pure] = 1
    return out
  }
  const probs = strategies.mixed[node]!.get(cell)!
  for (let i = 0; i < count; i++) out[i] = probs[side === 0 ? i : rows + i]!
  return out
}
