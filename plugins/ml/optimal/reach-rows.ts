import { passes } from '../solver/apply.ts'
import type { HpOp } from '../solver/kernel.ts'
import type { GameGraph } from './graph.ts'

/**
 * Per state and row (A's HP), the highest B's HP reachable from the start, within the states'
 * HP bounds `hiA`, `hiB` (see `reachOf`): `rowTop[rowAt[id] + a − 1]`, 0 when the row is not
 * reachable at all.
 *
 * Why: a state's bounds are a box, but what a battle can reach in it is not. A side at full HP
 * loses at least its foe's weakest hit, so the rows just below full HP are never reached (nor,
 * in a row, B's HP just below full) — and a stat stage or a status that only a hit causes sits
 * lower still. A quarter of the box cells of a typical game are out of reach; the sweep skips
 * them. Each row is kept as a prefix (B's HP 1 … top): sound (it holds every reachable cell) and
 * closed — every cell that a valued cell reads is valued too, as each HP op maps a prefix into a
 * prefix — so the values of the cells swept are exactly those of the whole box.
 *
 * Rows are propagated highest first (HP only goes down, but for healing and drain), each time a
 * row's top grows; a branch's ops are applied to a row's top in order (`rowsAfter`).
 *
 * @example const { rowAt, rowTop } = reachRows(graph, hiA, hiB, maxA, maxB, maxA, maxB)
 */
export function reachRows(
  graph: GameGraph,
  hiA: Int32Array,
  hiB: Int32Array,
  startA: number,
  startB: number,
  maxA: number,
  maxB: number,
): { readonly rowAt: Int32Array; readonly rowTop: Int32Array } {
  const count = graph.nodes.length
  const rowAt = new Int32Array(count + 1)
  for (let id = 0; id < count; id++) rowAt[id + 1] = rowAt[id]! + hiA[id]!
  const rowTop = new Int32Array(rowAt[count]!)
  const queued = new Uint8Array(rowAt[count]!)
  // rows waiting to be propagated, by A's HP: the highest first
  const buckets: number[][] = Array.from({ length: Math.max(maxA, startA) + 1 }, () => [])
  let highest = 0
  const raise = (id: number, a: number, b: number) => {
    // the box bounds hold every reachable cell too: a row's top stays within them
    if (a < 1 || a > hiA[id]!) return
    const top = Math.min(b, hiB[id]!)
    const at = rowAt[id]! + a - 1
    if (top <= rowTop[at]!) return
    rowTop[at] = top
    if (queued[at]) return
    queued[at] = 1
    buckets[a]!.push(id)
    highest = Math.max(highest, a)
  }
  raise(graph.root, startA, startB)
  const edges = compileEdges(graph)
  const { edgeStart, edgeKind, edgeTarget, edgeValueStart, edgeValues } = edges
  let target = 0
  const emit = (na: number, nb: number) => raise(target, na, nb)
  const rows = rowsAfter(maxA, maxB)
  // each row's queue is first in, first out (a state's row then waits for the states of the
  // same row before it in the turn: fewer rows propagated twice)
  const heads = new Int32Array(buckets.length)
  while (highest > 0) {
    const bucket = buckets[highest]!
    if (heads[highest]! === bucket.length) {
      bucket.length = 0
      heads[highest] = 0
      highest--
      continue
    }
    const id = bucket[heads[highest]!++]!
    const a = highest
    const at = rowAt[id]! + a - 1
    queued[at] = 0
    const top = rowTop[at]!
    for (let e = edgeStart[id]!; e < edgeStart[id + 1]!; e++) {
      const kind = edgeKind[e]!
      target = edgeTarget[e]!
      if (kind === SAME_EDGE) raise(target, a, top)
      else if (kind === HIT_B_EDGE) raise(target, a, top - edgeValues[edgeValueStart[e]!]!)
      else if (kind === HIT_A_EDGE) {
        // rows a − v of the target, for every damage value v: the hot loop, inlined
        const bound = hiA[target]!
        const capped = Math.min(top, hiB[target]!)
        const base = rowAt[target]! - 1
        for (let j = edgeValueStart[e]!; j < edgeValueStart[e + 1]!; j++) {
          const row = a - edgeValues[j]!
          if (row < 1) break
          if (row > bound) continue
          const cell = base + row
          if (capped <= rowTop[cell]!) continue
          rowTop[cell] = capped
          if (queued[cell]) continue
          queued[cell] = 1
          buckets[row]!.push(target)
        }
      } else rows(edges.ops[e]!, a, top, emit)
    }
  }
  return { rowAt, rowTop }
}

const SAME_EDGE = 0
/** One damage op on B: the row's top drops by the least damage (`edgeValues` holds it). */
const HIT_B_EDGE = 1
/** One damage op on A: a row per damage value (`edgeValues`: the values, increasing). */
const HIT_A_EDGE = 2
const OPS_EDGE = 3

/**
 * Every way out of every state, flat: turn entries and chance branches, by kind (see `reachRows`:
 * the common ones without a call per row).
 */
