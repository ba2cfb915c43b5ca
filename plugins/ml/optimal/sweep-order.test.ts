import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { CHUNK } from './chunk-schedule.ts'
import { JOINT_A } from './layout.ts'
import { type PreparedGame, prepareGame } from './prepare.ts'
import type { GameSideInput } from './setup.ts'
import { DEFAULT_LIMITS } from './solve.ts'
import { gameSweepOptions, sweep } from './sweep.ts'
import { type SweepOrder, sweepOrder } from './sweep-order.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)

const prepare = (a: GameSideInput, b: GameSideInput): PreparedGame =>
  prepareGame(engine, factory, { a, b }, DEFAULT_LIMITS, [[], []])

/** Every turn state's table after one sweep in `order` (the sweep's own order when absent). */
function sweptTables(game: PreparedGame, order?: SweepOrder) {
  const grid = new Float64Array(game.layout.gridSize)
  const options = { ...gameSweepOptions(Number.POSITIVE_INFINITY, 60_000), order }
  const { sweeps } = sweep(game.graph, game.reach, game.layout, grid, options)
  return { grid, sweeps }
}

/** The largest difference between two sweeps' tables over the cells the sweep values. */
function largestGap(game: PreparedGame, x: Float64Array, y: Float64Array): number {
  const { reach, layout } = game
  let gap = 0
  for (const turn of game.graph.turns) {
    const at = layout.gridAt[turn.id]!
    for (let a = 1; a <= reach.hiA[turn.id]!; a++) {
      const top = reach.rowTop[reach.rowAt[turn.id]! + a - 1]!
      const row = at + (a - 1) * reach.hiB[turn.id]!
      for (let b = 1; b <= top; b++) gap = Math.max(gap, Math.abs(x[row + b - 1]! - y[row + b - 1]!))
    }
  }
  return gap
}

const A_DRAINS = prepare(
  { species: 'butterfree', moves: ['megadrain', 'confusion'] },
  { species: 'blastoise', moves: ['surf', 'bite'] },
)
const B_DRAINS = prepare(
  { species: 'blastoise', moves: ['surf', 'bite'] },
  { species: 'butterfree', moves: ['megadrain', 'confusion'] },
)

describe('the order that finishes every read of a cell first', () => {
  test('no HP gain: rows, as always', () => {
    const game = prepare(
      { species: 'pikachu', moves: ['thunderbolt', 'quickattack'] },
      { species: 'charmander', moves: ['scratch', 'ember'] },
    )
    expect(game.graph.upward).toBe(false)
    expect(sweepOrder(game.layout)).toEqual({ kind: 'rows', lag: 0 })
  })

  test("B's drain raises B only where A falls: rows, two threads a few chunks apart", () => {
    expect(B_DRAINS.graph.upward).toBe(true)
    // two threads: chunk k of a row waits for chunk k + lag below, lag chunks holding B's largest gain
    const { branchStart, branchKind, branchDist, distStart, branchDeltaAt, branchDelta } = B_DRAINS.layout
    let gain = 0
    for (let br = 0; br < branchStart[B_DRAINS.layout.count]!; br++) {
      if (branchKind[br] !== JOINT_A) continue
      const values = distStart[branchDist[br]! + 1]! - distStart[branchDist[br]!]!
      const deltas = branchDelta.subarray(branchDeltaAt[br]!, branchDeltaAt[br]! + values)
      gain = Math.max(gain, ...deltas)
    }
    expect(gain).toBeGreaterThan(0)
    expect(sweepOrder(B_DRAINS.layout)).toEqual({ kind: 'rows', lag: Math.ceil(gain / CHUNK) })
  })

  test("A's drain raises A only where B falls: blocks no wider than its least hit", () => {
    const order = sweepOrder(A_DRAINS.layout)
    expect(order.kind).toBe('blocks')
    const width = order.kind === 'blocks' ? order.width : 0
    expect(width).toBeGreaterThanOrEqual(1)
    expect(width).toBeLessThanOrEqual(CHUNK)
    // every Mega Drain hit that lets A survive to read a cell takes at least `width` from B
    const { branchStart, branchKind, branchDist, distStart, distValue, branchOps } = A_DRAINS.layout
    let least = Number.POSITIVE_INFINITY
    for (let br = 0; br < branchStart[A_DRAINS.layout.count]!; br++) {
      if (!branchOps[br]!.some((op) => op.kind === 'drain' && op.side === 0)) continue
      expect(branchKind[br]).toBeGreaterThan(0)
      least = Math.min(least, distValue[distStart[branchDist[br]!]!]!)
    }
    expect(width).toBe(Math.min(CHUNK, least))
  })

  test('Leech Seed on B raises A as B falls: blocks; healing or drain on both sides: repeated sweeps', () => {
    const seeds = prepare(
      { species: 'venusaur', moves: ['leechseed'] },
      { species: 'blastoise', moves: ['surf'] },
    )
    expect(sweepOrder(seeds.layout).kind).toBe('blocks')
    const rests = prepare(
      { species: 'snorlax', moves: ['rest', 'bodyslam'] },
      { species: 'machamp', moves: ['submission'] },
    )
    expect(sweepOrder(rests.layout)).toEqual({ kind: 'repeat' })
    const both = prepare(
      { species: 'butterfree', moves: ['megadrain'] },
      { species: 'venusaur', moves: ['megadrain'] },
    )
    expect(sweepOrder(both.layout)).toEqual({ kind: 'repeat' })
  })

  test('one sweep in that order gives the values of sweeps repeated until nothing moves', () => {
    for (const game of [A_DRAINS, B_DRAINS]) {
      const once = sweptTables(game)
      const repeated = sweptTables(game, { kind: 'repeat' })
      expect(once.sweeps).toBe(1)
      expect(repeated.sweeps).toBeGreaterThan(1)
      expect(largestGap(game, once.grid, repeated.grid)).toBeLessThan(1e-12)
    }
  })

  test("A's drain swept once row by row reads cells not done yet: the blocks are needed", () => {
    const rows = sweptTables(A_DRAINS, { kind: 'rows', lag: 0 })
    const repeated = sweptTables(A_DRAINS, { kind: 'repeat' })
    expect(largestGap(A_DRAINS, rows.grid, repeated.grid)).toBeGreaterThan(1e-6)
  })
})
