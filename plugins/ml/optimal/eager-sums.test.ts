import { describe, expect, test } from 'bun:test'
import { EAGER_AHEAD, eagerSums } from './eager-sums.ts'
import { exploredGame, type TestSide } from './explored.fixture.ts'
import { DAMAGE_A, DAMAGE_B, type Layout } from './layout.ts'
import { lazyStates } from './pair-values.ts'
import { type Reach, rowTopOf } from './reach.ts'

/**
 * State `id`'s own part at cell (a, b) one cell at a time, as the sweep added it before stretches:
 * its damage to A (branch by branch, value by value, each weighted by branch × value probability),
 * then each damage-to-B branch (its values in order, then the knock-out tail, times the branch's).
 */
function ownPart(layout: Layout, reach: Reach, grid: Float64Array, id: number, a: number, b: number) {
  const { branchStart, branchKind, branchP, branchDist, branchTarget, gridAt } = layout
  const { distStart, distValue, distProb, distTail } = layout
  let total = 0
  for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
    if (branchKind[br] !== DAMAGE_A) continue
    const cols = reach.hiB[branchTarget[br]!]!
    const d = branchDist[br]!
    for (let j = distStart[d]!; j < distStart[d + 1]! && distValue[j]! < a; j++)
      total +=
        branchP[br]! *
        distProb[j]! *
        grid[gridAt[branchTarget[br]!]! + (a - distValue[j]! - 1) * cols + b - 1]!
  }
  for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
    if (branchKind[br] !== DAMAGE_B) continue
    const at = gridAt[branchTarget[br]!]! + (a - 1) * reach.hiB[branchTarget[br]!]! + b - 1
    const d = branchDist[br]!
    let sum = 0
    let j = distStart[d]!
    for (; j < distStart[d + 1]! && distValue[j]! < b; j++) sum += distProb[j]! * grid[at - distValue[j]!]!
    if (j < distStart[d + 1]!) sum += distTail[j]!
    total += branchP[br]! * sum
  }
  return total
}

/**
 * Every eager state's part valued a stretch at a time must be the per-cell sum to the bit, however
 * the row is cut, on arbitrary tables; and valuing ahead from cell b must read no cell of the
 * current row from b on (they are not swept yet: poisoned with NaN here).
 */
function check(a: TestSide, b: TestSide) {
  const { graph, reach, layout, grid } = exploredGame(a, b, [5, 6, 7, 8])
  const eager = eagerSums(layout, reach, grid, lazyStates(graph, layout))
  let compared = 0
  let differing = 0
  let damageB = 0
  for (const node of graph.chances) {
    const id = node.id
    if (eager.mode[id] !== EAGER_AHEAD) continue
    for (let br = layout.branchStart[id]!; br < layout.branchStart[id + 1]!; br++)
      if (layout.branchKind[br] === DAMAGE_B) damageB++
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
          if (!Object.is(eager.sums[eager.at[id]! + y - 1], ownPart(layout, reach, grid, id, x, y)))
            differing++
        }
      }
    }
  }
  return { compared, differing, damageB }
}

/**
 * NaN in the current row's cells b … of every table state `id`'s damage to B reads; returns what
 * puts the old values back.
 */
function poison(layout: Layout, reach: Reach, grid: Float64Array, id: number, a: number, b: number) {
  const { branchStart, branchKind, branchTarget, gridAt } = layout
  const saves: [number, Float64Array][] = []
  for (let br = branchStart[id]!; br < branchStart[id + 1]!; br++) {
    if (branchKind[br] !== DAMAGE_B) continue
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
    const { compared, differing, damageB } = check(
      { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
      { species: 'jolteon', moves: ['thunderbolt', 'quickattack', 'doublekick', 'pinmissile'] },
    )
    expect(damageB).toBeGreaterThan(0)
    expect(compared).toBeGreaterThan(1000)
    expect(differing).toBe(0)
  })

  test('equal the per-cell sums to the bit (A faster: B damages A second)', () => {
    const { compared, differing } = check(
      { species: 'jolteon', moves: ['thunderbolt', 'quickattack', 'doublekick', 'pinmissile'] },
      { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
    )
    expect(compared).toBeGreaterThan(1000)
    expect(differing).toBe(0)
  })
})
