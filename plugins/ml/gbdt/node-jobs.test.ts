import { describe, expect, test } from 'bun:test'
import { planPieces } from './node-jobs.ts'

const allColumns = (width: number) => ({ rootStore: 0, width, nSelected: -1 })

/** The cost the planner balances: records × (columns + 5) per piece. */
function taskCosts(records: number[], plan: ReturnType<typeof planPieces>): number[] {
  return plan.taskStart.slice(0, -1).map((start, t) => {
    let cost = 0
    for (let p = start; p < plan.taskStart[t + 1]!; p++) {
      const [node, from, to] = plan.pieces[p]!
      cost += records[node]! * (to - from + 5)
    }
    return cost
  })
}

describe('planPieces (how a NODES job is cut into tasks)', () => {
  test('every column of every node is covered once, in order, by consecutive pieces', () => {
    for (const [records, width, nTasks] of [
      [[500_000], 60, 2],
      [[90_000, 30_000, 12_000, 700], 60, 2],
      [[5, 80_000, 80_000], 23, 3],
      [[1000, 1000], 3, 4],
    ] as const) {
      const plan = planPieces(
        records.map((r) => ({ records: r })),
        allColumns(width),
        nTasks,
      )
      expect(plan.taskStart).toHaveLength(nTasks + 1)
      expect(plan.taskStart.at(-1)).toBe(plan.pieces.length)
      records.forEach((_, node) => {
        const mine = plan.pieces.slice(
          plan.firstPiece[node]!,
          plan.firstPiece[node]! + plan.pieceCount[node]!,
        )
        expect(mine.every(([n]) => n === node)).toBe(true)
        expect(mine[0]![1]).toBe(0)
        expect(mine.at(-1)![2]).toBe(width)
        for (let k = 1; k < mine.length; k++) expect(mine[k]![1]).toBe(mine[k - 1]![2])
      })
    }
  })

  test('tasks cost about the same, and cuts inside a node fall on even columns (half words)', () => {
    const records = [90_000, 30_000, 12_000, 700]
    const plan = planPieces(
      records.map((r) => ({ records: r })),
      allColumns(60),
      2,
    )
    const [a, b] = taskCosts(records, plan)
    expect(Math.abs(a! - b!) / (a! + b!)).toBeLessThan(0.05)
    for (const [, from, to] of plan.pieces) {
      expect(from % 2).toBe(0)
      expect(to % 2).toBe(0)
    }
  })

  test("the root's two halves are 30 columns each", () => {
    expect(planPieces([{ records: 500_000 }], allColumns(60), 2).pieces).toEqual([
      [0, 0, 30],
      [0, 30, 60],
    ])
  })

  test('one task takes every node whole (one pass over each)', () => {
    const plan = planPieces([{ records: 10 }, { records: 7 }], allColumns(60), 1)
    expect(plan.pieces).toEqual([
      [0, 0, 60],
      [1, 0, 60],
    ])
    expect(plan.taskStart).toEqual([0, 2])
  })
})
