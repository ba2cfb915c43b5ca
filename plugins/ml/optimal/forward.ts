import { applyBranch, type PhaseOutcomes } from '../solver/apply.ts'
import {
  addMass,
  type BufferStore,
  createGridPool,
  type Grid,
  type GridPool,
  pruneCounting,
} from '../solver/grid.ts'
import { createSplitScratch, splitTurn } from './forward-split.ts'
import type { GameGraph, TurnNode } from './graph.ts'
import type { Reach } from './reach.ts'
import type { Strategies } from './strategies.ts'

/** Stages of a turn's chance states, in the order they happen (see `ChanceNode.stage`). */
const STAGES = [1, 1.5, 2, 2.5, 3, 3.5]

/** What happens, turn by turn, when both sides play the given strategies from the start. */
export interface ForwardPlay {
  /** winsByTurn[s][t − 1] = P(side s wins at turn t). */
  readonly winsByTurn: readonly [number[], number[]]
  /** P(nobody fainted within the engine's turn cap). */
  readonly cap: number
  /** Probability left when the propagation stopped (below ε, or pruned cells). */
  readonly unresolved: number
  /** P(the battle is still on after `turns` turns), for each turn count asked in `watch`. */
  readonly stillOn: ReadonlyMap<number, number>
  readonly turns: number
}

export interface ForwardOptions {
  readonly turnCap: number
  readonly epsilon: number
  readonly cellFloor: number
  /** Turn counts whose "still on" probability to report (e.g. when some PP could run out). */
  readonly watch: readonly number[]
}

/**
 * Plays the strategies forward from the start cell: the distribution over (state, HP of A, HP of B)
 * turn by turn, every branch applied to whole HP grids by the fixed-move solver's `applyBranch`
 * (so HP semantics cannot differ), each turn-start cell split over the pairs of moves by the two
 * strategies. It gives P(B wins) and P(cap), the battle's length, and — compared with the backward
 * value — an independent check of P(A wins).
 *
 * @example const play = playForward(graph, reach, strategies, [maxA, maxB], store, options)
 */
export function playForward(
  graph: GameGraph,
  reach: Reach,
  strategies: Strategies,
  start: readonly [number, number],
  store: BufferStore,
  options: ForwardOptions,
): ForwardPlay {
  const maxA = graph.game.sides[0].battlers[0]!.maxhp
  const maxB = graph.game.sides[1].battlers[0]!.maxhp
  const pool = createGridPool(maxA, maxB, store)
  const winsByTurn: [number[], number[]] = [[], []]
  const stillOn = new Map<number, number>()
  let turnGrids = new Map<number, Grid>()
  const root = pool.acquire()
  addMass(root, start[0], start[1], 1)
  turnGrids.set(graph.root, root)
  const stageOf = (id: number) => {
    const node = graph.nodes[id]!
    return node.kind === 'turn' ? 0 : node.stage
  }
  const scratch = createSplitScratch()
  let unresolved = 0
  let inPlay = 1
  let turn = 0
  while (turn < options.turnCap && inPlay > options.epsilon) {
    turn++
    const outcomes: PhaseOutcomes = { wins: [0, 0] }
    const pending = new Map<number, Map<number, Grid>>()
    const levelOf = (id: number): Map<number, Grid> => {
      const stage = stageOf(id)
      let level = pending.get(stage)
      if (!level) {
        level = new Map()
        pending.set(stage, level)
      }
      return level
    }
    const gridOf = (id: number): Grid => grid(levelOf(id), id, pool)
    const handOver = (id: number, source: Grid, p: number): boolean => adopt(levelOf(id), id, source, p)
    for (const [id, grid] of turnGrids) {
      const node = graph.nodes[id] as TurnNode
      if (!splitTurn(node, grid, reach.hiB[id]!, strategies, { gridOf, handOver }, scratch))
        pool.release(grid)
    }
    const next = new Map<number, Grid>()
    for (const stage of STAGES) {
      for (const [id, source] of pending.get(stage) ?? []) {
        const node = graph.nodes[id]!
        if (node.kind !== 'chance') continue
        const branches = node.branches
        let kept = false
        for (let i = 0; i < branches.length; i++) {
          const branch = branches[i]!
          const level = graph.nodes[branch.node]!.kind === 'turn' ? next : levelOf(branch.node)
          // the last branch without ops moves the grid on when its state has none yet
          const last = i === branches.length - 1 && branch.ops.length === 0 && branch.p !== 0
          if (last && branch.node !== id && adopt(level, branch.node, source, branch.p)) kept = true
          else applyBranch(source, grid(level, branch.node, pool), branch.ops, branch.p, outcomes, pool)
        }
        if (!kept) pool.release(source)
      }
    }
    winsByTurn[0].push(outcomes.wins[0])
    winsByTurn[1].push(outcomes.wins[1])
    inPlay = 0
    for (const grid of next.values()) {
      const [dropped, kept] = pruneCounting(grid, options.cellFloor)
      unresolved += dropped
      inPlay += kept
    }
    turnGrids = next
    if (options.watch.includes(turn)) stillOn.set(turn, inPlay)
  }
  for (const watched of options.watch) if (watched > turn) stillOn.set(watched, 0)
  const cap = turn >= options.turnCap ? inPlay : 0
  if (turn < options.turnCap) unresolved += inPlay
  pool.dispose()
  return { winsByTurn, cap, unresolved, stillOn, turns: turn }
}

/** The grid of state `id` in `level` (a fresh one if it has none yet). */
function grid(level: Map<number, Grid>, id: number, pool: GridPool): Grid {
  let found = level.get(id)
  if (!found) {
    found = pool.acquire()
    level.set(id, found)
  }
  return found
}

/**
 * Makes `source` × p the grid of state `id` when it has none yet: what adding `source` × p into a
 * fresh grid gives, to the bit (0 + x · p = x · p), without the copy nor the fresh grid's
 * allocation and clearing. The caller must not use `source` afterwards. False when `id` has a grid.
 */
function adopt(level: Map<number, Grid>, id: number, source: Grid, p: number): boolean {
  if (level.has(id)) return false
  if (p !== 1) {
    const data = source.data
    for (let a = source.aMin; a <= source.aMax; a++) {
      const row = (a - source.a0) * source.cols - source.b0
      for (let b = source.bMin; b <= source.bMax; b++) data[row + b]! *= p
    }
  }
  level.set(id, source)
  return true
}
