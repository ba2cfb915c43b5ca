import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { applyBranch, copyScaled, type PhaseOutcomes } from '../solver/apply.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { constantDist, uniformOf } from '../solver/dist.ts'
import { addMass, createBufferStore, createGridPool, type Grid } from '../solver/grid.ts'
import type { HpOp } from '../solver/kernel.ts'
import { exploreGame, type GameGraph } from './graph.ts'
import { layoutOf } from './layout.ts'
import { type Reach, reachOf, rowTopOf } from './reach.ts'
import { rowsAfter } from './rows-after.ts'
import { createGame, type GameSideInput } from './setup.ts'
import { initialState } from './state.ts'
import { gameSweepOptions, sweep } from './sweep.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)

/** Every (row, top) the ops give from row `a` with B's HP 1 … `top`, with max HP 100 each. */
function after(ops: HpOp[], a: number, top: number): [number, number][] {
  const out: [number, number][] = []
  rowsAfter(100, 100)(ops, a, top, (x, y) => out.push([x, y]))
  return out
}

const hit = (side: 0 | 1, values: number[]): HpOp => ({ kind: 'damage', side, dist: uniformOf(values) })

describe('rowsAfter: HP ops on a row of B HP 1 … top', () => {
  test('a hit on B lowers the top by its least damage; a hit on A gives a row per value', () => {
    expect(after([hit(1, [10, 12])], 50, 40)).toEqual([[50, 30]])
    expect(after([hit(0, [10, 12])], 50, 40)).toEqual([
      [40, 40],
      [38, 40],
    ])
    // knocked out for every cell: nothing left
    expect(after([hit(0, [60])], 50, 40)).toEqual([])
    expect(after([hit(1, [40])], 50, 40)).toEqual([])
  })

  test('recoil and drain move the attacker by what each damage value deals', () => {
    const recoil: HpOp = { kind: 'recoil', side: 0, num: 1, den: 4 }
    expect(after([hit(1, [8, 12]), recoil], 50, 40)).toEqual([
      [48, 32],
      [47, 28],
    ])
    const drain: HpOp = { kind: 'drain', side: 1, num: 1, den: 2 }
    // B drains what it deals to A, capped at its max HP
    expect(after([hit(0, [20]), drain], 50, 95)).toEqual([[30, 100]])
  })

  test('heal, halve, Leech Seed and faint', () => {
    expect(after([{ kind: 'heal', side: 0, amount: 30 }], 80, 40)).toEqual([[100, 40]])
    expect(after([{ kind: 'heal', side: 1, amount: 30 }], 80, 40)).toEqual([[80, 70]])
    expect(after([{ kind: 'halve', side: 1 }], 80, 41)).toEqual([[80, 21]])
    expect(after([{ kind: 'halve', side: 0 }], 1, 41)).toEqual([])
    // B seeded: it survives only above the amount, and A heals the amount
    expect(after([{ kind: 'leech', side: 1, amount: 6 }], 97, 40)).toEqual([[100, 34]])
    expect(after([{ kind: 'faint', side: 0 }], 50, 40)).toEqual([])
  })

  test('HP tests: low-HP tests cut the top, the others keep it or stop the branch', () => {
    expect(after([{ kind: 'guard', side: 1, test: 'atMostQuarter' }], 50, 60)).toEqual([[50, 25]])
    expect(after([{ kind: 'guard', side: 1, test: 'notFull' }], 50, 100)).toEqual([[50, 99]])
    expect(after([{ kind: 'guard', side: 1, test: 'full' }], 50, 99)).toEqual([])
    expect(after([{ kind: 'guard', side: 1, test: 'full' }], 50, 100)).toEqual([[50, 100]])
    expect(after([{ kind: 'guard', side: 1, test: 'aboveQuarter' }], 50, 25)).toEqual([])
    expect(after([{ kind: 'guard', side: 0, test: 'full' }], 99, 40)).toEqual([])
    expect(after([{ kind: 'damage', side: 0, dist: constantDist(5) }], 50, 40)).toEqual([[45, 40]])
  })
})

/**
 * The cells a battle can reach, found another way: the mass of every turn start's cell spread over
 * all pairs of moves and pushed through the branches by the fixed-move solver's `applyBranch`
 * (whole HP grids), turn after turn until no new cell is met.
 */
