import type { SweepGraph } from './graph.ts'
import { type Layout, SAME } from './layout.ts'

/**
 * How the value of a state at one HP cell depends on the turn-start values at that same cell.
 *
 * Outcomes that change no HP ("both miss", a stat boost) lead back to a turn start at the same
 * cell, so a state's value there is `c + Σ coef · V(turn start)` where `c` collects everything that
 * moved HP. Following the HP-free branches (`SAME`) gives the coefficients once for all cells: they
 * are products of branch probabilities. Then each turn state's payoff matrix at a cell is
 * `constant + Σ coef · V`, and the cell's small fixed point iterates over turn states only.
 */
export interface SameCellTemplates {
  /** Per pair (global index `Layout.pairStart[turn] + i`): its terms `termStart[i] … termStart[i + 1] − 1`. */
  readonly termStart: Int32Array
  readonly termNode: Int32Array
  readonly termCoef: Float64Array
  /** Per chance state: its terms `nodeTermStart[n] … nodeTermStart[n + 1] − 1`. */
  readonly nodeTermStart: Int32Array
  readonly nodeTermNode: Int32Array
  readonly nodeTermCoef: Float64Array
}

/** @example const templates = sameCellTemplates(graph, layout) */
export function sameCellTemplates(graph: SweepGraph, layout: Layout): SameCellTemplates {
  const { count, branchStart, branchKind, branchP, branchTarget } = layout
  const isTurn = new Uint8Array(count)
  for (const turn of graph.turns) isTurn[turn.id] = 1
  // coefficient maps of chance states, last phase first (SAME branches point to later phases)
  const coefs: (Map<number, number> | undefined)[] = new Array(count)
  const stages = [...new Set(graph.chances.map((n) => n.stage))].sort((x, y) => y - x)
  for (const stage of stages) {
    for (const node of graph.chances) {
      if (node.stage !== stage) continue
      const map = new Map<number, number>()
      for (let br = branchStart[node.id]!; br < branchStart[node.id + 1]!; br++) {
        if (branchKind[br] !== SAME) continue
        const target = branchTarget[br]!
        const p = branchP[br]!
        if (isTurn[target]) map.set(target, (map.get(target) ?? 0) + p)
        else for (const [t, c] of coefs[target] ?? []) map.set(t, (map.get(t) ?? 0) + p * c)
      }
      coefs[node.id] = map
    }
  }
  const nodeTermStart = new Int32Array(count + 1)
  const nodeTermNode: number[] = []
  const nodeTermCoef: number[] = []
  for (let id = 0; id < count; id++) {
    nodeTermStart[id] = nodeTermNode.length
    for (const [t, c] of coefs[id] ?? []) {
      nodeTermNode.push(t)
      nodeTermCoef.push(c)
    }
  }
  nodeTermStart[count] = nodeTermNode.length
  const termStart: number[] = []
  const termNode: number[] = []
  const termCoef: number[] = []
  for (let id = 0; id < count; id++) {
    const node = graph.nodes[id]!
    if (node.kind !== 'turn') continue
    for (const entry of node.entries) {
      termStart.push(termNode.length)
      const map = new Map<number, number>()
      for (const { p, node: first } of entry) {
        for (const [t, c] of coefs[first] ?? []) map.set(t, (map.get(t) ?? 0) + p * c)
      }
      for (const [t, c] of map) {
        termNode.push(t)
        termCoef.push(c)
      }
    }
  }
  termStart.push(termNode.length)
  return {
    termStart: new Int32Array(termStart),
    termNode: new Int32Array(termNode),
    termCoef: new Float64Array(termCoef),
    nodeTermStart,
    nodeTermNode: new Int32Array(nodeTermNode),
    nodeTermCoef: new Float64Array(nodeTermCoef),
  }
}

/**
 * The value iteration's payoff matrices (`payoff[r · cols + c]` of a turn state at the cell): from
 * the first-action states' values (a cell that comes back to itself through an HP change), or from
 * the pairs' constants and the current turn-start values (see `SameCellTemplates`). `entryFrom…`
 * give one entry (`k` = r · cols + c, the same sums): a best response reads only the pairs the
 * fixed side plays.
 *
 * @example const { payoffFromTemplates } = payoffFillers(layout, rowsOf, colsOf, templates, constQ, val, payoff)
 */
export function payoffFillers(
  layout: Layout,
  rowsOf: Int32Array,
  colsOf: Int32Array,
  templates: SameCellTemplates,
  constQ: Float64Array,
  val: Float64Array,
  payoff: Float64Array,
) {
  const { pairStart, entryStart, entryP, entryNode } = layout
  const { termStart, termNode, termCoef } = templates
  const entryFromValues = (id: number, k: number): number => {
    const pair = pairStart[id]! + k
    let q = 0
    for (let e = entryStart[pair]!; e < entryStart[pair + 1]!; e++) q += entryP[e]! * val[entryNode[e]!]!
    return q
  }
  const entryFromTemplates = (id: number, k: number): number => {
    const pair = pairStart[id]! + k
    let q = constQ[pair]!
    for (let t = termStart[pair]!; t < termStart[pair + 1]!; t++) q += termCoef[t]! * val[termNode[t]!]!
    return q
  }
  return {
    entryFromValues,
    entryFromTemplates,
    // the whole matrix in one loop, not entry by entry: ×1.5 on a game whose cells iterate
    // thousands of rounds (a call per entry there)
    payoffFromValues(id: number) {
      const pairs = pairStart[id]!
      for (let i = 0; i < rowsOf[id]! * colsOf[id]!; i++) {
        let q = 0
        for (let e = entryStart[pairs + i]!; e < entryStart[pairs + i + 1]!; e++)
          q += entryP[e]! * val[entryNode[e]!]!
        payoff[i] = q
      }
    },
    payoffFromTemplates(id: number) {
      const pairs = pairStart[id]!
      for (let i = 0; i < rowsOf[id]! * colsOf[id]!; i++) {
        let q = constQ[pairs + i]!
        for (let t = termStart[pairs + i]!; t < termStart[pairs + i + 1]!; t++)
          q += termCoef[t]! * val[termNode[t]!]!
        payoff[i] = q
      }
    },
  }
}
