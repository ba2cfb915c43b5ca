import type { GameGraph } from './graph.ts'
import { boundAfter } from './reach.ts'

/** A slot whose PP a game counts: side and slot (0–3), with its PP. */
export interface CountedSlot {
  readonly side: 0 | 1
  readonly slot: number
  readonly maxPp: number
}

/** What a counting game is bounded by: the budgets of `OptimalLimits`. */
export interface CountingLimits {
  readonly maxStates: number
  readonly maxCells: number
}

/**
 * Whether the game that also counts the PP of `slots` would be refused over the state or cell
 * budget, told from `graph` (the same game without those counts) without exploring it.
 *
 * `solveGame` counts one more slot when the optimal play may last until it runs out; past a budget
 * that game is refused and the answer stays the one without the count — after exploring it whole
 * (hundreds of milliseconds) for nothing. A count changes nothing in a turn while the slot has PP
 * left (see `OutcomeCache`): the counting game's states are those of `graph` paired with the
 * counts, each leaf moving to its next state with the count of the slot it paid one higher
 * (`graph.leafEdges`). So the pairs reached from the start, stopping at a count that runs out, are
 * states of the counting game (a lower bound on its states); and as counts only grow, every way
 * to such a pair goes through pairs only: their HP bounds are exactly the counting game's, and
 * their cells a lower bound on its cells. True only when a bound passes its budget.
 *
 * @param start HP of A and B at the start (the solve's `start`)
 */
export function refusedCounting(
  graph: GameGraph,
  start: readonly [number, number],
  slots: readonly CountedSlot[],
  limits: CountingLimits,
): boolean {
  const pairs = countedPairs(graph, slots, limits.maxStates)
  if (!pairs) return false
  if (pairs.keys.length > limits.maxStates) return true
  return countedCells(graph, start, pairs, limits.maxCells) > limits.maxCells
}

/** The pairs (state, counts) reached, numbered; null when they cannot be numbered exactly. */
interface Pairs {
  /** Per pair: counts · nodes + state. */
  readonly keys: number[]
  readonly ids: Map<number, number>
  /** Per pair: its state is followed (no count ran out). */
  readonly open: Uint8Array
  readonly nodes: number
  readonly codes: readonly number[]
  readonly radix: readonly number[]
}

/**
 * The pairs reached from the start, found until they pass `stopAbove` (then not all of them).
 * Exported for the tests: `keys.length` is the lower bound on the counting game's states.
 */
export function countedPairs(
  graph: GameGraph,
  slots: readonly CountedSlot[],
  stopAbove: number,
): Pairs | null {
  const nodes = graph.nodes.length
  // a count runs 0 … maxPp: mixed radix over the slots, then the node
  const codes = slots.map((s) => s.side * 4 + s.slot)
  const radix: number[] = []
  let combos = 1
  for (const s of slots) {
    radix.push(combos)
    combos *= s.maxPp + 1
  }
  if (nodes * combos > Number.MAX_SAFE_INTEGER) return null
  const keys: number[] = []
  const ids = new Map<number, number>()
  const openList: number[] = []
  const visit = (node: number, counts: number) => {
    const key = counts * nodes + node
    if (ids.has(key)) return
    ids.set(key, keys.length)
    keys.push(key)
  }
  visit(graph.root, 0)
  for (let next = 0; next < keys.length && keys.length <= stopAbove; next++) {
    const key = keys[next]!
    const id = key % nodes
    const counts = (key - id) / nodes
    // a slot out of PP changes the rules (the choices, Struggle, a failing Disable): not followed
    const open = !slots.some((s, j) => Math.floor(counts / radix[j]!) % (s.maxPp + 1) >= s.maxPp)
    openList.push(open ? 1 : 0)
    if (!open) continue
    const node = graph.nodes[id]!
    if (node.kind === 'turn') {
      for (const entry of node.entries) for (const { node: target } of entry) visit(target, counts)
      continue
    }
    const edges = graph.leafEdges[id]
    if (!edges) continue
    for (let e = 0; e < edges.length; e += 3) {
      const j = codes.indexOf(edges[e + 1]!)
      visit(edges[e]!, j < 0 ? counts : counts + radix[j]!)
    }
  }
  return { keys, ids, open: Uint8Array.from(openList), nodes, codes, radix }
}

/**
 * Cells (HP pairs up to each pair's bounds) of the pairs, propagated from the start as `reachOf`
 * does, counted until they pass `stopAbove`.
 */
export function countedCells(
  graph: GameGraph,
  start: readonly [number, number],
  pairs: Pairs,
  stopAbove: number,
): number {
  const { keys, ids, open, nodes, codes, radix } = pairs
  const [maxA, maxB] = graph.maxHp
  const hiA = new Int32Array(keys.length)
  const hiB = new Int32Array(keys.length)
  const queued = new Uint8Array(keys.length)
  const queue: number[] = []
  const raise = (pair: number | undefined, a: number, b: number) => {
    if (pair === undefined || (a <= hiA[pair]! && b <= hiB[pair]!)) return
    hiA[pair] = Math.max(hiA[pair]!, a)
    hiB[pair] = Math.max(hiB[pair]!, b)
    if (!queued[pair]) {
      queued[pair] = 1
      queue.push(pair)
    }
  }
  raise(0, start[0], start[1])
  const out: [number, number] = [0, 0]
  while (queue.length > 0) {
    const pair = queue.pop()!
    queued[pair] = 0
    if (!open[pair]) continue
    const key = keys[pair]!
    const id = key % nodes
    const counts = (key - id) / nodes
    const a = hiA[pair]!
    const b = hiB[pair]!
    const node = graph.nodes[id]!
    if (node.kind === 'turn') {
      for (const entry of node.entries)
        for (const { node: target } of entry) raise(ids.get(counts * nodes + target), a, b)
      continue
    }
    const edges = graph.leafEdges[id]
    if (!edges) continue
    for (let e = 0; e < edges.length; e += 3) {
      if (!boundAfter(node.branches[edges[e + 2]!]!.ops, a, b, maxA, maxB, out)) continue
      const j = codes.indexOf(edges[e + 1]!)
      raise(ids.get((j < 0 ? counts : counts + radix[j]!) * nodes + edges[e]!), out[0], out[1])
    }
  }
  let cells = 0
  for (let pair = 0; pair < keys.length && cells <= stopAbove; pair++) cells += hiA[pair]! * hiB[pair]!
  return cells
}
