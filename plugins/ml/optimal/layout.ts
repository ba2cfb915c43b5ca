import type { HpOp } from '../solver/kernel.ts'
import { isPointBranch } from './branch-eval.ts'
import type { GameGraph } from './graph.ts'
import type { Reach } from './reach.ts'

/** How a branch changes HP, for the evaluation loops. */
export const SAME = 0
export const DAMAGE_B = 1
export const DAMAGE_A = 2
export const GENERAL = 3
/** Damage on B, then recoil on (or drain to) A, per damage value; `…_A` the other way round. */
export const JOINT_B = 4
export const JOINT_A = 5
/** Every op maps the cell to one cell (residual damage, healing, HP tests): see `runPoint`. */
export const POINT = 6

/**
 * The graph flattened into typed arrays for the value sweeps: the inner loops then read
 * monomorphic arrays only (no objects, no closures), which is what keeps a solve in milliseconds.
 *
 * - Value tables of all stored states share one Float64Array of `gridSize` (the sweep's `grid`,
 *   lent by the caller: reused across solves, as a fresh one costs a page fault per 4 KB); state
 *   n's cell (a, b) is at `gridAt[n] + (a − 1) · hiB[n] + (b − 1)` (only states read at other
 *   cells are stored).
 * - Branches of chance state n: indices `branchStart[n] … branchStart[n + 1] − 1`.
 * - Damage distributions are sparse (value, probability) lists sorted by value, with tails
 *   (`tail[j]` = P(value ≥ value[j])) so that a knock-out is one read.
 * - Turn state n, pair i (row-major over its choices): `entryStart[pairStart[n] + i]` … .
 */
export interface Layout {
  readonly count: number
  readonly gridAt: Int32Array
  readonly gridSize: number
  readonly branchStart: Int32Array
  readonly branchKind: Uint8Array
  readonly branchP: Float64Array
  readonly branchTarget: Int32Array
  readonly branchDist: Int32Array
  /**
   * Per branch, its HP ops. The sweep runs them for `POINT` and `GENERAL` branches only (the other
   * kinds are in the tables above): a sweep helper receives those alone (`team-game.ts`).
   */
  readonly branchOps: readonly (readonly HpOp[])[]
  /**
   * For joint branches: per entry of the damage distribution (aligned with `distStart`), the change
   * of the attacker's HP (−recoil or +drain), at `branchDelta[branchDeltaAt[br] + j − distStart[d]]`.
   */
  readonly branchDeltaAt: Int32Array
  readonly branchDelta: Int32Array
  readonly distStart: Int32Array
  readonly distValue: Int32Array
  readonly distProb: Float64Array
  readonly distTail: Float64Array
  readonly pairStart: Int32Array
  readonly entryStart: Int32Array
  readonly entryP: Float64Array
  readonly entryNode: Int32Array
}

