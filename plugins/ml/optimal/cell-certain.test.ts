import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { CHOICE_STRIDE, certainKnockOuts } from './cell-certain.ts'
import { choiceCounts } from './pair-values.ts'
import { prepareGame } from './prepare.ts'
import { DEFAULT_LIMITS } from './solve.ts'
import { gameSweepOptions, sweep } from './sweep.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)

describe('knock-outs certain whatever the other side plays', () => {
  test('a sure, faster knock-out makes P(A wins) exactly 0 below its least damage; a move that can miss does not', () => {
    const request = {
      a: { species: 'charmander', moves: ['dragonrage', 'ember', 'headbutt', 'furyswipes'] },
      b: { species: 'mewtwo', moves: ['shadowball', 'fireblast', 'firepunch', 'thunderbolt'] },
    }
    const untracked = [false, false, false, false]
    const { graph, reach, layout } = prepareGame(engine, factory, request, DEFAULT_LIMITS, [
      untracked,
      untracked,
    ])
    const { rowsOf, colsOf } = choiceCounts(graph)
    const { zeroUpTo, oneUpTo } = certainKnockOuts(layout, rowsOf, colsOf)
    const root = graph.root
    const at = (choice: string, side: 0 | 1) => {
      const turn = graph.turns.find((t) => t.id === root)!
      const codes = side === 0 ? turn.rows : turn.cols
      return codes.findIndex((code) => graph.game.sides[side].moves[code - 1]!.id === choice)
    }
    const thunderbolt = at('thunderbolt', 1)
    const fireBlast = at('fireblast', 1)
    expect(thunderbolt).toBeGreaterThanOrEqual(0)
    const upTo = zeroUpTo[root * CHOICE_STRIDE + thunderbolt]!
    expect(upTo).toBeGreaterThan(0)
    expect(zeroUpTo[root * CHOICE_STRIDE + fireBlast]!).toBe(0)
    // Charmander never knocks Mewtwo out for sure in one action
    for (let r = 0; r < rowsOf[root]!; r++) expect(oneUpTo[root * CHOICE_STRIDE + r]!).toBe(0)
    const grid = new Float64Array(layout.gridSize)
    const options = gameSweepOptions(Number.POSITIVE_INFINITY, DEFAULT_LIMITS.timeLimitMs)
    sweep(graph, reach, layout, grid, options)
    const cols = reach.hiB[root]!
    for (let a = 1; a <= Math.min(upTo, reach.hiA[root]!); a++)
      for (let b = 1; b <= cols; b++) expect(grid[layout.gridAt[root]! + (a - 1) * cols + b - 1]).toBe(0)
  })
})
