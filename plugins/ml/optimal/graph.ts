import type { HpOp } from '../solver/kernel.ts'
import { createModeTable, F, type Mode, SIDE_SIZE } from '../solver/mode.ts'
import { checkDeadline, OptimalLimitError } from './errors.ts'
import { createMixTable, type MixTarget } from './graph-keys.ts'
import { createLeafGrouper } from './leaf-groups.ts'
import { createOutcomeCache, type OutcomeCache, patchInto, type SharedOutcomes } from './outcome-cache.ts'
import type { Game } from './setup.ts'
import { choicesOf, STATE_SIZE } from './state.ts'
import { actorOf, startStates } from './turn.ts'

/** A random step: with probability `p`, the HP ops run and the battle goes on in `node`. */
export interface Branch {
  readonly p: number
  readonly ops: readonly HpOp[]
  readonly node: number
}

/** A state where chance decides (an action, the residual, or a split of one HP outcome). */
export interface ChanceNode {
  readonly kind: 'chance'
  readonly id: number
  /** 1 first action, 2 second action, 3 residual; + 0.5 for a split after that phase. */
  readonly stage: number
  readonly state: Mode | null
  readonly branches: Branch[]
}

/** A turn's start, where both sides choose at once: a matrix game. */
export interface TurnNode {
  readonly kind: 'turn'
  readonly id: number
  readonly state: Mode
  /** What each side may use (`cur` codes, see `state.ts`). */
  readonly rows: readonly number[]
  readonly cols: readonly number[]
  /** For the pair (r, c): the first-action states with their probability (a speed tie splits). */
  readonly entries: readonly (readonly { readonly p: number; readonly node: number }[])[]
}

export type GameNode = ChanceNode | TurnNode

/**
 * What the value sweeps read of a game graph: plain data only (no rules, no functions), so that
 * the solving thread can post it to a sweep helper (`sweep-team.ts`) instead of the helper
 * exploring the same game again (≈ 10 % of a solve's CPU, spent on the other core).
 */
export interface SweepGraph {
  readonly nodes: readonly SweepNode[]
  readonly turns: readonly SweepTurn[]
  readonly chances: readonly SweepChance[]
  /** Some op can raise HP (healing, drain, Leech Seed, Rest): values need repeated sweeps. */
  readonly upward: boolean
  /** Max HP of A and of B (where healing stops). */
  readonly maxHp: readonly [number, number]
}

/** What the sweeps read of a turn state (its choices and first-action states). */
export type SweepTurn = Pick<TurnNode, 'kind' | 'id' | 'rows' | 'cols' | 'entries'>
/** What the sweeps read of a chance state (its branches are in the `Layout`). */
export type SweepChance = Pick<ChanceNode, 'kind' | 'id' | 'stage'>
export type SweepNode = SweepTurn | SweepChance

/**
 * The sweep's part of a graph, without the discrete states themselves (the rules' modes) nor the
 * branches' HP ops (the layout has them): what a sweep helper receives, cheap to copy.
 */
export function sweepView(graph: SweepGraph): SweepGraph {
  const nodes: SweepNode[] = graph.nodes.map((node) =>
    node.kind === 'turn'
      ? { kind: node.kind, id: node.id, rows: node.rows, cols: node.cols, entries: node.entries }
      : { kind: node.kind, id: node.id, stage: node.stage },
  )
  return {
    nodes,
    turns: graph.turns.map((turn) => nodes[turn.id] as SweepTurn),
    chances: graph.chances.map((chance) => nodes[chance.id] as SweepChance),
    upward: graph.upward,
    maxHp: graph.maxHp,
  }
}

/** Every discrete state reachable from the start, whatever both sides choose. */
export interface GameGraph extends SweepGraph {
  readonly nodes: readonly GameNode[]
  readonly turns: readonly TurnNode[]
  readonly chances: readonly ChanceNode[]
  readonly game: Game
  readonly root: number
  /**
   * Per chance state with a state (else undefined): its leaves as (next state, PP paid, branch)
   * triples, flat — the next state, side · 4 + slot of the PP the action paid (−1: none), the index
   * of the leaf's branch. The PP rounds read them to bound the states and cells of the game
   * counting one more slot without exploring it (`pp-bound.ts`).
   */
  readonly leafEdges: readonly (Int32Array | undefined)[]
  /** The turn state equal to `state`, if the exploration met it. */
  findTurn(state: Mode): TurnNode | undefined
}