function compileEdges(graph: GameGraph) {
  const count = graph.nodes.length
  const edgeStart = new Int32Array(count + 1)
  const kinds: number[] = []
  const targets: number[] = []
  const valueStarts: number[] = []
  const values: number[] = []
  const ops: (readonly HpOp[])[] = []
  const add = (kind: number, next: number, list: readonly HpOp[]) => {
    kinds.push(kind)
    targets.push(next)
    valueStarts.push(values.length)
    ops.push(list)
  }
  for (let id = 0; id < count; id++) {
    edgeStart[id] = kinds.length
    const node = graph.nodes[id]!
    // a state reached unchanged from several entries or branches is raised once
    const same = new Set<number>()
    if (node.kind === 'turn') {
      for (const entry of node.entries) for (const { node: next } of entry) same.add(next)
      for (const next of same) add(SAME_EDGE, next, [])
      continue
    }
    for (const { ops: list, node: next } of node.branches) {
      const op = list[0]
      if (list.length === 0) {
        if (!same.has(next)) add(SAME_EDGE, next, list)
        same.add(next)
      } else if (list.length === 1 && op?.kind === 'damage') {
        add(op.side === 1 ? HIT_B_EDGE : HIT_A_EDGE, next, list)
        if (op.side === 1) values.push(op.dist.min)
        else
          for (let k = 0; k < op.dist.probs.length; k++)
            if (op.dist.probs[k]! > 0) values.push(op.dist.min + k)
      } else add(OPS_EDGE, next, list)
    }
  }
  edgeStart[count] = kinds.length
  valueStarts.push(values.length)
  return {
    edgeStart,
    edgeKind: Uint8Array.from(kinds),
    edgeTarget: Int32Array.from(targets),
    edgeValueStart: Int32Array.from(valueStarts),
    edgeValues: Int32Array.from(values),
    ops,
  }
}

/**
 * Applies HP ops to row `a` with B's HP 1 … `top`: each surviving row and its top, to `emit`
 * (damage to A gives a row per damage value). The same HP rules as the solver's (`applyBranch`,
 * `runPoint`): a hit followed by the attacker's recoil or drain moves the attacker by what each
 * damage value deals; Leech Seed heals what it takes; a failed HP test stops the branch.
 *
 * @example rowsAfter(maxA, maxB)(branch.ops, a, top, (a2, top2) => …)
 */
export function rowsAfter(
  maxA: number,
  maxB: number,
): (ops: readonly HpOp[], a: number, top: number, emit: (a: number, top: number) => void) => void {
  const step = (
    ops: readonly HpOp[],
    first: number,
    startA: number,
    startB: number,
    emit: (a: number, top: number) => void,
  ): void => {
    let a = startA
    let b = startB
    for (let i = first; i < ops.length; i++) {
      if (a < 1 || b < 1) return
      const op = ops[i]!
      const s = op.side
      switch (op.kind) {
        case 'damage': {
          const follow = ops[i + 1]
          const joint = follow && (follow.kind === 'recoil' || follow.kind === 'drain') && follow.side !== s
          const { min, probs } = op.dist
          if (!joint && s === 1) {
            // the prefix's survivors of the smallest hit hold those of every other hit
            b -= min
            break
          }
          const own = s === 0 ? a : b
          for (let k = 0; k < probs.length; k++) {
            const v = min + k
            if (v >= own) break
            if (probs[k] === 0) continue
            let na = s === 0 ? a - v : a
            let nb = s === 1 ? b - v : b
            if (joint) {
              const amount = Math.max(1, Math.round((v * follow.num) / follow.den))
              if (follow.side === 0) na = follow.kind === 'recoil' ? na - amount : Math.min(maxA, na + amount)
              else nb = follow.kind === 'recoil' ? nb - amount : Math.min(maxB, nb + amount)
            }
            step(ops, joint ? i + 2 : i + 1, na, nb, emit)
          }
          return
        }
        case 'halve':
          if (s === 0) a -= Math.max(1, Math.floor(a / 2))
          else b -= Math.max(1, Math.floor(b / 2))
          break
        case 'faint':
          return
        case 'heal':
          if (s === 0) a = Math.min(maxA, a + op.amount)
          else b = Math.min(maxB, b + op.amount)
          break
        case 'leech':
          // the seeded side survives only above the amount: it then loses all of it
          if (s === 0) {
            a -= op.amount
            b = Math.min(maxB, b + op.amount)
          } else {
            a = Math.min(maxA, a + op.amount)
            b -= op.amount
          }
          break
        case 'guard':
          if (s === 0) {
            if (!passes(op.test, a, maxA)) return
            break
          }
          // tests that only low HP passes cut the prefix; the others pass its top or nothing
          if (op.test === 'notFull' || op.test === 'atMostQuarter')
            while (b >= 1 && !passes(op.test, b, maxB)) b--
          if (!passes(op.test, b, maxB)) return
          break
        case 'recoil':
        case 'drain':
          throw new Error(`${op.kind} without the damage it follows`)
      }
    }
    if (a >= 1 && b >= 1) emit(a, b)
  }
  return (ops, a, top, emit) => step(ops, 0, a, top, emit)
}
