import type { Dist } from '../solver/dist.ts'
import type { HpOp, HpTest } from '../solver/kernel.ts'
import { F, SIDE_SIZE } from '../solver/mode.ts'
import type { Branch, ChanceNode, GameGraph, GameNode, TurnNode } from './graph.ts'
import { equalDists, sameOps } from './graph-keys.ts'

/**
 * The game graph with every set of interchangeable states merged into one: states that do the
 * same thing — the same choices, the same branches (probability, HP ops) in the same order, into
 * states that are themselves interchangeable — have the same value at every HP cell and the same
 * optimal strategies, so only one of them needs tables, a sweep and a forward play.
 *
 * Why: the exploration tells states apart by everything the rules track (the last move used, a
 * stat stage, a counter, a status turn) even where nothing that follows reads it: in the bench's
 * median games ≈ 15 % of the states (≈ 12 % of the value cells) are such copies, whose tables come
 * out equal to the bit. This finds them after the exploration, whatever the mechanic.
 *
 * How: partition refinement (the coarsest bisimulation). Classes start from what a state is
 * (turn or chance, stage, choices, recharge); each round splits a class whose states differ in
 * their branches (probability, ops, class of the target), until no class splits. Rounds compare
 * 53-bit hashes of those signatures, then the final partition is checked exactly (every state's
 * branches equal its class's first state's, class for class): a hash collision could only merge
 * states that differ, and then the graph is returned as it is.
 *
 * The merged graph keeps each class's first state (its own `state`, branches remapped), in the
 * order of the original ids; `findTurn` maps any state the exploration met to its class.
 *
 * @example const graph = quotientGraph(exploreGame(game, start, limits))
 */
export function quotientGraph(graph: GameGraph): GameGraph {
  const { nodes } = graph
  const n = nodes.length
  const keys = createOpKeys()
  const mixNumber = createNumberMixer()
  // per node: a hash of what it is, and its successors flat (a hash of the step, the target)
  const own = new Int32Array(n)
  const succStart = new Int32Array(n + 1)
  const succTag: number[] = []
  const succTarget: number[] = []
  for (let id = 0; id < n; id++) {
    const node = nodes[id]!
    succStart[id] = succTag.length
    if (node.kind === 'turn') {
      const state = node.state
      let h = mix(mix(mix(1, node.rows.length), node.cols.length), state[F.recharge]!)
      h = mix(h, state[SIDE_SIZE + F.recharge]!)
      for (const r of node.rows) h = mix(h, r)
      for (const c of node.cols) h = mix(h, c)
      own[id] = h
      node.entries.forEach((entry, k) => {
        for (const { p, node: target } of entry) {
          succTag.push(mix(mixNumber(k, p), 0))
          succTarget.push(target)
        }
      })
    } else {
      own[id] = mix(mixNumber(2, node.stage), node.branches.length)
      for (const br of node.branches) {
        succTag.push(mix(mixNumber(3, br.p), keys.idOf(br.ops)))
        succTarget.push(br.node)
      }
    }
  }
  succStart[n] = succTag.length
  const tags = new Int32Array(succTag)
  const targets = new Int32Array(succTarget)
  const table = createPairTable(n)
  let cls = new Int32Array(n)
  let next = new Int32Array(n)
  let classes = 0
  // later phases first, then turn starts: a round hashes a chance state's targets with their
  // classes of this round (a turn's states bottom-up in one pass), turn starts with the last
  // round's; rounds then only carry differences from one turn to the turns before it
  const order = byPhase(nodes)
  const seen = new Int32Array(n).fill(-1)
  for (let round = 0; ; round++) {
    table.clear()
    for (const id of order) {
      let h1 = mix(own[id]!, cls[id]!)
      let h2 = mix(h1 ^ 0x5bd1e995, cls[id]!)
      for (let s = succStart[id]!; s < succStart[id + 1]!; s++) {
        const t = targets[s]!
        const target = seen[t] === round ? next[t]! : cls[t]!
        h1 = mix(mix(h1, tags[s]!), target)
        h2 = mix(mix(h2, target), tags[s]! ^ 0x27d4eb2f)
      }
      next[id] = table.idOf(h1, h2)
      seen[id] = round
    }
    ;[cls, next] = [next, cls]
    if (table.size() === classes) break
    classes = table.size()
  }
  if (classes === n || !stable(graph, cls)) return graph
  return mergedGraph(graph, cls, classes)
}

