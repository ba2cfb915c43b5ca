import type { SweepGraph } from './graph.ts'
import { DAMAGE_A, DAMAGE_B, JOINT_A, JOINT_B, type Layout, SAME } from './layout.ts'
import { createPairConstant, type PairPrograms, type PairTables } from './pair-programs.ts'

/**
 * The part of each pair's payoff at one cell that does not depend on the cell's turn-start values
 * (`constQ`, see `templates.ts`), computed only when a pair is read.
 *
 * Why: the first-action state of a pair (A's move r against B's move c) is read by that pair's
 * payoff only, and at most cells the strategies of the previous cell are still optimal, which a
 * best-response check confirms reading one row and one column of the matrix (7 of 16 pairs for
 * 4 × 4). These states hold most of the work of a cell (each sums a damage distribution), so they
 * are evaluated on demand: `lazyStates` picks them, `ensure` values a pair at the current cell.
 */
export interface PairValues {
  /** Starts a cell: every pair's value is stale. */
  begin(a: number, b: number): void
  /** Makes `constQ[k]` (global pair index) valid at the current cell. */
  ensure(k: number): void
  /** Every pair of the turn states `turns[0 … turnEnd − 1]` (value iteration, best responses). */
  ensureAll(turns: Int32Array, turnEnd: number): void
}

/**
 * Chance states evaluated on demand: first-action states (targets of turn entries) that no other
 * chance state leads to, whose value no other cell reads (not stored) and whose branches only
 * damage (no HP test or healing that could come back to the cell: those stay in the eager pass).
 */
export function lazyStates(graph: SweepGraph, layout: Layout): Uint8Array {
  const { count, gridAt, branchStart, branchKind, branchTarget, pairStart, entryStart, entryNode } = layout
  const lazy = new Uint8Array(count)
  for (let k = 0; k < pairStart[count]!; k++) {
    for (let e = entryStart[k]!; e < entryStart[k + 1]!; e++) lazy[entryNode[e]!] = 1
  }
  for (let br = 0; br < branchStart[count]!; br++) lazy[branchTarget[br]!] = 0
  for (const node of graph.nodes) {
    if (node.kind !== 'chance' || gridAt[node.id]! >= 0) {
      lazy[node.id] = 0
      continue
    }
    for (let br = branchStart[node.id]!; br < branchStart[node.id + 1]!; br++) {
      const kind = branchKind[br]!
      if (kind !== SAME && kind !== DAMAGE_A && kind !== DAMAGE_B && kind !== JOINT_A && kind !== JOINT_B)
        lazy[node.id] = 0
    }
  }
  return lazy
}

/**
 * @param evaluate the cell evaluator's `evaluateLazy` (sets `val[id]` at cell (a, b)), for the pairs
 *   that `programs` does not list flat.
 * @example const pairs = createPairValues(layout, rowsOf, colsOf, lazy, cells.evaluateLazy, val, constQ, programs, tables)
 */
export function createPairValues(
  layout: Layout,
  rowsOf: Int32Array,
  colsOf: Int32Array,
  lazy: Uint8Array,
  evaluate: (id: number, a: number, b: number) => void,
  val: Float64Array,
  constQ: Float64Array,
  programs: PairPrograms,
  tables: PairTables,
): PairValues {
  const { count, pairStart, entryStart, entryP, entryNode } = layout
  const { flat } = programs
  const pairConstant = createPairConstant(programs, tables)
  // a pair (node) is valid at the current cell when its stamp is the cell's
  const pairStamp = new Int32Array(pairStart[count]!)
  const nodeStamp = new Int32Array(count)
  let stamp = 0
  let cellA = 0
  let cellB = 0
  const ensure = (k: number) => {
    if (pairStamp[k] === stamp) return
    pairStamp[k] = stamp
    if (flat[k]) {
      constQ[k] = pairConstant(k, cellA, cellB)
      return
    }
    let q = 0
    for (let e = entryStart[k]!; e < entryStart[k + 1]!; e++) {
      const node = entryNode[e]!
      if (lazy[node] && nodeStamp[node] !== stamp) {
        nodeStamp[node] = stamp
        evaluate(node, cellA, cellB)
      }
      q += entryP[e]! * val[node]!
    }
    constQ[k] = q
  }
  return {
    begin(a, b) {
      stamp++
      cellA = a
      cellB = b
    },
    ensure,
    ensureAll(turns, turnEnd) {
      for (let i = 0; i < turnEnd; i++) {
        const id = turns[i]!
        for (let k = pairStart[id]!; k < pairStart[id]! + rowsOf[id]! * colsOf[id]!; k++) ensure(k)
      }
    },
  }
}

/** Per node: how many choices A (rows) and B (columns) have at a turn state (0 elsewhere). */
export function choiceCounts(graph: SweepGraph) {
  const rowsOf = new Int32Array(graph.nodes.length)
  const colsOf = new Int32Array(graph.nodes.length)
  for (const turn of graph.turns) {
    rowsOf[turn.id] = turn.rows.length
    colsOf[turn.id] = turn.cols.length
  }
  return { rowsOf, colsOf }
}
