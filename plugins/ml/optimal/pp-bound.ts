import type { GameGraph } from './graph.ts'

/** A slot whose PP a game counts: side and slot (0–3), with its PP. */
export interface CountedSlot {
  readonly side: 0 | 1
  readonly slot: number
  readonly maxPp: number
}

/**
 * Whether the game that also counts the PP of `slots` would have more than `limit` discrete
 * states, told from `graph` (the same game without those counts) without exploring it.
 *
 * `solveGame` counts one more slot when the optimal play may last until it runs out; past the state
 * budget that exploration is refused and the answer stays the one without the count — often after
 * exploring the whole budget (hundreds of milliseconds) for nothing. A count changes nothing in a
 * turn while the slot has PP left (see `OutcomeCache`): the counting game's states are those of
 * `graph` paired with the counts, each leaf moving to its next state with the count of the slot it
 * paid one higher. So the pairs reached from the start along `graph.leafEdges` (and the turns'
 * entries), stopping at a count that runs out, are states of the counting game: a lower bound,
 * exact but for what happens once a slot is out of PP. True only when that bound passes `limit`.
 */
export function exceedsStatesCounting(
  graph: GameGraph,
  slots: readonly CountedSlot[],
  limit: number,
): boolean {
  return countedStatesAtLeast(graph, slots, limit) > limit
}

/**
 * The lower bound of `exceedsStatesCounting`: how many states of the counting game the pairs
 * reach, counted until they pass `stopAbove` (0 when the pairs cannot be numbered exactly).
 */
export function countedStatesAtLeast(
  graph: GameGraph,
  slots: readonly CountedSlot[],
  stopAbove: number,
): number {
  const nodes = graph.nodes.length
  // a count runs 0 … maxPp: mixed radix over the slots, then the node
  const codes = slots.map((s) => s.side * 4 + s.slot)
  const radix: number[] = []
  let combos = 1
  for (const s of slots) {
    radix.push(combos)
    combos *= s.maxPp + 1
  }
  if (nodes * combos > Number.MAX_SAFE_INTEGER) return 0
  const seen = new Set<number>()
  const queue: number[] = []
  const visit = (node: number, counts: number) => {
    const key = counts * nodes + node
    if (seen.has(key)) return
    seen.add(key)
    queue.push(key)
  }
  visit(graph.root, 0)
  while (queue.length > 0) {
    if (seen.size > stopAbove) return seen.size
    const key = queue.pop()!
    const id = key % nodes
    const counts = (key - id) / nodes
    // a slot out of PP changes the rules (the choices, Struggle, a failing Disable): not followed
    if (slots.some((s, j) => Math.floor(counts / radix[j]!) % (s.maxPp + 1) >= s.maxPp)) continue
    const node = graph.nodes[id]!
    if (node.kind === 'turn') {
      for (const entry of node.entries) for (const { node: next } of entry) visit(next, counts)
      continue
    }
    const edges = graph.leafEdges[id]
    if (!edges) continue
    for (let e = 0; e < edges.length; e += 2) {
      const j = codes.indexOf(edges[e + 1]!)
      visit(edges[e]!, j < 0 ? counts : counts + radix[j]!)
    }
  }
  return seen.size
}
