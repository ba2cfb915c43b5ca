import { describe, expect, test } from 'bun:test'
import { createCellGame } from './cell-game.ts'
import { createMatrixGameSolver } from './matrix-game.ts'
import { createStrategies } from './strategies.ts'

/**
 * One cell with turn states whose pairs come back to the cell (both sides miss): `constQ` is what
 * the pair is worth when something happens, `terms` the chance of each same-cell turn state next.
 */
function cellOf(states: { rows: number; cols: number; constQ: number[]; terms: [number, number][][] }[]) {
  const count = states.length
  const rowsOf = Int32Array.from(states.map((s) => s.rows))
  const colsOf = Int32Array.from(states.map((s) => s.cols))
  const pairStart = new Int32Array(count + 1)
  const termStart: number[] = []
  const termNode: number[] = []
  const termCoef: number[] = []
  const constQ: number[] = []
  states.forEach((s, id) => {
    pairStart[id] = constQ.length
    s.constQ.forEach((q, k) => {
      constQ.push(q)
      termStart.push(termNode.length)
      for (const [node, coef] of s.terms[k]!) {
        termNode.push(node)
        termCoef.push(coef)
      }
    })
  })
  pairStart[count] = constQ.length
  termStart.push(termNode.length)
  const hiB = new Int32Array(count).fill(1)
  const reach = { hiA: new Int32Array(count).fill(1), hiB }
  const input = {
    count,
    rowsOf,
    colsOf,
    pairStart,
    constQ: Float64Array.from(constQ),
    ensure: () => {},
    termStart: Int32Array.from(termStart),
    termNode: Int32Array.from(termNode),
    termCoef: Float64Array.from(termCoef),
    val: new Float64Array(count),
    hiB,
    games: createMatrixGameSolver(),
    payoff: new Float64Array(25),
    strategies: createStrategies([...states.keys()], reach, count),
    tolerance: 1e-13,
  }
  return { input, turns: Int32Array.from(states.keys()) }
}

/** The same fixed point by plain value iteration (what the sweep did before). */
function iterate(input: ReturnType<typeof cellOf>['input']): Float64Array {
  const val = new Float64Array(input.count)
  const payoff = new Float64Array(25)
  for (let round = 0; round < 10_000; round++) {
    for (let id = 0; id < input.count; id++) {
      const pairs = input.rowsOf[id]! * input.colsOf[id]!
      for (let k = 0; k < pairs; k++) {
        const g = input.pairStart[id]! + k
        let q = input.constQ[g]!
        for (let t = input.termStart[g]!; t < input.termStart[g + 1]!; t++)
          q += input.termCoef[t]! * val[input.termNode[t]!]!
        payoff[k] = q
      }
      val[id] = input.games.solve(payoff, input.rowsOf[id]!, input.colsOf[id]!).value
    }
  }
  return val
}

