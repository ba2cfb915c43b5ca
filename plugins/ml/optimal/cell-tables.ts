import type { SweepChance, SweepGraph } from './graph.ts'
import { DAMAGE_A, type Layout, SAME } from './layout.ts'
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
  return { sameStart, sameTarget: Int32Array.from(targets), sameCoef: Float64Array.from(coefs) }
}

/**
 * Damage to A reads rows below the current one only: for each state with such branches, their sum
 * over a row is accumulated row by row of the target (contiguous reads, one multiply-add per value
 * and cell) instead of cell by cell down a column of the table. The sums are made a stretch of
 * cells at a time (`sum`), just before the cells that read them: a thread sweeping a stretch of a
 * row needs only that stretch of the rows below done. Each sum adds the same terms in the same
 * order however the row is cut.
 */
export function rowSums(layout: Layout, reach: Reach, grid: Float64Array, lazy: Uint8Array) {
  const { count, branchStart, branchKind, branchP, branchDist, branchTarget, gridAt } = layout
  const { distStart, distValue, distProb } = layout
  const { hiA, hiB, rowAt, rowTop } = reach
  const at = new Int32Array(count).fill(-1)
  const nodes: number[] = []
  let size = 0
  for (let id = 0; id < count; id++) {
    if (hiA[id]! === 0 || lazy[id]) continue
    for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
      if (branchKind[br] !== DAMAGE_A) continue
      at[id] = size
      size += hiB[id]!
      nodes.push(id)
      break
    }
  }
  const sums = new Float64Array(size)
  return {
    at,
    sums,
    /** The sums of row `a` at cells `from … to` (B's HP) of every state of the row. */
    sum(a: number, from: number, to: number) {
      for (const id of nodes) {
        if (hiA[id]! < a) continue
        const base = at[id]!
        const first = from - 1
        // the cells of the row this state reaches (see `reachRows`)
        const end = Math.min(to, rowTop[rowAt[id]! + a - 1]!)
        if (end <= first) continue
        sums.fill(0, base + first, base + end)
        for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
          if (branchKind[br] !== DAMAGE_A) continue
          const d = branchDist[br]!
          const cols = hiB[branchTarget[br]!]!
          const origin = gridAt[branchTarget[br]!]! - cols
          const p = branchP[br]!
          for (let j = distStart[d]!; j < distStart[d + 1]!; j++) {
            const v = distValue[j]!
            if (v >= a) break
            const q = p * distProb[j]!
            const row = origin + (a - v) * cols
            for (let b = first; b < end; b++) sums[base + b] = sums[base + b]! + q * grid[row + b]!
          }
        }
      }
    },
  }
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
  const groups = Array.from({ length: 2 * stages.length + 1 }, (_, g) =>
    Int32Array.from(
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
    kind: Uint8Array.from(kind),
    branch: Int32Array.from(branch),
    at: Int32Array.from(at),
    stride: Int32Array.from(stride),
    sameStart: lazySame,
    sameTarget: Int32Array.from(targets),
    sameCoef: Float64Array.from(coefs),
  }
}
