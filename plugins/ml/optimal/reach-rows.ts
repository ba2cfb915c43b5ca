import type { Dist } from '../solver/dist.ts'
import type { BufferStore } from '../solver/grid.ts'
import type { HpOp } from '../solver/kernel.ts'
import type { GameGraph } from './graph.ts'
import { rowsAfter } from './rows-after.ts'

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
 * row's top grows; a branch's ops are applied to a row's top in order (`rowsAfter`). Each op maps
 * a higher top to a higher top: the result is the least fixed point whatever the order (folding,
 * merging: `compileEdges`). The hot loop reads no variable a closure shares (kept on the heap).
 *
 * @param scratch lends the queue's links (given back zeroed)
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
  scratch?: BufferStore,
): { readonly rowAt: Int32Array; readonly rowTop: Int32Array } {
  const count = graph.nodes.length
  const rowAt = new Int32Array(count + 1)
  for (let id = 0; id < count; id++) rowAt[id + 1] = rowAt[id]! + hiA[id]!
  const rowCount = rowAt[count]!
  const rowTop = new Int32Array(rowCount)
  // the queue's links, one per row: a buffer of the store when there is one (its pages are mapped
  // already: a fresh one's each cost a fault, ≈ 12 µs here); every link is back to 0 at the end
  const words = Math.max(1, Math.ceil(rowCount / 2))
  const lent = scratch?.take(words)
  const link = lent ? new Int32Array(lent.buffer, 0, rowCount) : new Int32Array(rowCount)
  const head = new Int32Array(Math.max(maxA, startA) + 1).fill(-1)
  const queue: Queue = { hiA, hiB, rowAt, rowTop, link, head, tail: head.slice(), highest: 0 }
  raise(queue, graph.root, startA, startB)
  const { owner, edgeStart, edgeKind, edgeTarget, edgeLow, values, ops } = compileEdges(graph, hiA, hiB)
  const emitted: number[] = []
  const emit = (a: number, b: number) => emitted.push(a, b)
  const rows = rowsAfter(maxA, maxB)
  for (let a = queue.highest; a > 0; a = queue.highest) {
    const id = head[a]!
    if (id < 0) {
      queue.highest = a - 1
      continue
    }
    const cell = rowAt[id]! + a - 1
    head[a] = link[cell]! - 2 // -1: the list is empty
    link[cell] = 0
    const top = rowTop[cell]!
    for (let e = edgeStart[id]!; e < edgeStart[id + 1]!; e++) {
      const kind = edgeKind[e]!
      const target = edgeTarget[e]!
      if (kind === ROW_EDGE) {
        const b = Math.min(top - edgeLow[e]!, hiB[target]!)
        const at = rowAt[target]! + a - 1
        if (a > hiA[target]! || b <= rowTop[at]!) continue
        rowTop[at] = b
        if (link[at] === 0) enqueue(queue, target, a, at)
      } else if (kind === HIT_A_EDGE) {
        // rows a − v of the target, for every damage value v (increasing, then −1)
        const bound = hiA[target]!
        const b = Math.min(top, hiB[target]!)
        const base = rowAt[target]! - 1
        for (let j = edgeLow[e]!; values[j]! >= 0 && values[j]! < a; j++) {
          const row = a - values[j]!
          const at = base + row
          if (row > bound || b <= rowTop[at]!) continue
          rowTop[at] = b
          if (link[at] === 0) enqueue(queue, target, row, at)
        }
      } else {
        rows(ops[edgeLow[e]!]!, a, top, emit)
        for (let k = 0; k < emitted.length; k += 2) raise(queue, target, emitted[k]!, emitted[k + 1]!)
        emitted.length = 0
      }
    }
  }
  if (lent) scratch!.give(lent.fill(0, 0, words))
  // a folded state has its owner's rows
  for (let id = 0; id < count; id++)
    if (owner[id] !== id) rowTop.copyWithin(rowAt[id]!, rowAt[owner[id]!]!, rowAt[owner[id]! + 1]!)
  return { rowAt, rowTop }
}

/**
 * Rows waiting to be propagated, by A's HP, the highest first; each A's HP a first-in first-out
 * list (a state's row then waits for the states of the same row before it in the turn: fewer rows
 * propagated twice), linked through the rows: `link` 0 not queued, 1 last, else the next state + 2.
 */
interface Queue {
  readonly hiA: Int32Array
  readonly hiB: Int32Array
  readonly rowAt: Int32Array
  readonly rowTop: Int32Array
  readonly link: Int32Array
  readonly head: Int32Array
  readonly tail: Int32Array
  highest: number
}

function enqueue({ link, head, tail, rowAt }: Queue, id: number, a: number, cell: number): void {
  link[cell] = 1
  if (head[a]! < 0) head[a] = id
  else link[rowAt[tail[a]!]! + a - 1] = id + 2
  tail[a] = id
}

/** Raises row `a` of state `id` to top `b`, within the box (it holds every reachable cell too). */
function raise(queue: Queue, id: number, a: number, b: number): void {
  if (a < 1 || a > queue.hiA[id]!) return
  const top = Math.min(b, queue.hiB[id]!)
  const cell = queue.rowAt[id]! + a - 1
  if (top <= queue.rowTop[cell]!) return
  queue.rowTop[cell] = top
  if (queue.link[cell] === 0) enqueue(queue, id, a, cell)
  queue.highest = Math.max(queue.highest, a)
}