describe('the turn states of one cell by strategy iteration', () => {
  test('misses that come back to the cell: same values as value iteration, strategies recorded', () => {
    // A: sure weak hit or 70 % strong hit; B likewise; a miss on both sides is the same turn again
    const { input, turns } = cellOf([
      {
        rows: 2,
        cols: 2,
        constQ: [0.6, 0.5, 0.3, 0.2],
        terms: [[], [[0, 0.3]], [[0, 0.3]], [[0, 0.09]]],
      },
    ])
    const expected = iterate(input)
    expect(createCellGame(input).solve(turns, 1, 1, 1)).toBe(true)
    expect(Math.abs(input.val[0]! - expected[0]!)).toBeLessThan(1e-12)
    expect(input.val[0]).toBeCloseTo(0.6, 12)
    // pure here: the recorded pair is a saddle point of the cell's payoffs at the solved value
    const v = input.val[0]!
    const payoff = [0.6, 0.5 + 0.3 * v, 0.3 + 0.3 * v, 0.2 + 0.09 * v]
    const r = input.strategies.row[0]![0]!
    const c = input.strategies.col[0]![0]!
    expect(Math.abs(payoff[r * 2 + c]! - v)).toBeLessThan(1e-12)
    expect(Math.min(payoff[r * 2]!, payoff[r * 2 + 1]!)).toBeCloseTo(v, 12)
    expect(Math.max(payoff[c]!, payoff[2 + c]!)).toBeCloseTo(v, 12)
  })

  test('a matching-pennies cell whose strategies mix, and a chain to a second state (PP used)', () => {
    const { input, turns } = cellOf([
      { rows: 2, cols: 2, constQ: [0.6, 0.1, 0.1, 0.6], terms: [[[1, 0.2]], [], [], [[0, 0.2]]] },
      { rows: 1, cols: 2, constQ: [0.5, 0.3], terms: [[[1, 0.1]], []] },
    ])
    const expected = iterate(input)
    expect(createCellGame(input).solve(turns, 2, 1, 1)).toBe(true)
    expect(Math.abs(input.val[0]! - expected[0]!)).toBeLessThan(1e-12)
    expect(Math.abs(input.val[1]! - expected[1]!)).toBeLessThan(1e-12)
    expect(input.strategies.row[0]![0]).toBe(-1)
    expect(input.strategies.mixed[0]!.get(0)!.length).toBe(4)
  })

  test('a guess that is still optimal is confirmed reading one row and one column only', () => {
    // 3 × 3, saddle at (0, 0); the first cell's solve leaves (0, 0) as the guess for the next
    const { input, turns } = cellOf([
      {
        rows: 3,
        cols: 3,
        constQ: [0.5, 0.7, 0.8, 0.3, 0.9, 0.9, 0.2, 0.9, 0.9],
        terms: Array.from({ length: 9 }, () => []),
      },
    ])
    const read = new Set<number>()
    const cellGame = createCellGame({ ...input, ensure: (k) => read.add(k) })
    expect(cellGame.solve(turns, 1, 1, 1)).toBe(true)
    read.clear()
    expect(cellGame.solve(turns, 1, 1, 1)).toBe(true)
    expect([...read].sort()).toEqual([0, 1, 2, 3, 6])
    expect(input.val[0]).toBeCloseTo(0.5, 12)
    expect(input.strategies.row[0]![0]).toBe(0)
    expect(input.strategies.col[0]![0]).toBe(0)
  })

  test('a pair that can stall forever (nothing ever happens) is left to value iteration', () => {
    const { input, turns } = cellOf([{ rows: 1, cols: 2, constQ: [0, 0.5], terms: [[[0, 1]], []] }])
    expect(createCellGame(input).solve(turns, 1, 1, 1)).toBe(false)
  })

  test('states that read only states valued before them in the list are valued in one pass', () => {
    // a chain (PP used): state 1 reads state 0, state 2 reads state 1, at the same cell
    const chain = [
      { rows: 1, cols: 1, constQ: [0.5], terms: [[]] },
      { rows: 1, cols: 1, constQ: [0.2], terms: [[[0, 0.5]]] },
      { rows: 1, cols: 1, constQ: [0.1], terms: [[[1, 0.5]]] },
    ] as { rows: number; cols: number; constQ: number[]; terms: [number, number][][] }[]
    const solveIn = (order: number[]) => {
      const { input } = cellOf(chain)
      let reads = 0
      const cellGame = createCellGame({ ...input, ensure: () => reads++ })
      expect(cellGame.solve(Int32Array.from(order), 3, 1, 1)).toBe(true)
      return { val: input.val, reads, expected: iterate(input) }
    }
    const forward = solveIn([0, 1, 2])
    const backward = solveIn([2, 1, 0])
    for (const run of [forward, backward])
      for (let id = 0; id < 3; id++) expect(Math.abs(run.val[id]! - run.expected[id]!)).toBeLessThan(1e-12)
    expect([...forward.val]).toEqual([...backward.val])
    // in order: one pass (3 reads) and the check (3 reads); the other order needs more passes
    expect(forward.reads).toBe(6)
    expect(backward.reads).toBeGreaterThan(6)
  })
})