/** Node ids, the turn's last phases first (stage 3.5 … 1 of chance states), turn starts last. */
function byPhase(nodes: readonly GameNode[]): Int32Array {
  // stages are 1, 1.5, … 3.5: twice the stage is a small integer (0 for a turn start)
  const slotOf = (node: GameNode) => (node.kind === 'turn' ? 0 : Math.round(2 * node.stage))
  const counts = new Int32Array(9)
  for (const node of nodes) counts[slotOf(node)]!++
  const starts = new Int32Array(9)
  for (let k = 7; k >= 0; k--) starts[k] = starts[k + 1]! + counts[k + 1]!
  const order = new Int32Array(nodes.length)
  for (const node of nodes) order[starts[slotOf(node)]!++] = node.id
  return order
}

/** Every node's branches equal, class for class, its class's first node's: a true bisimulation. */
function stable(graph: GameGraph, cls: Int32Array): boolean {
  const first = new Int32Array(cls.length).fill(-1)
  for (let id = 0; id < cls.length; id++) if (first[cls[id]!]! < 0) first[cls[id]!] = id
  for (let id = 0; id < cls.length; id++) {
    const x = graph.nodes[id]!
    const y = graph.nodes[first[cls[id]!]!]!
    if (x === y) continue
    if (x.kind === 'turn' && y.kind === 'turn') {
      if (!sameList(x.rows, y.rows) || !sameList(x.cols, y.cols)) return false
      for (const side of [0, SIDE_SIZE])
        if (x.state[side + F.recharge] !== y.state[side + F.recharge]) return false
      if (x.entries.length !== y.entries.length) return false
      for (let k = 0; k < x.entries.length; k++) {
        const ex = x.entries[k]!
        const ey = y.entries[k]!
        if (ex.length !== ey.length) return false
        for (let e = 0; e < ex.length; e++)
          if (ex[e]!.p !== ey[e]!.p || cls[ex[e]!.node] !== cls[ey[e]!.node]) return false
      }
    } else if (x.kind === 'chance' && y.kind === 'chance') {
      if (x.stage !== y.stage || x.branches.length !== y.branches.length) return false
      for (let b = 0; b < x.branches.length; b++) {
        const bx = x.branches[b]!
        const by = y.branches[b]!
        if (bx.p !== by.p || cls[bx.node] !== cls[by.node] || !sameOps(bx.ops, by.ops, equalDists))
          return false
      }
    } else return false
  }
  return true
}

/** The graph of the classes: each class's first node, its successors renumbered. */
function mergedGraph(graph: GameGraph, cls: Int32Array, classes: number): GameGraph {
  // classes numbered in the order of their first node (the exploration's order is kept)
  const renumber = new Int32Array(classes).fill(-1)
  const newId = new Int32Array(cls.length)
  const keep: number[] = []
  for (let id = 0; id < cls.length; id++) {
    if (renumber[cls[id]!]! < 0) {
      renumber[cls[id]!] = keep.length
      keep.push(id)
    }
    newId[id] = renumber[cls[id]!]!
  }
  const nodes: GameNode[] = keep.map((old, id) => {
    const node = graph.nodes[old]!
    if (node.kind === 'turn') {
      const entries = node.entries.map((entry) => entry.map(({ p, node: t }) => ({ p, node: newId[t]! })))
      return { ...node, id, entries } satisfies TurnNode
    }
    const branches: Branch[] = node.branches.map((br) => ({ p: br.p, ops: br.ops, node: newId[br.node]! }))
    return { ...node, id, branches } satisfies ChanceNode
  })
  const leafEdges = keep.map((old) => {
    const edges = graph.leafEdges[old]
    if (!edges) return undefined
    const out = edges.slice()
    for (let k = 0; k < out.length; k += 3) out[k] = newId[out[k]!]!
    return out
  })
  return {
    game: graph.game,
    nodes,
    turns: nodes.filter((node): node is TurnNode => node.kind === 'turn'),
    chances: nodes.filter((node): node is ChanceNode => node.kind === 'chance'),
    root: newId[graph.root]!,
    leafEdges,
    upward: graph.upward,
    maxHp: graph.maxHp,
    findTurn(state) {
      const turn = graph.findTurn(state)
      return turn ? (nodes[newId[turn.id]!] as TurnNode) : undefined
    },
  }
}