/** The row stays (A's HP unchanged), its top drops by `edgeLow` (0, or a hit on B's least damage). */
const ROW_EDGE = 0
/** One damage op on A: a row per damage value (`values` from `edgeLow`). */
const HIT_A_EDGE = 1
const OPS_EDGE = 2 // any other HP ops (`ops[edgeLow]`), applied by `rowsAfter`
const KEEP_EDGE = 3 // while compiling: a way with no HP op (a `ROW_EDGE` that may fold its target)

/**
 * Every way out of every state, flat, by kind, in typed arrays (see `reachRows`). Reading the
 * graph's objects (scattered in memory) is most of the cost: only states within reach (a non-empty
 * box: about a fifth) are read, once; a damage distribution's values are listed once.
 *
 * A state whose only way in leaves HP unchanged, from one state with the same box (first-action
 * states: turn entries), has exactly that state's rows: it is folded into it (`owner`), its ways
 * out become that state's, its rows are copied at the end. An owner's ways that keep the row into
 * one state are merged (the least drop of the top holds the others).
 */
function compileEdges(graph: GameGraph, hiA: Int32Array, hiB: Int32Array) {
  const { nodes, root } = graph
  const count = nodes.length
  // (kind, target, low) per way, flat; `rawStart` indexes it
  const rawStart = new Int32Array(count + 1)
  const [raw, valueList]: [number[], number[]] = [[], []]
  const listed = new Map<Dist, number>()
  const ops: (readonly HpOp[])[] = []
  // the state each state is entered from, unchanged and with the same box: the state it folds
  // into (-1 none yet, -2 several or another way in)
  const source = new Int32Array(count).fill(-1)
  const add = (id: number, kind: number, next: number, low: number) => {
    raw.push(kind === KEEP_EDGE ? ROW_EDGE : kind, next, low)
    const same = kind === KEEP_EDGE && next !== root && hiA[next] === hiA[id] && hiB[next] === hiB[id]
    source[next] = same && (source[next] === -1 || source[next] === id) ? id : -2
  }
  for (let id = 0; id < count; id++) {
    rawStart[id] = raw.length
    if (hiA[id] === 0) continue
    const node = nodes[id]!
    if (node.kind === 'turn')
      for (const entry of node.entries) for (const { node: next } of entry) add(id, KEEP_EDGE, next, 0)
    else
      for (let k = 0; k < node.branches.length; k++) {
        const { ops: list, node: next } = node.branches[k]!
        if (hiA[next] === 0) continue
        const op = list[0]!
        if (list.length === 0) add(id, KEEP_EDGE, next, 0)
        else if (list.length > 1 || op.kind !== 'damage') add(id, OPS_EDGE, next, ops.push(list) - 1)
        else if (op.side === 1) add(id, ROW_EDGE, next, op.dist.min)
        else {
          let low = listed.get(op.dist)
          if (low === undefined) {
            low = valueList.length
            listed.set(op.dist, low)
            const { min, probs } = op.dist
            for (let v = 0; v < probs.length; v++) if (probs[v]! > 0) valueList.push(min + v)
            valueList.push(-1)
          }
          add(id, HIT_A_EDGE, next, low)
        }
      }
  }
  rawStart[count] = raw.length
  // an owner's folded states, linked from the owner: `nextMember`
  const owner = new Int32Array(count)
  const nextMember = new Int32Array(count).fill(-1)
  for (let id = 0; id < count; id++) {
    let from = id
    while (source[from]! >= 0) from = source[from]!
    owner[id] = from
    if (from !== id) [nextMember[id], nextMember[from]] = [nextMember[from]!, id]
  }
  const edgeStart = new Int32Array(count + 1)
  const edgeKind = new Uint8Array(raw.length / 3)
  const edgeTarget = new Int32Array(raw.length / 3)
  const edgeLow = new Int32Array(raw.length / 3)
  // the last row edge into each state: the current owner's if at or after its first edge
  const rowEdge = new Int32Array(count).fill(-1)
  let edges = 0
  for (let id = 0; id < count; id++) {
    edgeStart[id] = edges
    for (let member = owner[id] === id ? id : -1; member >= 0; member = nextMember[member]!) {
      for (let e = rawStart[member]!; e < rawStart[member + 1]!; e += 3) {
        const [kind, next, low] = [raw[e]!, raw[e + 1]!, raw[e + 2]!]
        if (owner[next] !== next) continue // folded into this owner (its only way in)
        const known = rowEdge[next]!
        if (kind === ROW_EDGE && known >= edgeStart[id]!) {
          edgeLow[known] = Math.min(edgeLow[known]!, low)
          continue
        }
        if (kind === ROW_EDGE) rowEdge[next] = edges
        edgeKind[edges] = kind
        edgeTarget[edges] = next
        edgeLow[edges++] = low
      }
    }
  }
  edgeStart[count] = edges
  return { owner, edgeStart, edgeKind, edgeTarget, edgeLow, values: new Int32Array(valueList), ops }
}
