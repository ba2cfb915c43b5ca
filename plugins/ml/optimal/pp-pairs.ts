import type { GameGraph } from './graph.ts'
import { createPairIds } from './pair-ids.ts'

/** A slot whose PP a game counts: side and slot (0–3), with its PP. */
export interface CountedSlot {
  readonly side: 0 | 1
  readonly slot: number
  readonly maxPp: number
}

/**
 * The pairs (state, counts) of the game counting `slots` that `pairPaths` finds from `graph` (the
 * same game without those counts), numbered in the order met, with the steps between them.
 */
export interface Pairs {
  /** Per pair: counts · nodes + state (the counts in mixed radix over the slots). */
  readonly keys: readonly number[]
  /** Per pair whose steps were followed: its steps at `stepAt[pair]` … `stepAt[pair + 1]` − 1. */
  readonly stepAt: readonly number[]
  readonly stepTarget: readonly number[]
  /** Per step: the graph's branch of the pair's state (its HP ops), −1 for a turn's entry (none). */
  readonly stepBranch: readonly number[]
  /**
   * Per split met from a pair: the pair and the branch that leads into it, and its next pairs at
   * `splitTargets[splitAt[k]]` … `splitTargets[splitAt[k + 1]]` − 1 (numbered by `numberSplits`).
   */
  readonly splitPair: readonly number[]
  readonly splitBranch: readonly number[]
  readonly splitAt: readonly number[]
  readonly splitTargets: number[]
}

/**
 * The pairs (state, counts) reached from the start in the game that also counts the PP of
 * `slots`, walked on `graph`, found until they pass `stopAbove` (then not all of them).
 *
 * Why they are the counting game's own states (see `refusedCounting`): a count changes nothing in
 * a turn while its slot has PP left (see `OutcomeCache`), so each leaf of `graph` moves the pair
 * to its next state with the count of the slot it paid one higher (`graph.leafEdges`). Once a
 * count has run out, two rules read it: the choices at a turn's start (`choicesOf` leaves the slot
 * out) and a Disable landing (it fails on a slot without PP). So when neither side has Disable
 * the walk goes on past it: at a turn's start each side's choices lose the slots out of PP (a side
 * with one choice left keeps it only when that slot has PP: a lock's move, else Struggle, which
 * `graph` does not have), and every other step is `graph`'s.
 *
 * A split is where one HP outcome of a chance state leads to several next states (the
 * exploration's mix node, a state of its own with cells of its own): counting a slot splits
 * outcomes whose leaves paid it apart from the ones that did not. Splits are numbered by their
 * stage and their sorted next pairs: two mix nodes may share a number (a hash), never one mix
 * node two numbers — so a number's largest HP box is a lower bound on its cells.
 *
 * @param withSteps false: the pairs only, steps and splits left empty (past the state budget only
 *   their number matters; the steps were ≈ 60 % of such a walk: 11 → 4.4 ms in a median game).
 */
export function pairPaths(
  graph: GameGraph,
  slots: readonly CountedSlot[],
  stopAbove: number,
  withSteps = true,
): Pairs | null {
  const nodes = graph.nodes.length
  const radix: number[] = []
  let combos = 1
  for (const s of slots) {
    radix.push(combos)
    combos *= s.maxPp + 1
  }
  if (nodes * combos > Number.MAX_SAFE_INTEGER) return null
  const pastOut = !graph.game.sides.some((side) => side.keepLast)
  const leafSteps = createLeafSteps(graph, slots)
  const keys: number[] = []
  const stepAt: number[] = []
  const stepTarget: number[] = []
  const stepBranch: number[] = []
  const splitPair: number[] = []
  const splitBranch: number[] = []
  const splitAt: number[] = [0]
  const splitTargets: number[] = []
  const ids = createPairIds(nodes * combos)
  const visit = (node: number, counts: number): number => {
    const key = counts * nodes + node
    const known = ids.get(key)
    if (known >= 0) return known
    ids.set(key, keys.length)
    keys.push(key)
    return keys.length - 1
  }
  // per counted slot, out of PP at the pair being followed; per side, a mask of their `cur` codes
  const spentSlot = new Uint8Array(slots.length)
  const outMask = [0, 0]
  visit(graph.root, 0)
  let next = 0
  for (; next < keys.length && keys.length <= stopAbove; next++) {
    if (withSteps) stepAt.push(stepTarget.length)
    const key = keys[next]!
    const id = key % nodes
    const counts = (key - id) / nodes
    outMask[0] = 0
    outMask[1] = 0
    for (let j = 0; j < slots.length; j++) {
      const s = slots[j]!
      const spent = Math.floor(counts / radix[j]!) % (s.maxPp + 1) >= s.maxPp
      spentSlot[j] = spent ? 1 : 0
      if (spent) outMask[s.side] = outMask[s.side]! | (1 << (s.slot + 1))
    }
    const spent = outMask[0] !== 0 || outMask[1] !== 0
    if (spent && !pastOut) continue
    const node = graph.nodes[id]!
    if (node.kind === 'turn') {
      const { rows, cols, entries } = node
      for (let k = 0; k < entries.length; k++) {
        if (spent) {
          const r = Math.floor(k / cols.length)
          if (!chosen(rows, r, outMask[0]!) || !chosen(cols, k - r * cols.length, outMask[1]!)) continue
        }
        for (const { node: target } of entries[k]!) {
          const pair = visit(target, counts)
          if (!withSteps) continue
          stepTarget.push(pair)
          stepBranch.push(-1)
        }
      }
      continue
    }
    if (leafSteps.from[id]! < 0) leafSteps.make(id)
    const steps = leafSteps.flat
    const end = leafSteps.from[id]! + leafSteps.length[id]!
    for (let k = leafSteps.from[id]!; k < end; k += 3) {
      const branch = steps[k]!
      const j = steps[k + 1]!
      // a slot out of PP is never paid again (a lock's turns pay nothing): not a step to follow
      if (j < 0 || !spentSlot[j]) {
        const target = visit(steps[k + 2]!, j < 0 ? counts : counts + radix[j]!)
        if (!withSteps) continue
        stepTarget.push(target)
        stepBranch.push(branch)
        splitTargets.push(target)
      }
      if (k + 3 < end && steps[k + 3] === branch) continue
      // the branch's next pairs are distinct: several make a split
      if (splitTargets.length - splitAt[splitAt.length - 1]! > 1) {
        splitPair.push(next)
        splitBranch.push(branch)
        splitAt.push(splitTargets.length)
      } else splitTargets.length = splitAt[splitAt.length - 1]!
    }
  }
  if (withSteps) stepAt.push(stepTarget.length)
  return { keys, stepAt, stepTarget, stepBranch, splitPair, splitBranch, splitAt, splitTargets }
}

