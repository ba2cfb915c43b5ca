import type { Dist } from '../solver/dist.ts'
import type { HpOp, HpTest } from '../solver/kernel.ts'
import type { SweepChance, SweepGraph, SweepNode, SweepTurn } from './graph.ts'
import { GENERAL, type Layout, POINT } from './layout.ts'
import type { Reach } from './reach.ts'

/**
 * The game a sweep helper sweeps (`sweep-team.ts`): the sweep's view of the graph, the HP bounds
 * and the layout, every table in typed arrays over SharedArrayBuffers. Why: posted as objects, the
 * game was copied twice (serialised by the leader, rebuilt by the helper): ≈ 1–2 ms of a median
 * game's 40 ms shared sweep, 20–90 ms for the largest, and a garbage collection in the helper now
 * and then. Posting shared buffers copies nothing; the helper rebuilds the few objects the sweep
 * reads (`unpackGame`): the states, their choices and first-action states (from the layout's own
 * lists), and the HP ops of the branches whose ops the sweep runs (`POINT`, `GENERAL`: ≈ 1 % of
 * the branches).
 */
export interface PackedGame {
  readonly upward: boolean
  readonly maxHp: readonly [number, number]
  readonly reach: Reach
  /** The layout but for its HP ops (`ops`). */
  readonly layout: Omit<Layout, 'branchOps'>
  readonly nodes: PackedNodes
  readonly ops: PackedOps
}

/** The graph's states: kinds, stages, the turn states' choices and first-action states. */
interface PackedNodes {
  /** Per node id: 1 turn state, 0 chance state. */
  readonly turn: Uint8Array
  readonly stage: Float64Array
  /** Ids in the order of `graph.turns` and of `graph.chances`. */
  readonly turnIds: Int32Array
  readonly chanceIds: Int32Array
  /**
   * Per turn (in `turnIds` order): its rows then its columns, at `choiceStart[t]` … (its
   * first-action states are the layout's `pairStart` / `entryStart` lists, made from them).
   */
  readonly choiceStart: Int32Array
  readonly rowCount: Int32Array
  readonly choices: Int32Array
}

/**
 * The HP ops of the branches the sweep runs them for (`Layout.branchOps`): those branches, per
 * branch its ops at `opStart[i]` …, per op its fields; a distribution met twice is one object on
 * both sides.
 */
interface PackedOps {
  readonly branches: Int32Array
  readonly opStart: Int32Array
  readonly kind: Uint8Array
  readonly side: Uint8Array
  /** amount (heal, leech), num (recoil, drain), distribution index (damage), test index (guard). */
  readonly first: Int32Array
  readonly den: Int32Array
  readonly distMin: Int32Array
  readonly distMax: Int32Array
  readonly probStart: Int32Array
  readonly probs: Float64Array
}

const OP_KINDS = ['damage', 'halve', 'faint', 'heal', 'recoil', 'drain', 'leech', 'guard'] as const
const HP_TESTS: readonly HpTest[] = ['full', 'notFull', 'aboveQuarter', 'atMostQuarter']

type Typed = Int32Array | Uint8Array | Float64Array
type TypedOf<T extends Typed> = T extends Int32Array
  ? Int32Array
  : T extends Uint8Array
    ? Uint8Array
    : Float64Array

/** The same values over a SharedArrayBuffer (the array itself when it is over one already). */
export function shared<T extends Typed>(values: T): TypedOf<T> {
  if (values.buffer instanceof SharedArrayBuffer) return values as unknown as TypedOf<T>
  const buffer = new SharedArrayBuffer(Math.max(8, values.byteLength))
  const Kind = values.constructor as new (buffer: SharedArrayBuffer, offset: number, length: number) => T
  const copy = new Kind(buffer, 0, values.length)
  copy.set(values as never)
  return copy as unknown as TypedOf<T>
}

const sharedInts = (values: readonly number[]) => shared(new Int32Array(values))