function reachedCells(graph: GameGraph, reach: Reach, maxA: number, maxB: number): Uint8Array[] {
  const marks = graph.nodes.map((n) => new Uint8Array(reach.hiA[n.id]! * reach.hiB[n.id]!))
  const pool = createGridPool(maxA, maxB, createBufferStore())
  const markGrid = (id: number, grid: Grid) => {
    let added = 0
    for (let a = grid.aMin; a <= grid.aMax; a++) {
      for (let b = grid.bMin; b <= grid.bMax; b++) {
        const at = (a - grid.a0) * grid.cols + b - grid.b0
        if (grid.data[at]! === 0) continue
        grid.data[at] = 1 // only where mass is matters: no underflow over long battles
        const cell = (a - 1) * reach.hiB[id]! + b - 1
        if (!marks[id]![cell]) added++
        marks[id]![cell] = 1
      }
    }
    return added
  }
  let turns = new Map<number, Grid>()
  const root = pool.acquire()
  addMass(root, maxA, maxB, 1)
  turns.set(graph.root, root)
  const outcomes: PhaseOutcomes = { wins: [0, 0] }
  for (let added = 1; added > 0; ) {
    added = 0
    const stages = new Map<number, Map<number, Grid>>()
    const gridOf = (id: number) => {
      const node = graph.nodes[id]!
      const stage = node.kind === 'turn' ? 0 : node.stage
      const level = stages.get(stage) ?? new Map<number, Grid>()
      stages.set(stage, level)
      const grid = level.get(id) ?? pool.acquire()
      level.set(id, grid)
      return grid
    }
    for (const [id, grid] of turns) {
      added += markGrid(id, grid)
      const node = graph.nodes[id]!
      if (node.kind === 'turn')
        for (const entry of node.entries)
          for (const { node: first } of entry) copyScaled(grid, gridOf(first), 1)
      pool.release(grid)
    }
    const next = new Map<number, Grid>()
    for (const stage of [...stages.keys()].sort((x, y) => x - y)) {
      for (const [id, grid] of stages.get(stage)!) {
        added += markGrid(id, grid)
        const node = graph.nodes[id]!
        if (node.kind !== 'chance') continue
        for (const branch of node.branches) {
          let out: Grid
          if (graph.nodes[branch.node]!.kind === 'turn') {
            out = next.get(branch.node) ?? pool.acquire()
            next.set(branch.node, out)
          } else out = gridOf(branch.node)
          applyBranch(grid, out, branch.ops, 1, outcomes, pool)
        }
        pool.release(grid)
      }
    }
    turns = next
  }
  pool.dispose()
  return marks
}

/**
 * The rows by the plainest propagation: every state's rows on their own, every way (turn entries
 * too) through `rowsAfter`, a stack — what `reachRows` computes with states folded, ways merged
 * and fast paths, none of which may change a row.
 */
function plainRows(graph: GameGraph, reach: Reach, start: [number, number], max: [number, number]) {
  const { hiA, hiB, rowAt } = reach
  const rowTop = new Int32Array(reach.rowTop.length)
  const work: [number, number][] = []
  const raise = (id: number, a: number, b: number) => {
    const top = Math.min(b, hiB[id]!)
    if (a < 1 || a > hiA[id]! || top <= rowTop[rowAt[id]! + a - 1]!) return
    rowTop[rowAt[id]! + a - 1] = top
    work.push([id, a])
  }
  raise(graph.root, ...start)
  const rows = rowsAfter(...max)
  for (let row = work.pop(); row; row = work.pop()) {
    const [id, a] = row
    const node = graph.nodes[id]!
    const ways =
      node.kind === 'turn' ? node.entries.flat().map(({ node }) => ({ ops: [], node })) : node.branches
    for (const { ops, node: next } of ways)
      rows(ops, a, rowTop[rowAt[id]! + a - 1]!, (a2, b2) => raise(next, a2, b2))
  }
  return rowTop
}

function explored(a: GameSideInput, b: GameSideInput) {
  const game = createGame(engine.dex, factory, a, b)
  const maxA = game.sides[0].battlers[0]!.maxhp
  const maxB = game.sides[1].battlers[0]!.maxhp
  const graph = exploreGame(game, initialState(game), { maxStates: 30_000 })
  return { graph, maxA, maxB, reach: reachOf(graph, maxA, maxB, maxA, maxB) }
}

// healing and HP tests (Rest, Recover, Soft-Boiled, Substitute), Super Fang, Leech Seed, drain,
// recoil, self-KO, a status that only a hit causes
const GAMES: [GameSideInput, GameSideInput][] = [
  [
    { species: 'snorlax', moves: ['rest', 'bodyslam'] },
    { species: 'raticate', moves: ['superfang', 'bite'] },
  ],
  [
    { species: 'venusaur', moves: ['leechseed', 'megadrain'] },
    { species: 'starmie', moves: ['recover', 'psychic'] },
  ],
  [
    { species: 'arcanine', moves: ['takedown', 'flamethrower'] },
    { species: 'golem', moves: ['explosion', 'rockslide'] },
  ],
  [
    { species: 'butterfree', moves: ['megadrain', 'poisonpowder'] },
    { species: 'chansey', moves: ['softboiled', 'doubleedge'] },
  ],
  [
    { species: 'mrmime', moves: ['substitute', 'psychic'] },
    { species: 'pidgeot', moves: ['wingattack', 'quickattack'] },
  ],
]