/**
 * Whether the choice at `index` is still made once the slots of `outMask` (bits of `cur` codes)
 * are out of PP: a single choice is a lock's (kept whatever its PP) or a free side's last slot
 * (then Struggle, which the graph does not have: not followed).
 */
function chosen(choices: readonly number[], index: number, outMask: number): boolean {
  return (outMask & (1 << choices[index]!)) === 0
}

/**
 * Per chance state, its leaves' distinct steps as (branch, counted slot paid or −1, next state)
 * triples, flat, by branch: made once per state (a state has a pair per count), kept in `flat`
 * from `from[id]` (−1: not made yet) for `length[id]` numbers.
 */
interface LeafSteps {
  readonly from: Int32Array
  readonly length: Int32Array
  flat: Int32Array
  make(id: number): void
}

function createLeafSteps(graph: GameGraph, slots: readonly CountedSlot[]): LeafSteps {
  const nodes = graph.nodes.length
  // side · 4 + slot → index in `slots`, or −1
  const slotOf = new Int32Array(8).fill(-1)
  slots.forEach((s, j) => {
    slotOf[s.side * 4 + s.slot] = j
  })
  const width = slots.length + 1
  let buffer = new Float64Array(256)
  let used = 0
  const steps: LeafSteps = {
    from: new Int32Array(nodes).fill(-1),
    length: new Int32Array(nodes),
    flat: new Int32Array(4096),
    make(id) {
      const edges = graph.leafEdges[id]
      steps.from[id] = used
      if (!edges) return
      if (buffer.length < edges.length / 3) buffer = new Float64Array(edges.length)
      let count = 0
      for (let e = 0; e < edges.length; e += 3) {
        const paid = edges[e + 1]!
        const j = paid < 0 ? -1 : slotOf[paid]!
        const x = (edges[e + 2]! * width + j + 1) * nodes + edges[e]!
        // a handful of leaves: insertion sort, keeping the distinct ones
        let at = count
        while (at > 0 && buffer[at - 1]! > x) at--
        if (at > 0 && buffer[at - 1] === x) continue
        buffer.copyWithin(at + 1, at, count)
        buffer[at] = x
        count++
      }
      if (used + 3 * count > steps.flat.length) {
        const more = new Int32Array(2 * (used + 3 * count))
        more.set(steps.flat.subarray(0, used))
        steps.flat = more
      }
      const flat = steps.flat
      for (let k = 0; k < count; k++) {
        const x = buffer[k]!
        const target = x % nodes
        const rest = (x - target) / nodes
        flat[used++] = Math.floor(rest / width)
        flat[used++] = (rest % width) - 1
        flat[used++] = target
      }
      steps.length[id] = 3 * count
    },
  }
  return steps
}

/**
 * Numbers the splits of `pairs` by their stage and their next pairs, sorted (the mix node's own
 * order is not known here), through a 53-bit hash: a collision only merges two splits, which
 * lowers the bound. Done only when the cells are counted (a walk past the state budget skips it).
 */
export function numberSplits(
  graph: GameGraph,
  pairs: Pairs,
): { readonly ids: Int32Array; readonly count: number } {
  const { keys, splitPair, splitAt, splitTargets } = pairs
  const nodes = graph.nodes.length
  const numbers = new Map<number, number>()
  const ids = new Int32Array(splitPair.length)
  for (let k = 0; k < splitPair.length; k++) {
    const node = graph.nodes[keys[splitPair[k]!]! % nodes]!
    const stage = node.kind === 'chance' ? node.stage : 0
    const targets = splitTargets.slice(splitAt[k]!, splitAt[k + 1]!).sort((x, y) => x - y)
    let h1 = Math.imul(0x811c9dc5 ^ (stage * 2), 0x01000193)
    let h2 = Math.imul(0x9e3779b9 ^ (stage * 2), 0x85ebca6b)
    for (const target of targets) {
      h1 = Math.imul(h1 ^ target, 0x01000193)
      h2 = Math.imul(h2 ^ target, 0xc2b2ae35) ^ (h2 >>> 15)
    }
    const hash = (h1 >>> 0) * 2 ** 21 + ((h2 >>> 0) & 0x1fffff)
    let id = numbers.get(hash)
    if (id === undefined) {
      id = numbers.size
      numbers.set(hash, id)
    }
    ids[k] = id
  }
  return { ids, count: numbers.size }
}