function sameList(x: readonly number[], y: readonly number[]): boolean {
  return x.length === y.length && x.every((v, i) => v === y[i])
}

interface OpKeys {
  /** A hash of a list of HP ops: equal lists, equal hashes (see `sameOps` for the exact test). */
  idOf(ops: readonly HpOp[]): number
}

/** Hashes of HP op lists, distributions by content (each distribution hashed once). */
function createOpKeys(): OpKeys {
  const byDist = new Map<Dist, number>()
  const mixNumber = createNumberMixer()
  const distHash = (dist: Dist) => {
    let h = byDist.get(dist)
    if (h === undefined) {
      h = mix(17, dist.min)
      for (let i = 0; i < dist.probs.length; i++) h = mixNumber(h, dist.probs[i]!)
      byDist.set(dist, h)
    }
    return h
  }
  const opHash = (op: HpOp): number => {
    const h = mix(OP_CODES[op.kind], op.side)
    switch (op.kind) {
      case 'damage':
        return mix(h, distHash(op.dist))
      case 'heal':
      case 'leech':
        return mix(h, op.amount)
      case 'recoil':
      case 'drain':
        return mix(mix(h, op.num), op.den)
      case 'guard':
        return mix(h, TEST_CODES[op.test])
      default:
        return h
    }
  }
  return {
    idOf(ops) {
      // hashed each time: lists are a few ops, and a map keyed by each branch's list cost more
      let h = mix(5, ops.length)
      for (const op of ops) h = mix(h, opHash(op))
      return h
    },
  }
}

const OP_CODES: Record<HpOp['kind'], number> = {
  damage: 1,
  halve: 2,
  faint: 3,
  heal: 4,
  recoil: 5,
  drain: 6,
  leech: 7,
  guard: 8,
}
const TEST_CODES: Record<HpTest, number> = { full: 1, notFull: 2, aboveQuarter: 3, atMostQuarter: 4 }

/**
 * Class numbers of 64-bit signatures (two 32-bit hashes), in order of first appearance: an
 * open-addressing table over typed arrays, cleared each round (a Map keyed by numbers costs ≈ 10×).
 */
function createPairTable(capacity: number) {
  let size = 1
  while (size < 2 * capacity) size *= 2
  const mask = size - 1
  const first = new Int32Array(size)
  const second = new Int32Array(size)
  const ids = new Int32Array(size)
  // a slot is taken in the current round when its stamp is the round's
  const stamps = new Int32Array(size)
  let stamp = 0
  let count = 0
  return {
    clear() {
      stamp++
      count = 0
    },
    size: () => count,
    idOf(h1: number, h2: number): number {
      // MurmurHash3's finaliser: `mix` leaves the low bits poorly mixed, and they pick the slot
      let f = h1 ^ (h1 >>> 16)
      f = Math.imul(f, 0x85ebca6b)
      f ^= f >>> 13
      f = Math.imul(f, 0xc2b2ae35)
      let slot = (f ^ (f >>> 16)) & mask
      for (;;) {
        if (stamps[slot] !== stamp) {
          stamps[slot] = stamp
          first[slot] = h1
          second[slot] = h2
          ids[slot] = count
          return count++
        }
        if (first[slot] === h1 && second[slot] === h2) return ids[slot]!
        slot = (slot + 1) & mask
      }
    },
  }
}

/** One step of a 32-bit hash (multiply-rotate, as in MurmurHash3). */
function mix(h: number, v: number): number {
  let k = Math.imul(v | 0, 0xcc9e2d51)
  k = (k << 15) | (k >>> 17)
  h ^= Math.imul(k, 0x1b873593)
  h = (h << 13) | (h >>> 19)
  return (Math.imul(h, 5) + 0xe6546b64) | 0
}

/** `mix` of a tag and the 64 bits of a number (a probability or a stage), through its own scratch. */
function createNumberMixer(): (tag: number, x: number) => number {
  const bits = new Float64Array(1)
  const words = new Int32Array(bits.buffer)
  return (tag, x) => {
    bits[0] = x
    return mix(mix(tag, words[0]!), words[1]!)
  }
}
