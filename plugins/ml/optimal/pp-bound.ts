import type { GameGraph } from './graph.ts'
import { type CountedSlot, numberSplits, type Pairs, pairPaths } from './pp-pairs.ts'
import { boundAfter } from './reach.ts'

export type { CountedSlot } from './pp-pairs.ts'

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
 * that game is refused and the answer stays the one without the count — after exploring, merging
 * and bounding it (50–150 ms in two of the bench's games) for nothing. The counting game's states
 * include the pairs (state, counts) that `pairPaths` walks from `graph`, before and after a count
 * runs out (a lower bound on its states); as counts only grow and every step walked is one of the
 * counting game's, their HP bounds are within the counting game's, and their cells plus those of
 * the splits (mix states) between them are a lower bound on its cells. True only when a bound
 * passes its budget.
 *
 * On explored graphs this holds as it stands. `solveGame` passes merged graphs (`quotientGraph`)
 * and the budget counts the merged counting game's cells: two pairs are then taken for two states,
 * while the merge may make one of them (states that differ only in what more uses of a counted
 * move would show than its PP left allows). Checked on every PP round of 853 seeded games (the
 * bench's 103 and 150 of each of five other seeds, 213 rounds): the bound never passed the merged
 * game's cells, and in the bench's refused games no two turn pairs fell into one merged state.
 *
 * @param start HP of A and B at the start (the solve's `start`)
 */
export function refusedCounting(
  graph: GameGraph,
  start: readonly [number, number],
  slots: readonly CountedSlot[],
  limits: CountingLimits,
): boolean {
  // counted first without their steps: a walk past the state budget needs only their number
  const found = pairPaths(graph, slots, limits.maxStates, false)
  if (!found) return false
  if (found.keys.length > limits.maxStates) return true
  const pairs = pairPaths(graph, slots, limits.maxStates)!
  return countedCells(graph, start, pairs, limits.maxCells) > limits.maxCells
}

/**
 * Cells (HP pairs up to each bound) of the pairs and of the splits between them, the bounds
 * propagated from the start as `reachOf` does, counted until they pass `stopAbove`. A split's
 * cells are its largest box over the branches that lead into it.
 */
export function countedCells(
  graph: GameGraph,
  start: readonly [number, number],
  pairs: Pairs,
  stopAbove: number,
): number {
  const { keys, stepAt, stepTarget, stepBranch } = pairs
  const nodes = graph.nodes.length
  const [maxA, maxB] = graph.maxHp
  const hiA = new Int32Array(keys.length)
  const hiB = new Int32Array(keys.length)
  // passes in the order the pairs were met (mostly each pair's ways in before it) until nothing
  // grows: far fewer visits than a stack of raised pairs, which passes partial bounds on and on
  const dirty = new Uint8Array(keys.length)
  let again = false
  let pair = 0
  const raise = (target: number, a: number, b: number) => {
    if (a <= hiA[target]! && b <= hiB[target]!) return
    hiA[target] = Math.max(hiA[target]!, a)
    hiB[target] = Math.max(hiB[target]!, b)
    dirty[target] = 1
    if (target <= pair) again = true
  }
  raise(0, start[0], start[1])
  const out: [number, number] = [0, 0]
  const followed = stepAt.length - 1
  do {
    again = false
    for (pair = 0; pair < followed; pair++) {
      if (!dirty[pair]) continue
      dirty[pair] = 0
      const a = hiA[pair]!
      const b = hiB[pair]!
      const node = graph.nodes[keys[pair]! % nodes]!
      for (let s = stepAt[pair]!; s < stepAt[pair + 1]!; s++) {
        const branch = stepBranch[s]!
        if (branch < 0 || node.kind === 'turn') raise(stepTarget[s]!, a, b)
        else if (boundAfter(node.branches[branch]!.ops, a, b, maxA, maxB, out))
          raise(stepTarget[s]!, out[0], out[1])
      }
    }
  } while (again)
  let cells = 0
  for (let p = 0; p < keys.length && cells <= stopAbove; p++) cells += hiA[p]! * hiB[p]!
  return cells <= stopAbove ? cells + splitCells(graph, pairs, hiA, hiB) : cells
}

/** Per split, the largest box a branch leading into it leaves, summed. */
function splitCells(graph: GameGraph, pairs: Pairs, hiA: Int32Array, hiB: Int32Array): number {
  const { keys, splitPair, splitBranch } = pairs
  const nodes = graph.nodes.length
  const [maxA, maxB] = graph.maxHp
  const { ids: splitId, count } = numberSplits(graph, pairs)
  const largest = new Float64Array(count)
  const out: [number, number] = [0, 0]
  for (let k = 0; k < splitPair.length; k++) {
    const pair = splitPair[k]!
    const node = graph.nodes[keys[pair]! % nodes]!
    if (node.kind === 'turn' || hiA[pair]! === 0) continue
    if (!boundAfter(node.branches[splitBranch[k]!]!.ops, hiA[pair]!, hiB[pair]!, maxA, maxB, out)) continue
    largest[splitId[k]!] = Math.max(largest[splitId[k]!]!, out[0] * out[1])
  }
  let cells = 0
  for (let k = 0; k < count; k++) cells += largest[k]!
  return cells
}
