import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from './battler.ts'
import { createContext, get, set } from './context.ts'
import { F, FRZ, MODE_SIZE, NONE } from './mode.ts'
import { actionLeaves } from './phases.ts'
import { residual } from './residual.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)

/**
 * Rules that only play with a choice of move each turn meets (found by optimal play on the engine):
 * a side repeating one move never sets them up.
 */

describe('residual: durations tick on both sides of every outcome', () => {
  test('a Thrash lock ending in confusion on side A still ticks side B', () => {
    const ctx = createContext(engine.dex, [
      factory.battler('primeape', 'thrash'),
      factory.battler('electrode', 'thunder'),
    ])
    const mode = new Int32Array(MODE_SIZE)
    // A: last turn of the lock, a true rampage (confusion follows); B moved this turn, Reflect up
    set(mode, 0, F.lockDuration, 1)
    set(mode, 0, F.lockTrue, 1)
    set(mode, 1, F.moved, 1)
    set(mode, 1, F.reflect, 3)
    const leaves = residual(ctx, mode)
    // the lock's end forks into the four confusion lengths
    expect(leaves.map((l) => get(l.m, 0, F.confusion)).sort()).toEqual([2, 3, 4, 5])
    for (const leaf of leaves) {
      expect(get(leaf.m, 0, F.lockDuration)).toBe(0)
      expect(get(leaf.m, 1, F.moved)).toBe(0)
      expect(get(leaf.m, 1, F.reflect)).toBe(2)
    }
  })
})

describe("Scald thaws a frozen target (freeze's AfterMoveSecondary)", () => {
  const frozenFoe = () => {
    const mode = new Int32Array(MODE_SIZE)
    set(mode, 1, F.status, FRZ)
    return mode
  }
  test('after Tri Attack froze the foe, Scald thaws it; Ice Beam does not', () => {
    const scald = createContext(engine.dex, [
      factory.battler('kabuto', 'scald'),
      factory.battler('magnemite', 'thunderbolt'),
    ])
    const leaves = actionLeaves(scald, frozenFoe(), 0)
    expect(leaves.length).toBeGreaterThan(0)
    for (const leaf of leaves) expect(get(leaf.m, 1, F.status)).toBe(NONE)
    const iceBeam = createContext(engine.dex, [
      factory.battler('kabuto', 'icebeam'),
      factory.battler('magnemite', 'thunderbolt'),
    ])
    for (const leaf of actionLeaves(iceBeam, frozenFoe(), 0)) expect(get(leaf.m, 1, F.status)).toBe(FRZ)
  })
})
