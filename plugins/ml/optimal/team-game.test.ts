import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { sweepView } from './graph.ts'
import { GENERAL, POINT } from './layout.ts'
import { prepareGame } from './prepare.ts'
import { DEFAULT_LIMITS, type OptimalRequest } from './solve.ts'
import { gameSweepOptions, sweep } from './sweep.ts'
import { packGame, shared, unpackGame } from './team-game.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const untracked = [false, false, false, false]
const prepare = (request: OptimalRequest) =>
  prepareGame(engine, factory, request, DEFAULT_LIMITS, [untracked, untracked])

/** Self-Destruct (its user faints, then damage: a general branch) and Super Fang (halving: a point branch). */
const FAINTING = {
  a: { species: 'electrode', moves: ['selfdestruct', 'thunderbolt'] },
  b: { species: 'raticate', moves: ['superfang', 'hyperfang'] },
}
const PLAIN = {
  a: { species: 'pikachu', moves: ['thunderbolt', 'quickattack', 'irontail', 'thunder'] },
  b: { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
}

/** Typed arrays as plain lists, so that tables over shared and over private buffers compare equal. */
const plain = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v)))

describe('the game packed for a sweep helper', () => {
  test('posted (copied as a worker message is) and unpacked, it is what the sweep reads of the game', () => {
    for (const request of [FAINTING, PLAIN]) {
      const { graph, reach, layout } = prepare(request)
      const packed = packGame(graph, reach, layout)
      const back = unpackGame(structuredClone(packed))
      expect(plain(back.graph)).toEqual(plain(sweepView(graph)))
      expect(plain(back.reach)).toEqual(plain(reach))
      const { branchOps, ...tables } = back.layout
      const { branchOps: ops, ...original } = layout
      expect(plain(tables)).toEqual(plain(original))
      // the HP ops of the branches the sweep runs them for, and none of the others
      layout.branchKind.forEach((kind, br) => {
        if (kind === POINT || kind === GENERAL) expect(branchOps[br]).toEqual(ops[br] as never)
        else expect(branchOps[br]).toBeUndefined()
      })
    }
  })

  test('every table is over a shared buffer: posting it copies nothing', () => {
    const { graph, reach, layout } = prepare(FAINTING)
    const packed = packGame(graph, reach, layout)
    const tables = [packed.reach, packed.layout, packed.nodes, packed.ops].flatMap((group) =>
      Object.values(group).filter((value) => ArrayBuffer.isView(value)),
    )
    expect(tables.length).toBeGreaterThan(30)
    for (const table of tables) expect((table as Int32Array).buffer).toBeInstanceOf(SharedArrayBuffer)
    // the message holds the buffers themselves: a write on one side is seen on the other
    const copy = structuredClone(packed)
    packed.layout.branchP[0] = 0.125
    expect(copy.layout.branchP[0]).toBe(0.125)
  })

  test('the unpacked game sweeps to the same values to the bit (branches whose ops it lacks included)', () => {
    const options = gameSweepOptions(Number.POSITIVE_INFINITY, DEFAULT_LIMITS.timeLimitMs)
    for (const request of [FAINTING, PLAIN]) {
      const { graph, reach, layout } = prepare(request)
      const kinds = new Set(layout.branchKind)
      const back = unpackGame(packGame(graph, reach, layout))
      const original = new Float64Array(layout.gridSize)
      const unpacked = new Float64Array(layout.gridSize)
      sweep(graph, reach, layout, original, options)
      sweep(back.graph, back.reach, back.layout, unpacked, options)
      expect(unpacked).toEqual(original)
      expect(original.some((v) => v > 0 && v < 1)).toBe(true)
      if (request === FAINTING) expect(kinds.has(POINT) && kinds.has(GENERAL)).toBe(true)
    }
  })

  test('shared: the same values over a SharedArrayBuffer, an array over one as it is', () => {
    const values = Float64Array.of(0.5, 1e-300, -0)
    const copy = shared(values)
    expect(copy.buffer).toBeInstanceOf(SharedArrayBuffer)
    expect(copy).toEqual(values)
    expect(Object.is(copy[2], -0)).toBe(true)
    expect(shared(copy)).toBe(copy)
    expect(shared(new Int32Array(0)).length).toBe(0)
  })
})