/** @example const layout = layoutOf(graph, reach) */
export function layoutOf(graph: GameGraph, reach: Reach): Layout {
  const { nodes } = graph
  const count = nodes.length
  const { hiA, hiB } = reach
  const stored = new Uint8Array(count)
  for (const turn of graph.turns) stored[turn.id] = 1
  for (const node of graph.chances) for (const br of node.branches) if (br.ops.length > 0) stored[br.node] = 1
  const gridAt = new Int32Array(count).fill(-1)
  let size = 0
  for (let id = 0; id < count; id++) {
    if (!stored[id] || hiA[id]! === 0) continue
    gridAt[id] = size
    size += hiA[id]! * hiB[id]!
  }
  const branchStart = new Int32Array(count + 1)
  const kinds: number[] = []
  const ps: number[] = []
  const targets: number[] = []
  const distOf: number[] = []
  const ops: (readonly HpOp[])[] = []
  const deltaAt: number[] = []
  const deltas: number[] = []
  const dists = createDistTable()
  for (let id = 0; id < count; id++) {
    branchStart[id] = kinds.length
    const node = nodes[id]!
    if (node.kind !== 'chance') continue
    for (const br of node.branches) {
      const op = br.ops[0]
      let kind = GENERAL
      let dist = -1
      const follow = br.ops[1]
      deltaAt.push(deltas.length)
      if (br.ops.length === 0) kind = SAME
      else if (br.ops.length === 1 && op?.kind === 'damage' && op.dist.min >= 1) {
        kind = op.side === 1 ? DAMAGE_B : DAMAGE_A
        dist = dists.add(op.dist.min, op.dist.probs)
      } else if (isPointBranch(br.ops)) {
        kind = POINT
      } else if (
        br.ops.length === 2 &&
        op?.kind === 'damage' &&
        op.dist.min >= 1 &&
        (follow?.kind === 'recoil' || follow?.kind === 'drain') &&
        follow.side !== op.side
      ) {
        kind = op.side === 1 ? JOINT_B : JOINT_A
        dist = dists.add(op.dist.min, op.dist.probs)
        for (let k = 0; k < op.dist.probs.length; k++) {
          if (op.dist.probs[k] === 0) continue
          const amount = Math.max(1, Math.round(((op.dist.min + k) * follow.num) / follow.den))
          deltas.push(follow.kind === 'recoil' ? -amount : amount)
        }
      }
      kinds.push(kind)
      ps.push(br.p)
      targets.push(br.node)
      distOf.push(dist)
      ops.push(br.ops)
    }
  }
  branchStart[count] = kinds.length
  const pairStart = new Int32Array(count + 1)
  const entryStart: number[] = []
  const entryP: number[] = []
  const entryNode: number[] = []
  for (let id = 0; id < count; id++) {
    pairStart[id] = entryStart.length
    const node = nodes[id]!
    if (node.kind !== 'turn') continue
    for (const entry of node.entries) {
      entryStart.push(entryP.length)
      for (const { p, node: next } of entry) {
        entryP.push(p)
        entryNode.push(next)
      }
    }
  }
  pairStart[count] = entryStart.length
  entryStart.push(entryP.length)
  return {
    count,
    gridAt,
    gridSize: size,
    branchStart,
    branchKind: new Uint8Array(kinds),
    branchP: new Float64Array(ps),
    branchTarget: new Int32Array(targets),
    branchDist: new Int32Array(distOf),
    branchOps: ops,
    branchDeltaAt: new Int32Array(deltaAt),
    branchDelta: new Int32Array(deltas),
    ...dists.arrays(),
    pairStart,
    entryStart: new Int32Array(entryStart),
    entryP: new Float64Array(entryP),
    entryNode: new Int32Array(entryNode),
  }
}

/** Sparse distributions, deduplicated by identity of their dense probabilities. */
function createDistTable() {
  const known = new Map<Float64Array, Map<number, number>>()
  const starts: number[] = []
  const values: number[] = []
  const probs: number[] = []
  const tails: number[] = []
  return {
    add(min: number, dense: Float64Array): number {
      const byMin = known.get(dense) ?? new Map<number, number>()
      known.set(dense, byMin)
      const cached = byMin.get(min)
      if (cached !== undefined) return cached
      const index = starts.length
      starts.push(values.length)
      const first = values.length
      for (let k = 0; k < dense.length; k++) {
        if (dense[k]! === 0) continue
        values.push(min + k)
        probs.push(dense[k]!)
      }
      for (let j = first; j < values.length; j++) tails.push(0)
      let tail = 0
      for (let j = values.length - 1; j >= first; j--) {
        tail += probs[j]!
        tails[j] = tail
      }
      byMin.set(min, index)
      return index
    },
    arrays() {
      return {
        distStart: new Int32Array([...starts, values.length]),
        distValue: new Int32Array(values),
        distProb: new Float64Array(probs),
        distTail: new Float64Array(tails),
      }
    },
  }
}