describe('reachRows: what the sweep values', () => {
  for (const [a, b] of GAMES) {
    test(`${a.species} vs ${b.species}: every cell a battle reaches is kept`, () => {
      const { graph, reach, maxA, maxB } = explored(a, b)
      const marks = reachedCells(graph, reach, maxA, maxB)
      let reached = 0
      let kept = 0
      let box = 0
      for (const node of graph.nodes) {
        const id = node.id
        box += reach.hiA[id]! * reach.hiB[id]!
        for (let x = 1; x <= reach.hiA[id]!; x++) {
          const top = rowTopOf(reach, id, x)
          kept += top
          for (let y = 1; y <= reach.hiB[id]!; y++) {
            if (!marks[id]![(x - 1) * reach.hiB[id]! + y - 1]) continue
            reached++
            if (y > top) throw new Error(`state ${id} cell (${x}, ${y}) is reached but not kept (top ${top})`)
          }
        }
      }
      expect(reached).toBeGreaterThan(0)
      expect(kept).toBeGreaterThanOrEqual(reached)
      expect(kept).toBeLessThanOrEqual(box)
    })
  }

  test('the same rows as the plainest propagation, from the start and from mid-battle cells', () => {
    let rows = 0
    for (const [a, b] of GAMES) {
      const { graph, maxA, maxB } = explored(a, b)
      for (const start of [
        [maxA, maxB],
        [Math.ceil(maxA / 2), maxB],
        [maxA - 3, Math.ceil(maxB / 3)],
      ] as [number, number][]) {
        const reach = reachOf(graph, ...start, maxA, maxB)
        expect(reach.rowTop).toEqual(plainRows(graph, reach, start, [maxA, maxB]))
        rows += reach.rowTop.length
      }
    }
    expect(rows).toBeGreaterThan(1000)
  })

  test("with a store lending the queue's links: the same rows, and the buffer given back zeroed", () => {
    const store = createBufferStore()
    for (const [a, b] of GAMES) {
      const { graph, maxA, maxB, reach } = explored(a, b)
      for (let run = 0; run < 2; run++)
        expect(reachOf(graph, maxA, maxB, maxA, maxB, store).rowTop).toEqual(reach.rowTop)
      const back = store.take(Math.ceil(reach.rowTop.length / 2))
      expect(back.every((x) => x === 0)).toBe(true)
      store.give(back)
    }
  })

  test('the sweep values the kept cells exactly as it values them over the whole box', () => {
    const { graph, reach } = explored(
      { species: 'pikachu', moves: ['thunderbolt', 'quickattack', 'irontail', 'thunder'] },
      { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] },
    )
    // the same game with every row whole: what the sweep did before rows were kept
    const rowTop = new Int32Array(reach.rowTop.length)
    graph.nodes.forEach((node) => {
      rowTop.fill(reach.hiB[node.id]!, reach.rowAt[node.id]!, reach.rowAt[node.id + 1]!)
    })
    const whole: Reach = { ...reach, rowTop }
    const layout = layoutOf(graph, reach)
    const options = gameSweepOptions(Number.POSITIVE_INFINITY, 60_000)
    const kept = new Float64Array(layout.gridSize)
    const all = new Float64Array(layout.gridSize)
    sweep(graph, reach, layout, kept, options)
    sweep(graph, whole, layout, all, options)
    let compared = 0
    let skipped = 0
    let largest = 0
    for (const turn of graph.turns) {
      const id = turn.id
      for (let x = 1; x <= reach.hiA[id]!; x++) {
        for (let y = 1; y <= reach.hiB[id]!; y++) {
          const at = layout.gridAt[id]! + (x - 1) * reach.hiB[id]! + y - 1
          if (y > rowTopOf(reach, id, x)) {
            skipped++
            expect(kept[at]).toBe(0)
            continue
          }
          compared++
          largest = Math.max(largest, Math.abs(kept[at]! - all[at]!))
        }
      }
    }
    expect(skipped).toBeGreaterThan(0)
    expect(compared).toBeGreaterThan(skipped)
    // a guess restarted elsewhere may settle on another equilibrium within the tolerance
    expect(largest).toBeLessThanOrEqual(1e-12)
  })
})
