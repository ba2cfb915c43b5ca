import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createPrng } from '../battle/prng.ts'
import { applyBranch, copyScaled, type PhaseOutcomes } from '../solver/apply.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import {
  addMass,
  type BufferStore,
  createBufferStore,
  createGridPool,
  type Grid,
  prune,
  totalMass,
} from '../solver/grid.ts'
import { type ForwardOptions, type ForwardPlay, playForward } from './forward.ts'
import { exploreGame, type GameGraph, type TurnNode } from './graph.ts'
import { type Reach, reachOf } from './reach.ts'
import { createGame, type GameSideInput } from './setup.ts'
import { initialState } from './state.ts'
import { createStrategies, liveTurns, recordStrategy, type Strategies, strategyAt } from './strategies.ts'

/**
 * The plainest forward play (what `playForward` was before it was made cheaper): each turn-start
 * cell split with `strategyAt` into a grid per pair of moves, each pair's grid copied into its
 * first-action states, every branch applied to a fresh or existing grid, prune then total.
 * `playForward` must give the same numbers to the bit.
 */
function plainForward(
  graph: GameGraph,
  reach: Reach,
  strategies: Strategies,
  start: readonly [number, number],
  store: BufferStore,
  options: ForwardOptions,
): ForwardPlay {
  const pool = createGridPool(graph.maxHp[0], graph.maxHp[1], store)
  const winsByTurn: [number[], number[]] = [[], []]
  const stillOn = new Map<number, number>()
  let turnGrids = new Map<number, Grid>()
  const root = pool.acquire()
  addMass(root, start[0], start[1], 1)
  turnGrids.set(graph.root, root)
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
      const node = graph.nodes[id]!
      const stage = node.kind === 'turn' ? 0 : node.stage
      const level = pending.get(stage) ?? new Map<number, Grid>()
      pending.set(stage, level)
      const grid = level.get(id) ?? pool.acquire()
      level.set(id, grid)
      return grid
    }
    for (const [id, grid] of turnGrids) {
      const node = graph.nodes[id] as TurnNode
      const [rows, cols] = [node.rows.length, node.cols.length]
      const byPair: (Grid | undefined)[] = new Array(rows * cols)
      for (let a = grid.aMin; a <= grid.aMax; a++) {
        for (let b = grid.bMin; b <= grid.bMax; b++) {
          const mass = grid.data[(a - grid.a0) * grid.cols + b - grid.b0]!
          if (mass === 0) continue
          const cell = (a - 1) * reach.hiB[id]! + b - 1
          strategyAt(strategies, id, cell, 0, rows, cols, rowProbs)
          strategyAt(strategies, id, cell, 1, rows, cols, colProbs)
          for (let r = 0; r < rows; r++) {
            if (rowProbs[r] === 0) continue
            for (let c = 0; c < cols; c++) {
              const w = rowProbs[r]! * colProbs[c]!
              if (w === 0) continue
              byPair[r * cols + c] ??= pool.acquire()
              addMass(byPair[r * cols + c]!, a, b, mass * w)
            }
          }
        }
      }
      byPair.forEach((pairGrid, i) => {
        if (!pairGrid) return
        for (const { p, node: first } of node.entries[i]!) copyScaled(pairGrid, gridOf(first), p)
        pool.release(pairGrid)
      })
      pool.release(grid)
    }
    const next = new Map<number, Grid>()
    for (const stage of [1, 1.5, 2, 2.5, 3, 3.5]) {
      for (const [id, grid] of pending.get(stage) ?? []) {
        const node = graph.nodes[id]!
        if (node.kind !== 'chance') continue
        for (const branch of node.branches) {
          let out: Grid
          if (graph.nodes[branch.node]!.kind === 'turn') {
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

/**
 * Seeded strategies of every kind the split meets: per turn state, one pair of moves everywhere
 * (the grid goes whole to one pair), a pure pair drawn per cell, or a quarter of mixed cells (some
 * with one side pure, some with zero probabilities).
 */
function randomStrategies(graph: GameGraph, reach: Reach, seed: number): Strategies {
  const random = createPrng([seed, 7, 11, 13])
  const turns = liveTurns(graph, reach)
  const strategies = createStrategies(turns, reach, graph.nodes.length)
  const rowProbs = new Float64Array(5)
  const colProbs = new Float64Array(5)
  const draw = (out: Float64Array, count: number, pure: boolean) => {
    out.fill(0)
    if (pure) out[Math.floor(random() * count)] = 1
    else {
      for (let i = 0; i < count; i++) out[i] = random() < 0.3 ? 0 : random()
      out[Math.floor(random() * count)] = 0.5
      const sum = out.reduce((x, y) => x + y, 0)
      for (let i = 0; i < count; i++) out[i] = out[i]! / sum
    }
  }
  for (const id of turns) {
    const node = graph.nodes[id] as TurnNode
    const [rows, cols] = [node.rows.length, node.cols.length]
    const kind = Math.floor(random() * 3)
    draw(rowProbs, rows, true)
    draw(colProbs, cols, true)
    for (let cell = 0; cell < reach.hiA[id]! * reach.hiB[id]!; cell++) {
      if (kind > 0) {
        const mixed = kind === 2 && random() < 0.25
        draw(rowProbs, rows, !mixed || random() < 0.3)
        draw(colProbs, cols, !mixed)
      }
      recordStrategy(strategies, id, cell, rowProbs, rows, colProbs, cols)
    }
  }
  return strategies
}

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const store = createBufferStore()
const OPTIONS: ForwardOptions = { turnCap: 12, epsilon: 1e-9, cellFloor: 1e-17, watch: [1, 3, 5, 20] }

const GAMES: [string, GameSideInput, GameSideInput][] = [
  [
    'four moves each',
    { species: 'pikachu', moves: ['thunderbolt', 'quickattack', 'irontail', 'thunder'] },
    { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
  ],
  [
    'a mirror: speed ties split a pair over two first actions',
    { species: 'pikachu', moves: ['thunderbolt', 'quickattack'] },
    { species: 'pikachu', moves: ['thunder', 'irontail'] },
  ],
  [
    'recoil and drain',
    { species: 'rapidash', moves: ['flareblitz', 'stomp'] },
    { species: 'butterfree', moves: ['megadrain', 'confusion'] },
  ],
  [
    'Leech Seed, healing and HP guards',
    { species: 'venusaur', moves: ['leechseed', 'razorleaf'] },
    { species: 'chansey', moves: ['softboiled', 'seismictoss'] },
  ],
]

describe('playForward equals the plainest forward play to the bit', () => {
  for (const [name, a, b] of GAMES) {
    test(name, () => {
      const game = createGame(engine.dex, factory, a, b)
      const graph = exploreGame(game, initialState(game), { maxStates: 30_000 })
      const [maxA, maxB] = graph.maxHp
      const reach = reachOf(graph, maxA, maxB, maxA, maxB)
      for (const seed of [1, 2]) {
        const strategies = randomStrategies(graph, reach, seed)
        const expected = plainForward(graph, reach, strategies, [maxA, maxB], store, OPTIONS)
        const play = playForward(graph, reach, strategies, [maxA, maxB], store, OPTIONS)
        expect(play).toEqual(expected)
        // a real battle, not an empty one
        expect(play.turns).toBeGreaterThan(2)
        expect(play.winsByTurn[0].some((w) => w > 0) && play.winsByTurn[1].some((w) => w > 0)).toBe(true)
      }
    })
  }
})
