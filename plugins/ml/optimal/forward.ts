import { applyBranch, copyScaled, type PhaseOutcomes } from '../solver/apply.ts'
import {
  addMass,
  type BufferStore,
  createGridPool,
  type Grid,
  type GridPool,
  prune,
  totalMass,
} from '../solver/grid.ts'
import type { GameGraph, TurnNode } from './graph.ts'
import type { Reach } from './reach.ts'
import { type Strategies, strategyAt } from './strategies.ts'

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
  const rowProbs = new Float64Array(5)
  const colProbs = new Float64Array(5)
  let unresolved = 0
  let inPlay = 1
  let turn = 0
  while (turn < options.turnCap && inPlay > options.epsilon) {
    turn++
    const outcomes: PhaseOutcomes = { wins: [0, 0] }
    const pending = new Map<number, Map<number, Grid>>()
    const gridOf = (id: number): Grid => {
      const stage = stageOf(id)
      let level = pending.get(stage)
      if (!level) {
        level = new Map()
        pending.set(stage, level)
      }
      let grid = level.get(id)
      if (!grid) {
        grid = pool.acquire()
        level.set(id, grid)
      }
      return grid
    }
    for (const [id, grid] of turnGrids) {
      splitByChoices(graph.nodes[id] as TurnNode, grid, reach, strategies, pool, gridOf, rowProbs, colProbs)
      pool.release(grid)
    }
    const next = new Map<number, Grid>()
    for (const stage of STAGES) {
      for (const [id, grid] of pending.get(stage) ?? []) {
        const node = graph.nodes[id]!
        if (node.kind !== 'chance') continue
        for (const branch of node.branches) {
          const target = graph.nodes[branch.node]!
          let out: Grid
          if (target.kind === 'turn') {
            out = next.get(branch.node) ?? pool.acquire()
            next.set(branch.node, out)
          } else out = gridOf(branch.node)
          applyBranch(grid, out, branch.ops, branch.p, outcomes, pool)
        }
        pool.release(grid)
      }
    }
    winsByTurn[0].push(outcomes.wins[0])
    winsByTurn[1].push(outcomes.wins[1])
    inPlay = 0
    for (const grid of next.values()) {
      unresolved += prune(grid, options.cellFloor)
      inPlay += totalMass(grid)
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

/** Splits a turn state's mass over its pairs of moves (strategies per cell) into first-action grids. */
function splitByChoices(
  node: TurnNode,
  grid: Grid,
  reach: Reach,
  strategies: Strategies,
  pool: GridPool,
  gridOf: (id: number) => Grid,
  rowProbs: Float64Array,
  colProbs: Float64Array,
): void {
  const rows = node.rows.length
  const cols = node.cols.length
  const hiB = reach.hiB[node.id]!
  const byPair: (Grid | undefined)[] = new Array(rows * cols)
  for (let a = grid.aMin; a <= grid.aMax; a++) {
    const from = (a - grid.a0) * grid.cols - grid.b0
    for (let b = grid.bMin; b <= grid.bMax; b++) {
      const mass = grid.data[from + b]!
      if (mass === 0) continue
      const cell = (a - 1) * hiB + b - 1
      strategyAt(strategies, node.id, cell, 0, rows, cols, rowProbs)
      strategyAt(strategies, node.id, cell, 1, rows, cols, colProbs)
      for (let r = 0; r < rows; r++) {
        if (rowProbs[r] === 0) continue
        for (let c = 0; c < cols; c++) {
          const w = rowProbs[r]! * colProbs[c]!
          if (w === 0) continue
          let pairGrid = byPair[r * cols + c]
          if (!pairGrid) {
            pairGrid = pool.acquire()
            byPair[r * cols + c] = pairGrid
          }
          addMass(pairGrid, a, b, mass * w)
        }
      }
    }
  }
  for (let i = 0; i < rows * cols; i++) {
    const pairGrid = byPair[i]
    if (!pairGrid) continue
    for (const { p, node: first } of node.entries[i]!) copyScaled(pairGrid, gridOf(first), p)
    pool.release(pairGrid)
  }
}
