import type { BufferStore } from '../solver/grid.ts'
import type { HpOp } from '../solver/kernel.ts'
import type { GameGraph } from './graph.ts'
import { reachRows } from './reach-rows.ts'

/**
 * The highest HP each side can have in each state, over every way of reaching it from the start
 * (any choices, any luck): values are only computed below these bounds. A status or a stat stage
 * that only a damaging hit can cause is never met at full HP, so its table is smaller — often much
 * smaller (a third Iron Tail drop needs three hits).
 */
export interface Reach {
  /** hiA[node], hiB[node]: bounds (0 = unreachable). */
  readonly hiA: Int32Array
  readonly hiB: Int32Array
  /**
   * Within those bounds, per state and row (A's HP): the highest B's HP reachable in that row
   * (0: none), at `rowTop[rowAt[node] + a − 1]` for a = 1 … hiA[node] (see `reachRows`). The
   * sweep values only these cells.
   */
  readonly rowAt: Int32Array
  readonly rowTop: Int32Array
}

/** The highest B's HP reachable in row `a` (A's HP) of state `id`: 0 when none is. */
export function rowTopOf(reach: Reach, id: number, a: number): number {
  return a >= 1 && a <= reach.hiA[id]! ? reach.rowTop[reach.rowAt[id]! + a - 1]! : 0
}

/** Cells (state, A's HP, B's HP) the sweep values: every row's reachable part, over every state. */
export function reachableCells(reach: Reach): number {
  const { rowTop } = reach
  let cells = 0
  // indexed: `for … of` a typed array runs its iterator, ≈ 30× slower here (0.3 ms a median game)
  for (let i = 0; i < rowTop.length; i++) cells += rowTop[i]!
  return cells
}

/**
 * Propagates the bounds from the start cell through every branch until nothing grows (a fixed
 * point: bounds only grow and are capped at max HP). Sound: each op's bound is the largest HP it
 * can leave from any HP up to the bound (damage takes at least its minimum, healing at most its
 * amount, drain at most what the biggest hit drains).
 *
 * @param scratch lends `reachRows` its queue (see there)
 * @example const { hiA, hiB } = reachOf(graph, 110, 140, maxA, maxB)
 */
export function reachOf(
  graph: GameGraph,
  startA: number,
  startB: number,
  maxA: number,
  maxB: number,
  scratch?: BufferStore,
): Reach {
  const count = graph.nodes.length
  const hiA = new Int32Array(count)
  const hiB = new Int32Array(count)
  const queued = new Uint8Array(count)
  const queue: number[] = []
  const raise = (node: number, a: number, b: number) => {
    if (a <= hiA[node]! && b <= hiB[node]!) return
    hiA[node] = Math.max(hiA[node]!, a)
    hiB[node] = Math.max(hiB[node]!, b)
    if (!queued[node]) {
      queued[node] = 1
      queue.push(node)
    }
  }
  raise(graph.root, startA, startB)
  const out: [number, number] = [0, 0]
  while (queue.length > 0) {
    const id = queue.pop()!
    queued[id] = 0
    const node = graph.nodes[id]!
    const a = hiA[id]!
    const b = hiB[id]!
    if (node.kind === 'turn') {
      for (const entry of node.entries) for (const { node: next } of entry) raise(next, a, b)
      continue
    }
    for (const branch of node.branches) {
      if (boundAfter(branch.ops, a, b, maxA, maxB, out)) raise(branch.node, out[0], out[1])
    }
  }
  return { hiA, hiB, ...reachRows(graph, hiA, hiB, startA, startB, maxA, maxB, scratch) }
}

/** Writes into `out` the HP bounds after `ops` from bounds (a, b); false when no cell survives. */
export function boundAfter(
  ops: readonly HpOp[],
  a: number,
  b: number,
  maxA: number,
  maxB: number,
  out: [number, number],
): boolean {
  const hi = [a, b]
  const max = [maxA, maxB]
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!
    const s = op.side
    const o = 1 - s
    switch (op.kind) {
      case 'damage': {
        hi[s] = hi[s]! - op.dist.min
        const follow = ops[i + 1]
        if (follow && (follow.kind === 'recoil' || follow.kind === 'drain') && follow.side !== s) {
          const f = follow.side
          hi[f] =
            follow.kind === 'recoil'
              ? hi[f]! - 1
              : Math.min(max[f]!, hi[f]! + Math.max(1, Math.round((op.dist.max * follow.num) / follow.den)))
          i++
        }
        break
      }
      case 'halve':
        hi[s] = hi[s]! - Math.max(1, Math.floor(hi[s]! / 2))
        break
      case 'faint':
        return false
      case 'heal':
        hi[s] = Math.min(max[s]!, hi[s]! + op.amount)
        break
      case 'leech':
        hi[s] = hi[s]! - 1
        hi[o] = Math.min(max[o]!, hi[o]! + op.amount)
        break
      case 'guard':
        if (op.test === 'full' && hi[s]! < max[s]!) return false
        if (op.test === 'notFull') hi[s] = Math.min(hi[s]!, max[s]! - 1)
        if (op.test === 'aboveQuarter' && hi[s]! <= max[s]! / 4) return false
        if (op.test === 'atMostQuarter') hi[s] = Math.min(hi[s]!, Math.floor(max[s]! / 4))
        break
      case 'recoil':
      case 'drain':
        throw new Error(`${op.kind} without the damage it follows`)
    }
    if (hi[0]! < 1 || hi[1]! < 1) return false
  }
  out[0] = hi[0]!
  out[1] = hi[1]!
  return true
}