/** Limits of the exploration. */
export interface GraphLimits {
  /** Most discrete states (turn starts + within-turn states) explored before refusing. */
  readonly maxStates: number
  /** The solve's deadline, checked before each state is expanded (see `checkDeadline`). */
  readonly time?: { readonly deadline: number; readonly timeLimitMs: number }
}

/**
 * Explores the game from `start` (a turn-start state): for each turn-start state every pair of
 * choices, the turn's start, both actions and the residual, each outcome merged by what it does to
 * HP. Discrete only: a state's branches do not depend on HP (HP tests are `guard` ops).
 *
 * @param cache outcomes already computed for states equal but for their PP counts or the foe's
 *   choice (see `OutcomeCache`; default: one for this exploration): the same graph, sooner
 * @throws OptimalLimitError past `limits.maxStates` (`OPTIMAL_STATE_LIMIT`) or `limits.time`.
 * @example const graph = exploreGame(game, initialState(game), { maxStates: 20000 })
 */
export function exploreGame(
  game: Game,
  start: Mode,
  limits: GraphLimits,
  cache: OutcomeCache = createOutcomeCache(false),
): GameGraph {
  const table = createModeTable()
  const scratch = new Int32Array(STATE_SIZE)
  // a turn's start for one pair of choices is worked out here, copied only when new
  const started = new Int32Array(STATE_SIZE)
  const nodes: GameNode[] = []
  // per state of the table (by its index i): its turn node at 2i and its chance node at 2i + 1,
  // −1 for none yet
  let ids = new Int32Array(1024).fill(-1)
  const idAt = (at: number): number => (at < ids.length ? ids[at]! : -1)
  const setIdAt = (at: number, id: number): void => {
    if (at >= ids.length) {
      const more = new Int32Array(Math.max(ids.length * 2, at + 2)).fill(-1)
      more.set(ids)
      ids = more
    }
    ids[at] = id
  }
  const mixIds = createMixTable<number>()
  const pending: number[] = []
  const leafEdges: (Int32Array | undefined)[] = []
  // the leaf edges of the chance state being expanded (see `GameGraph.leafEdges`)
  let edges = new Int32Array(64)
  let edgeCount = 0
  let upward = false
  const add = (node: GameNode) => {
    if (nodes.length >= limits.maxStates) {
      throw new OptimalLimitError(
        'OPTIMAL_STATE_LIMIT',
        `the battle has more than ${limits.maxStates} discrete states (statuses, stat stages, PP, effects)`,
        { limit: limits.maxStates },
      )
    }
    nodes.push(node)
    pending.push(node.id)
    return node.id
  }
  const turnNode = (state: Mode, copy = false): number => {
    const index = table.indexOf(state, copy)
    const known = idAt(2 * index)
    if (known >= 0) return known
    const key = table.at(index)
    const rows = choicesOf(game, key, 0)
    const cols = choicesOf(game, key, 1)
    const id = add({ kind: 'turn', id: nodes.length, state: key, rows, cols, entries: [] })
    setIdAt(2 * index, id)
    return id
  }
  const chanceNode = (state: Mode, copy = false): number => {
    const index = table.indexOf(state, copy)
    const known = idAt(2 * index + 1)
    if (known >= 0) return known
    const key = table.at(index)
    const moved = key[F.moved]! + key[SIDE_SIZE + F.moved]!
    const id = add({ kind: 'chance', id: nodes.length, stage: moved + 1, state: key, branches: [] })
    setIdAt(2 * index + 1, id)
    return id
  }
  const mixNode = (stage: number, targets: MixTarget[]): number =>
    mixIds.get(stage, targets, () => {
      const branches = targets.map((t) => ({ p: t.p, ops: [], node: t.node }))
      const id = nodes.length
      nodes.push({ kind: 'chance', id, stage: stage + 0.5, state: null, branches })
      return id
    })
  const grouper = createLeafGrouper()
  // one chance state's next states, per group of leaves (flat, in order of first appearance):
  // group, node, probability (a handful: scanned, not mapped)
  let targetGroup = new Int32Array(16)
  let targetNode = new Int32Array(16)
  let targetP = new Float64Array(16)
  let groupP = new Float64Array(16)
  const branchesOf = (
    into: Branch[],
    stage: number,
    outcomes: SharedOutcomes,
    next: (m: Mode, copy: boolean) => number,
    actor: number,
  ) => {
    const { leaves, paid, patch } = outcomes
    const { groupOf, ops, upward: up } = grouper.of(leaves, outcomes.kept)
    if (up) upward = true
    if (groupP.length < ops.length) groupP = new Float64Array(ops.length * 2)
    groupP.fill(0, 0, ops.length)
    if (targetNode.length < leaves.length) {
      targetGroup = new Int32Array(leaves.length * 2)
      targetNode = new Int32Array(leaves.length * 2)
      targetP = new Float64Array(leaves.length * 2)
    }
    if (edgeCount + 3 * leaves.length > edges.length) {
      const more = new Int32Array((edgeCount + 3 * leaves.length) * 2)
      more.set(edges)
      edges = more
    }
    let targets = 0
    for (let i = 0; i < leaves.length; i++) {
      const group = groupOf[i]!
      if (group < 0) continue
      const leaf = leaves[i]!
      groupP[group] = groupP[group]! + leaf.p
      const slot = paid ? paid[i]! : -1
      let target: number
      if (patch) {
        patchInto(scratch, leaf.m, slot, patch)
        target = next(scratch, true)
      } else target = next(leaf.m, false)
      let k = 0
      while (k < targets && (targetNode[k] !== target || targetGroup[k] !== group)) k++
      if (k === targets) {
        targetGroup[k] = group
        targetNode[k] = target
        targetP[k] = leaf.p
        targets++
      } else targetP[k] = targetP[k]! + leaf.p
      edges[edgeCount++] = target
      edges[edgeCount++] = slot < 0 ? -1 : actor * 4 + slot
      edges[edgeCount++] = group
    }
    for (let group = 0; group < ops.length; group++) {
      const p = groupP[group]!
      let first = -1
      let count = 0
      for (let k = 0; k < targets; k++) {
        if (targetGroup[k] !== group) continue
        if (first < 0) first = k
        count++
      }
      if (count === 1) {
        into.push({ p, ops: ops[group]!, node: targetNode[first]! })
        continue
      }
      const list: MixTarget[] = []
      for (let k = first; k < targets; k++)
        if (targetGroup[k] === group) list.push({ p: targetP[k]! / p, node: targetNode[k]! })
      into.push({ p, ops: ops[group]!, node: mixNode(stage, list) })
    }
  }
  const root = turnNode(start)
  while (pending.length > 0) {
    if (limits.time) checkDeadline(limits.time)
    const node = nodes[pending.pop()!]!
    if (node.kind === 'turn') {
      const entries = node.entries as { p: number; node: number }[][]
      for (const curA of node.rows) {
        for (const curB of node.cols) {
          const entry: { p: number; node: number }[] = []
          for (const { p, next } of startStates(game, node.state, curA, curB, started)) {
            entry.push({ p, node: chanceNode(next, next === started) })
          }
          entries.push(entry)
        }
      }
      continue
    }
    if (!node.state) continue
    const residual = node.stage === 3
    const outcomes = cache.outcomes(game, node.state, residual)
    const actor = residual ? 0 : actorOf(node.state)
    edgeCount = 0
    branchesOf(node.branches, node.stage, outcomes, residual ? turnNode : chanceNode, actor)
    // copied by hand: `slice` of a typed array costs more than its few entries
    const own = new Int32Array(edgeCount)
    for (let k = 0; k < edgeCount; k++) own[k] = edges[k]!
    leafEdges[node.id] = own
  }
  const turns = nodes.filter((n): n is TurnNode => n.kind === 'turn')
  const chances = nodes.filter((n): n is ChanceNode => n.kind === 'chance')
  return {
    game,
    nodes,
    turns,
    chances,
    root,
    leafEdges,
    upward,
    maxHp: [game.sides[0].battlers[0]!.maxhp, game.sides[1].battlers[0]!.maxhp],
    findTurn(state) {
      const index = table.find(state)
      const id = index < 0 ? -1 : idAt(2 * index)
      return id < 0 ? undefined : (nodes[id] as TurnNode)
    },
  }
}
