import { describe, expect, test } from 'bun:test'
import { exploredGame, type TestSide } from '../../../testing/ml/explored-game.ts'
import { EAGER_AHEAD, eagerSums } from './eager-sums.ts'
import { DAMAGE_A, DAMAGE_B, JOINT_A, JOINT_B, type Layout, SAME } from './layout.ts'
import { lazyStates } from './pair-values.ts'
import { type Reach, rowTopOf } from './reach.ts'

/**
 * State `id`'s own part at cell (a, b) one cell at a time, as the sweep added it before stretches:
 * its damage to A (branch by branch, value by value, each weighted by branch × value probability),
 * then its other branches in order, each summed value by value (a knock-out: the tail, or the
 * value's probability with recoil or drain) and weighted by the branch's probability.
 */
function ownPart(game: Explored, id: number, a: number, b: number) {
  const { layout, reach, grid } = game
  const { branchStart, branchKind, branchP, branchDist, branchTarget, gridAt } = layout
  const { distStart, distValue, distProb, distTail, branchDeltaAt, branchDelta } = layout
  const [maxA, maxB] = game.graph.maxHp
  const cell = (br: number, x: number, y: number) =>
    grid[gridAt[branchTarget[br]!]! + (x - 1) * reach.hiB[branchTarget[br]!]! + y - 1]!
  let total = 0
  for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
    if (branchKind[br] !== DAMAGE_A) continue
    const d = branchDist[br]!
    for (let j = distStart[d]!; j < distStart[d + 1]! && distValue[j]! < a; j++)
      total += branchP[br]! * distProb[j]! * cell(br, a - distValue[j]!, b)
  }
  for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
    const kind = branchKind[br]!
    if (kind === SAME || kind === DAMAGE_A) continue
    const d = branchDist[br]!
    let sum = 0
    let j = distStart[d]!
    if (kind === DAMAGE_B) {
      for (; j < distStart[d + 1]! && distValue[j]! < b; j++)
        sum += distProb[j]! * cell(br, a, b - distValue[j]!)
      if (j < distStart[d + 1]!) sum += distTail[j]!
    }
    for (; kind !== DAMAGE_B && j < distStart[d + 1]!; j++) {
      const v = distValue[j]!
      const delta = branchDelta[branchDeltaAt[br]! + j - distStart[d]!]!
      // the side hit knocked out: B's loss (1) or A's (0); the attacker out from recoil: the other
      if (kind === JOINT_B && v >= b) sum += 1 * distProb[j]!
      else if (kind === JOINT_A && v >= a) sum += 0 * distProb[j]!
      else if (kind === JOINT_B) {
        const user = Math.min(maxA, a + delta)
        sum += distProb[j]! * (user > 0 ? cell(br, user, b - v) : 0)
      } else {
        const user = Math.min(maxB, b + delta)
        sum += distProb[j]! * (user > 0 ? cell(br, a - v, user) : 1)
      }
    }
    total += branchP[br]! * sum
  }
  return total
}

type Explored = ReturnType<typeof exploredGame>

/**
 * Every eager state's part valued a stretch at a time must be the per-cell sum to the bit, however
 * the row is cut, on arbitrary tables; and valuing ahead from cell b must read no cell of the
 * current row from b on (they are not swept yet: poisoned with NaN here).
 */
function check(a: TestSide, b: TestSide) {
  const game = exploredGame(a, b, [5, 6, 7, 8])
  const { graph, reach, layout, grid } = game
  const eager = eagerSums(layout, reach, grid, lazyStates(graph, layout), graph.maxHp)
  let compared = 0
  let differing = 0
  const kinds = new Set<number>()
  for (const node of graph.chances) {
    const id = node.id
    if (eager.mode[id] !== EAGER_AHEAD) continue
    for (let br = layout.branchStart[id]!; br < layout.branchStart[id + 1]!; br++)
      kinds.add(layout.branchKind[br]!)
    for (const x of [1, Math.ceil(reach.hiA[id]! / 2), reach.hiA[id]!]) {
      const top = rowTopOf(reach, id, x)
      for (const [from, to] of [
        [1, Math.min(top, 32)],
        [Math.max(1, top - 40), top],
        [Math.ceil(top / 3), Math.ceil(top / 3)],
      ]) {
        if (from! < 1 || to! < from!) continue
        eager.sum(x, from!, to!)
        for (let y = from!; y <= to!; y++) {
          if (y > eager.done[id]!) {
            const restore = poison(layout, reach, grid, id, x, y)
            eager.ahead(id, x, y)
            restore()
          }
          compared++
          if (!Object.is(eager.sums[eager.at[id]! + y - 1], ownPart(game, id, x, y))) differing++
        }
      }
    }
  }
  return { compared, differing, kinds }
}

/**
 * NaN in the current row's cells b … of every table state `id`'s branches other than damage to A
 * read; returns what puts the old values back.
 */
function poison(layout: Layout, reach: Reach, grid: Float64Array, id: number, a: number, b: number) {
  const { branchStart, branchKind, branchTarget, gridAt } = layout
  const saves: [number, Float64Array][] = []
  for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
    if (branchKind[br] === SAME || branchKind[br] === DAMAGE_A) continue
    const target = branchTarget[br]!
    const at = gridAt[target]! + (a - 1) * reach.hiB[target]! + b - 1
    const end = gridAt[target]! + a * reach.hiB[target]!
    saves.push([at, grid.slice(at, end)])
    grid.fill(Number.NaN, at, end)
  }
  return () => {
    for (const [at, values] of saves.reverse()) grid.set(values, at)
  }
}

describe('eager sums: parts valued a stretch of cells at once', () => {
  test('equal the per-cell sums to the bit (B faster: A damages B second, an eager state)', () => {
    const { compared, differing, kinds } = check(
      { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
      { species: 'jolteon', moves: ['thunderbolt', 'quickattack', 'doublekick', 'pinmissile'] },
    )
    expect(kinds.has(DAMAGE_B)).toBe(true)
    expect(compared).toBeGreaterThan(1000)
    expect(differing).toBe(0)
  })

  test('equal the per-cell sums to the bit (A faster: B damages A second)', () => {
    const { compared, differing, kinds } = check(
      { species: 'jolteon', moves: ['thunderbolt', 'quickattack', 'doublekick', 'pinmissile'] },
      { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
    )
    expect(kinds.has(DAMAGE_A)).toBe(true)
    expect(compared).toBeGreaterThan(1000)
    expect(differing).toBe(0)
  })

  test("with recoil and drain: B's recoil or drain after hitting A second", () => {
    const { compared, differing, kinds } = check(
      { species: 'arcanine', moves: ['takedown', 'flamethrower'] },
      { species: 'venusaur', moves: ['megadrain', 'takedown'] },
    )
    expect(kinds.has(JOINT_A)).toBe(true)
    expect(compared).toBeGreaterThan(1000)
    expect(differing).toBe(0)
  })

  test("with recoil and drain: A's recoil or drain after hitting B second", () => {
    const { compared, differing, kinds } = check(
      { species: 'venusaur', moves: ['megadrain', 'takedown'] },
      { species: 'arcanine', moves: ['takedown', 'flamethrower'] },
    )
    expect(kinds.has(JOINT_B)).toBe(true)
    expect(compared).toBeGreaterThan(500)
    expect(differing).toBe(0)
  })
})
