import { CHOICE_STRIDE } from './cell-certain.ts'
import type { SweepGraph } from './graph.ts'
import { DAMAGE_A, DAMAGE_B, JOINT_A, JOINT_B, type Layout, SAME } from './layout.ts'
import { createPairSums, type PairPrograms, type PairTables, pairTerms } from './pair-programs.ts'
import { strategyAt } from './strategies.ts'
import type { RespondRule } from './sweep.ts'
import { fixedChoice } from './turn-solve.ts'

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
  /**
   * Starts a stretch of cells `from … to` of row `a` (see `RowSweeper.sweepCells`): a pair's sums
   * are valued ahead for the next cells of the stretch (see `createPairSums`), never past it.
   */
  stretch(a: number, from: number, to: number): void
  /** Starts a cell of the stretch: every pair's value is stale. */
  begin(a: number, b: number): void
  /**
   * Makes `constQ[k]` (global pair index) valid at the current cell, valuing its sums ahead for
   * the next cells of the stretch (a pair read is usually read again at the next cells).
   */
  ensure(k: number): void
  /** `ensure` without valuing ahead: for a read that will not be repeated (a failed check's matrix). */
  ensureHere(k: number): void
  /**
   * The pairs of the turn states `turns[0 … turnEnd − 1]` that the rule's fixed side plays at cell
   * (a, b) (a best response): one row or column of the matrix for a pure choice — a
   * quarter of the pairs of 4 × 4; the other pairs' payoffs weigh 0 (the same values as valuing
   * every pair).
   */
  ensurePlayed(
    turns: Int32Array,
    turnEnd: number,
    a: number,
    b: number,
    rule: RespondRule,
    hiB: Int32Array,
  ): void
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
 * @param rowTop the highest B's HP a turn state reaches in a row (see `Reach.rowTop`): sums are
 *   not valued ahead past it (those cells are not swept).
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
  rowTop: (id: number, a: number) => number = () => Number.POSITIVE_INFINITY,
): PairValues {
  const { count, pairStart, entryStart, entryP, entryNode } = layout
  // per pair: its turn state (whose reachable part of a row bounds the sums valued ahead)
  const pairTurn = new Int32Array(pairStart[count]!)
  for (let id = 0; id < count; id++) pairTurn.fill(id, pairStart[id]!, pairStart[id + 1]!)
  const { flat, ahead } = programs
  const pairSums = createPairSums(programs, tables)
  const addTerms = pairTerms(programs, val)
  // a pair (node) is valid at the current cell when its stamp is the cell's
  const pairStamp = new Int32Array(pairStart[count]!)
  const nodeStamp = new Int32Array(count)
  let stamp = 0
  let cellA = 0
  let cellB = 0
  // the sums valued ahead: pair k's for cells up to `aheadTo[k]` of the stretch numbered
  // `aheadStretch[k]`, at `sums[aheadSlot[k] · width + b − from]`
  const aheadStretch = new Int32Array(pairStart[count]!)
  const aheadTo = new Int32Array(pairStart[count]!)
  const aheadSlot = new Int32Array(pairStart[count]!)
  let stretchId = 0
  let from = 0
  let to = 0
  let width = 1
  let slots = 0
  let sums = new Float64Array(64)
  // the fixed side's probabilities at a cell (`ensurePlayed`)
  const played = new Float64Array(CHOICE_STRIDE)
  /** `ensure`, valuing pair k's sums ahead (`span` cells at most) when it has none for the cell. */
  const valueAt = (k: number, span: number) => {
    if (pairStamp[k] === stamp) return
    pairStamp[k] = stamp
    if (flat[k]) {
      if (aheadStretch[k] !== stretchId) {
        aheadStretch[k] = stretchId
        aheadSlot[k] = slots++
        if (slots * width > sums.length) {
          const grown = new Float64Array(2 * slots * width)
          grown.set(sums)
          sums = grown
        }
        aheadTo[k] = 0
      }
      const at = aheadSlot[k]! * width - from
      if (cellB > aheadTo[k]!) {
        const last = Math.min(to, cellB + span - 1, rowTop(pairTurn[k]!, cellA))
        pairSums(k, cellA, cellB, last, sums, at + cellB)
        aheadTo[k] = last
      }
      constQ[k] = addTerms(k, sums[at + cellB]!)
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
    ensure: (k) => valueAt(k, ahead[k]!),
    ensureHere: (k) => valueAt(k, 1),
    stretch(a, first, last) {
      stretchId++
      slots = 0
      from = first
      to = last
      width = last - first + 1
      cellA = a
    },
    begin(a, b) {
      stamp++
      cellA = a
      cellB = b
    },
    ensurePlayed(turns, turnEnd, a, b, rule, hiB) {
      const fixed = rule.fixedSide
      for (let i = 0; i < turnEnd; i++) {
        const id = turns[i]!
        const rows = rowsOf[id]!
        const cols = colsOf[id]!
        const cell = (a - 1) * hiB[id]! + b - 1
        const first = pairStart[id]!
        const pure = fixedChoice(rule, id, cell)
        if (pure >= 0) {
          for (let y = 0; y < (fixed === 0 ? cols : rows); y++) {
            const k = first + (fixed === 0 ? pure * cols + y : y * cols + pure)
            valueAt(k, ahead[k]!)
          }
          continue
        }
        strategyAt(rule.strategies!, id, cell, fixed, rows, cols, played)
        for (let x = 0; x < (fixed === 0 ? rows : cols); x++) {
          if (played[x] === 0) continue
          for (let y = 0; y < (fixed === 0 ? cols : rows); y++) {
            const k = first + (fixed === 0 ? x * cols + y : y * cols + x)
            valueAt(k, ahead[k]!)
          }
        }
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