/**
 * Packs what the sweep reads of a game (see `PackedGame`); the leader's own objects are untouched.
 *
 * @example worker.postMessage({ game: packGame(graph, reach, layout) })
 */
export function packGame(graph: SweepGraph, reach: Reach, layout: Layout): PackedGame {
  const { branchOps, ...tables } = layout
  const sharedTables = Object.fromEntries(
    Object.entries(tables).map(([name, value]) => [name, typeof value === 'number' ? value : shared(value)]),
  ) as unknown as Omit<Layout, 'branchOps'>
  const { hiA, hiB, rowAt, rowTop } = reach
  return {
    upward: graph.upward,
    maxHp: [graph.maxHp[0], graph.maxHp[1]],
    reach: { hiA: shared(hiA), hiB: shared(hiB), rowAt: shared(rowAt), rowTop: shared(rowTop) },
    layout: sharedTables,
    nodes: packNodes(graph),
    ops: packOps(branchOps, layout.branchKind),
  }
}

function packNodes(graph: SweepGraph): PackedNodes {
  const count = graph.nodes.length
  const turn = new Uint8Array(count)
  const stage = new Float64Array(count)
  for (const node of graph.nodes) {
    if (node.kind === 'turn') turn[node.id] = 1
    else stage[node.id] = node.stage
  }
  const choiceStart: number[] = []
  const rowCount: number[] = []
  const choices: number[] = []
  for (const node of graph.turns) {
    choiceStart.push(choices.length)
    rowCount.push(node.rows.length)
    for (const row of node.rows) choices.push(row)
    for (const col of node.cols) choices.push(col)
  }
  choiceStart.push(choices.length)
  return {
    turn: shared(turn),
    stage: shared(stage),
    turnIds: sharedInts(graph.turns.map((node) => node.id)),
    chanceIds: sharedInts(graph.chances.map((node) => node.id)),
    choiceStart: sharedInts(choiceStart),
    rowCount: sharedInts(rowCount),
    choices: sharedInts(choices),
  }
}

/** Whether the sweep runs this branch's HP ops (the other kinds are in the layout's tables). */
const opsRead = (kind: number) => kind === POINT || kind === GENERAL

function packOps(branchOps: readonly (readonly HpOp[])[], branchKind: Uint8Array): PackedOps {
  const branches: number[] = []
  const opStart: number[] = []
  const ops: HpOp[] = []
  for (let br = 0; br < branchKind.length; br++) {
    if (!opsRead(branchKind[br]!)) continue
    branches.push(br)
    opStart.push(ops.length)
    for (const op of branchOps[br]!) ops.push(op)
  }
  opStart.push(ops.length)
  const dists: Dist[] = []
  const distIndex = new Map<Dist, number>()
  const first = ops.map((op) => {
    switch (op.kind) {
      case 'damage': {
        const known = distIndex.get(op.dist)
        if (known !== undefined) return known
        distIndex.set(op.dist, dists.length)
        return dists.push(op.dist) - 1
      }
      case 'heal':
      case 'leech':
        return op.amount
      case 'recoil':
      case 'drain':
        return op.num
      case 'guard':
        return HP_TESTS.indexOf(op.test)
      default:
        return 0
    }
  })
  const probStart = [0]
  for (const dist of dists) probStart.push(probStart.at(-1)! + dist.probs.length)
  const probs = new Float64Array(probStart.at(-1)!)
  dists.forEach((dist, i) => {
    probs.set(dist.probs, probStart[i]!)
  })
  return {
    branches: sharedInts(branches),
    opStart: sharedInts(opStart),
    kind: shared(Uint8Array.from(ops, (op) => OP_KINDS.indexOf(op.kind))),
    side: shared(Uint8Array.from(ops, (op) => op.side)),
    first: sharedInts(first),
    den: sharedInts(ops.map((op) => (op.kind === 'recoil' || op.kind === 'drain' ? op.den : 0))),
    distMin: sharedInts(dists.map((dist) => dist.min)),
    distMax: sharedInts(dists.map((dist) => dist.max)),
    probStart: sharedInts(probStart),
    probs: shared(probs),
  }
}

