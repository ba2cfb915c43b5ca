import { describe, expect, test } from 'bun:test'
import { exploredGame, type TestSide } from '../../../testing/ml/explored-game.ts'
import { createCellEvaluator } from './cell-eval.ts'
import { DAMAGE_A, DAMAGE_B } from './layout.ts'
import { createPairSums, pairPrograms, pairTerms } from './pair-programs.ts'
import { lazyStates } from './pair-values.ts'

/**
 * A pair's flat list must give what its first-action states give one by one (`evaluateLazy`, then
 * the entries' weights): the same linear function of the tables and the same-cell values, so it is
 * checked on arbitrary tables, not only on a solve's.
 */
function check(a: TestSide, b: TestSide) {
  const { graph, reach, layout, grid, random } = exploredGame(a, b, [1, 2, 3, 4])
  const val = Float64Array.from({ length: layout.count }, () => random())
  const lazy = lazyStates(graph, layout)
  const cells = createCellEvaluator(graph, reach, layout, grid, val, lazy)
  const programs = pairPrograms(layout, lazy, cells.lazyProgram)
  const { distValue, distProb, distTail } = layout
  const pairSums = createPairSums(programs, { distValue, distProb, distTail, grid, val })
  const addTerms = pairTerms(programs, val)
  const out = new Float64Array(2 * reach.hiB.reduce((x, y) => Math.max(x, y), 0) + 2)
  /** Pair k at (x, y): its sums valued alone, or within a stretch of the row from `lo`, then its terms. */
  const pairConstant = (k: number, x: number, y: number, lo: number) => {
    pairSums(k, x, lo, y, out, 3)
    return addTerms(k, out[3 + y - lo]!)
  }
  const { pairStart, entryStart, entryP, entryNode } = layout
  let compared = 0
  let worst = 0
  for (const turn of graph.turns) {
    const id = turn.id
    const probes = [
      [reach.hiA[id]!, reach.hiB[id]!],
      [1, 1],
      [Math.ceil(reach.hiA[id]! / 2), Math.ceil(reach.hiB[id]! / 3)],
    ]
    for (const [x, y] of probes) {
      if (x! < 1 || y! < 1) continue
      for (let k = pairStart[id]!; k < pairStart[id + 1]!; k++) {
        if (!programs.flat[k]) continue
        let expected = 0
        for (let e = entryStart[k]!; e < entryStart[k + 1]!; e++) {
          const node = entryNode[e]!
          const before = val[node]!
          if (lazy[node]) cells.evaluateLazy(node, x!, y!)
          expected += entryP[e]! * val[node]!
          val[node] = before
        }
        // the same to the bit alone and as the last cell of a stretch
        worst = Math.max(worst, Math.abs(pairConstant(k, x!, y!, y!) - expected))
        if (pairConstant(k, x!, y!, Math.max(1, y! - 20)) !== pairConstant(k, x!, y!, y!)) worst = 1
        compared++
      }
    }
  }
  return { compared, worst, kinds: new Set(programs.sumKind) }
}

describe('pair programs: a pair valued from its flat list', () => {
  test('equals its first-action states valued one by one (A faster: damage to B first)', () => {
    const { compared, worst, kinds } = check(
      { species: 'jolteon', moves: ['thunderbolt', 'quickattack', 'doublekick', 'pinmissile'] },
      { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
    )
    expect(compared).toBeGreaterThan(100)
    expect(kinds.has(DAMAGE_B)).toBe(true)
    expect(worst).toBeLessThan(1e-12)
  })

  test('equals its first-action states valued one by one (B faster: damage to A first)', () => {
    const { compared, worst, kinds } = check(
      { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
      { species: 'jolteon', moves: ['thunderbolt', 'quickattack', 'doublekick', 'pinmissile'] },
    )
    expect(compared).toBeGreaterThan(100)
    expect(kinds.has(DAMAGE_A)).toBe(true)
    expect(worst).toBeLessThan(1e-12)
  })
})
