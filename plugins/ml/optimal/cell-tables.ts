import type { SweepChance, SweepGraph } from './graph.ts'
import { type Layout, SAME } from './layout.ts'
import type { Reach } from './reach.ts'

/**
 * `zero`: chance states (not evaluated on demand) whose branches are all `SAME` into turn states or
 * other such states; `noLower`: those and the turn states (their part that is not a same-cell
 * turn value is 0). Later phases first: `SAME` branches lead to later phases or to turn states.
 */
export function zeroStates(graph: SweepGraph, layout: Layout, lazy: Uint8Array) {
  const { count, branchStart, branchKind, branchTarget } = layout
  const zero = new Uint8Array(count)
  const noLower = new Uint8Array(count)
  for (const turn of graph.turns) noLower[turn.id] = 1
  for (const node of [...graph.chances].sort((x, y) => y.stage - x.stage)) {
    if (lazy[node.id]) continue
    let only = 1
    for (let br = branchStart[node.id]!; br < branchStart[node.id + 1]!; br++)
      if (branchKind[br] !== SAME || !noLower[branchTarget[br]!]) only = 0
    zero[node.id] = only
    noLower[node.id] = only
  }
  return { zero, noLower }
}

/** The `SAME` branches of every chance state, flat (they do not depend on the cell). */
export function sameLists(layout: Layout) {
  const { count, branchStart, branchKind, branchP, branchTarget } = layout
  const sameStart = new Int32Array(count + 1)
  const targets: number[] = []
  const coefs: number[] = []
  for (let id = 0; id < count; id++) {
    sameStart[id] = targets.length
    for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
      if (branchKind[br] !== SAME) continue
      targets.push(branchTarget[br]!)
      coefs.push(branchP[br]!)
    }
  }
  sameStart[count] = targets.length
  return { sameStart, sameTarget: new Int32Array(targets), sameCoef: new Float64Array(coefs) }
}

/**
 * The `SAME` terms of every state that `CellEvaluator.evaluate` adds: those on states with a part
 * of their own (not `noLower`; the others' same-cell values are the templates' business).
 */
export function eagerSameLists(
  sameStart: Int32Array,
  sameTarget: Int32Array,
  sameCoef: Float64Array,
  noLower: Uint8Array,
) {
  const count = sameStart.length - 1
  const start = new Int32Array(count + 1)
  const targets: number[] = []
  const coefs: number[] = []
  for (let id = 0; id < count; id++) {
    start[id] = targets.length
    for (let s = sameStart[id]!; s < sameStart[id + 1]!; s++) {
      if (noLower[sameTarget[s]!]) continue
      targets.push(sameTarget[s]!)
      coefs.push(sameCoef[s]!)
    }
  }
  start[count] = targets.length
  return { sameStart: start, sameTarget: new Int32Array(targets), sameCoef: new Float64Array(coefs) }
}

/**
 * The chance states of the sweep in evaluation order, each group sorted by widest B range first
 * (a row's cells trim its tail): by stage, last phase first (same-cell references point to later
 * phases), first the `zero` states (never evaluated, only iterated when a cell comes back to
 * itself), from `evaluated` on the evaluated ones, last the states valued on demand.
 */
export function stageGroups(graph: SweepGraph, reach: Reach, lazy: Uint8Array, zero: Uint8Array) {
  const { hiA, hiB } = reach
  const stages = [...new Set(graph.chances.map((n) => n.stage))].sort((x, y) => y - x)
  const groupOf = (n: SweepChance) =>
    lazy[n.id] ? 2 * stages.length : stages.indexOf(n.stage) + (zero[n.id] ? 0 : stages.length)
  const groups = Array.from(
    { length: 2 * stages.length + 1 },
    (_, g) =>
      new Int32Array(
        graph.chances
          .filter((n) => hiA[n.id]! > 0 && groupOf(n) === g)
          .map((n) => n.id)
          .sort((x, y) => hiB[y]! - hiB[x]!),
      ),
  )
  return { groups, evaluated: stages.length, lazyGroup: 2 * stages.length }
}

/**
 * Per state valued on demand: its damaging branches (`kind`, `branch`, and where its target's
 * table starts with its row stride: damage to A reads down a column, one row apart per HP) and
 * its `SAME` terms on states with a part of their own, flat.
 */
export function lazyPrograms(
  layout: Layout,
  reach: Reach,
  lazy: Uint8Array,
  noLower: Uint8Array,
  sameStart: Int32Array,
  sameTarget: Int32Array,
  sameCoef: Float64Array,
) {
  const { count, branchStart, branchKind, branchTarget, gridAt } = layout
  const start = new Int32Array(count + 1)
  const kind: number[] = []
  const branch: number[] = []
  const at: number[] = []
  const stride: number[] = []
  const lazySame = new Int32Array(count + 1)
  const targets: number[] = []
  const coefs: number[] = []
  for (let id = 0; id < count; id++) {
    start[id] = kind.length
    lazySame[id] = targets.length
    if (!lazy[id]) continue
    for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
      if (branchKind[br] === SAME) continue
      const target = branchTarget[br]!
      kind.push(branchKind[br]!)
      branch.push(br)
      at.push(gridAt[target]!)
      stride.push(reach.hiB[target]!)
    }
    for (let s = sameStart[id]!; s < sameStart[id + 1]!; s++) {
      if (noLower[sameTarget[s]!]) continue
      targets.push(sameTarget[s]!)
      coefs.push(sameCoef[s]!)
    }
  }
  start[count] = kind.length
  lazySame[count] = targets.length
  return {
    start,
    kind: new Uint8Array(kind),
    branch: new Int32Array(branch),
    at: new Int32Array(at),
    stride: new Int32Array(stride),
    sameStart: lazySame,
    sameTarget: new Int32Array(targets),
    sameCoef: new Float64Array(coefs),
  }
}