/**
 * The game as the sweep reads it, over the packed tables (shared, not copied: the helper only reads
 * them): the same values as the leader's objects, field for field, but for the HP ops of branches
 * whose ops the sweep does not run (undefined: a sweep that came to read one fails loudly).
 *
 * @example const { graph, reach, layout } = unpackGame(job.game)
 */
export function unpackGame(packed: PackedGame): { graph: SweepGraph; reach: Reach; layout: Layout } {
  const { turn, stage, turnIds, chanceIds } = packed.nodes
  const nodes: SweepNode[] = new Array(turn.length)
  const turns: SweepTurn[] = new Array(turnIds.length)
  for (let t = 0; t < turnIds.length; t++) {
    const node = unpackTurn(packed.nodes, packed.layout, turnIds[t]!, t)
    turns[t] = node
    nodes[node.id] = node
  }
  const chances: SweepChance[] = new Array(chanceIds.length)
  for (let c = 0; c < chanceIds.length; c++) {
    const id = chanceIds[c]!
    const node: SweepChance = { kind: 'chance', id, stage: stage[id]! }
    chances[c] = node
    nodes[id] = node
  }
  return {
    graph: { nodes, turns, chances, upward: packed.upward, maxHp: packed.maxHp },
    reach: packed.reach,
    layout: { ...packed.layout, branchOps: unpackOps(packed.ops, packed.layout.branchKind.length) },
  }
}

function unpackTurn(packed: PackedNodes, layout: PackedGame['layout'], id: number, t: number): SweepTurn {
  const { choiceStart, rowCount, choices } = packed
  const { pairStart, entryStart, entryP, entryNode } = layout
  const from = choiceStart[t]!
  const split = from + rowCount[t]!
  const entries: { p: number; node: number }[][] = []
  for (let pair = pairStart[id]!; pair < pairStart[id + 1]!; pair++) {
    const entry: { p: number; node: number }[] = []
    for (let e = entryStart[pair]!; e < entryStart[pair + 1]!; e++)
      entry.push({ p: entryP[e]!, node: entryNode[e]! })
    entries.push(entry)
  }
  return {
    kind: 'turn',
    id,
    rows: listOf(choices, from, split),
    cols: listOf(choices, split, choiceStart[t + 1]!),
    entries,
  }
}

/** `choices[from … to − 1]` as a plain list (a loop: `Array.from` of a view runs an iterator). */
function listOf(choices: Int32Array, from: number, to: number): number[] {
  const list: number[] = []
  for (let i = from; i < to; i++) list.push(choices[i]!)
  return list
}

function unpackOps(packed: PackedOps, branchCount: number): HpOp[][] {
  const { kind, side, first, den, distMin, distMax, probStart, probs } = packed
  const dists: Dist[] = []
  for (let d = 0; d < distMin.length; d++) {
    dists.push({ min: distMin[d]!, max: distMax[d]!, probs: probs.slice(probStart[d]!, probStart[d + 1]!) })
  }
  const opOf = (i: number): HpOp => {
    const s = side[i] as 0 | 1
    const name = OP_KINDS[kind[i]!]!
    switch (name) {
      case 'damage':
        return { kind: name, side: s, dist: dists[first[i]!]! }
      case 'heal':
      case 'leech':
        return { kind: name, side: s, amount: first[i]! }
      case 'recoil':
      case 'drain':
        return { kind: name, side: s, num: first[i]!, den: den[i]! }
      case 'guard':
        return { kind: name, side: s, test: HP_TESTS[first[i]!]! }
      default:
        return { kind: name, side: s }
    }
  }
  const lists: HpOp[][] = new Array(branchCount).fill(undefined)
  const { branches, opStart } = packed
  for (let i = 0; i < branches.length; i++) {
    const list: HpOp[] = []
    for (let op = opStart[i]!; op < opStart[i + 1]!; op++) list.push(opOf(op))
    lists[branches[i]!] = list
  }
  return lists
}
