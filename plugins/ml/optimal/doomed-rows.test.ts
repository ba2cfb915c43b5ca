import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { answerOf, LOST, UNREACHABLE } from './answer.ts'
import { doomedRows, sweepReach } from './doomed-rows.ts'
import { OptimalLimitError } from './errors.ts'
import { type PreparedGame, prepareGame } from './prepare.ts'
import { rowTopOf } from './reach.ts'
import { drawScenarios } from './scenarios.ts'
import { DEFAULT_LIMITS, solveGame } from './solve.ts'
import { gameSweepOptions, sweep } from './sweep.ts'
import { sweepOrder } from './sweep-order.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const store = createBufferStore()
const limits = { ...DEFAULT_LIMITS, maxStates: 3_000, maxCells: 4_000_000 }
const scenarios = drawScenarios(engine, factory.legal, 24, 20_261_202)

/** `make()` in a list, or an empty list for a game over the test's budget. */
function withinBudget<T>(make: () => T): T[] {
  try {
    return [make()]
  } catch (error) {
    if (error instanceof OptimalLimitError) return []
    throw error
  }
}

/** The seeded games small enough for a test (two sweeps each). */
const games: PreparedGame[] = scenarios.flatMap((s) =>
  withinBudget(() => prepareGame(engine, factory, { a: s.a, b: s.b }, limits, [[], []])),
)
/** Some of them solved whole (sweep, lost rows, forward play). */
const solvedGames = scenarios
  .slice(3, 12)
  .flatMap((s) => withinBudget(() => solveGame(engine, factory, store, { a: s.a, b: s.b }, limits)))

const sweptGrid = (game: PreparedGame, reach = game.reach) => {
  const grid = new Float64Array(game.layout.gridSize)
  sweep(game.graph, reach, game.layout, grid, gameSweepOptions(Number.POSITIVE_INFINITY, 60_000))
  return grid
}

describe('rows where A has lost whatever happens', () => {
  test('every cell of a lost row is worth exactly 0 when the whole game is swept', () => {
    let lost = 0
    let notZero = 0
    for (const game of games) {
      const doomed = doomedRows(game.graph, game.layout)
      if (!doomed) continue
      const grid = sweptGrid(game)
      const { gridAt } = game.layout
      const { hiA, hiB } = game.reach
      for (let id = 0; id < game.layout.count; id++) {
        if (gridAt[id]! < 0) continue
        for (let a = 1; a <= Math.min(doomed.upTo[id]!, hiA[id]!); a++) {
          for (let b = 1; b <= rowTopOf(game.reach, id, a); b++) {
            if (grid[gridAt[id]! + (a - 1) * hiB[id]! + b - 1] !== 0) notZero++
            lost++
          }
        }
      }
    }
    expect(notZero).toBe(0)
    // the seeded games have such rows: the test is not empty
    expect(lost).toBeGreaterThan(50_000)
  })

  test('skipping them changes no other value', () => {
    for (const game of games.slice(0, 8)) {
      const whole = sweptGrid(game)
      const skipped = sweptGrid(game, sweepReach(game.reach, doomedRows(game.graph, game.layout)))
      let largest = 0
      for (let k = 0; k < whole.length; k++) largest = Math.max(largest, Math.abs(whole[k]! - skipped[k]!))
      expect(largest).toBeLessThan(1e-15)
    }
  })

  test('the recorded strategies there keep A lost: playing them forward gives P(A wins) = the value', () => {
    for (const solved of solvedGames) {
      const won = solved.play.winsByTurn[0].reduce((x, y) => x + y, 0)
      expect(Math.abs(won - solved.value)).toBeLessThan(1e-9)
    }
  })

  test("A's chart says 'lost' there (−3) and names no move; B's shows its keeping move", () => {
    let lostCells = 0
    for (const solved of solvedGames) {
      const answer = answerOf(solved)
      // the chart's state may be the start's or the same one a turn later: whichever it is, its
      // lost cells are whole rows (but for cells out of reach), below every row that names a move
      let movesSeen = false
      for (const row of answer.policyA.runs) {
        const choices = row.filter((_, k) => k % 2 === 1)
        if (choices.includes(LOST)) {
          expect(choices.every((c) => c === LOST || c === UNREACHABLE)).toBe(true)
          expect(movesSeen).toBe(false)
        } else if (choices.some((c) => c !== UNREACHABLE)) movesSeen = true
        lostCells += choices.filter((c) => c === LOST).length
      }
      for (const row of answer.policyB.runs) expect(row.filter((_, k) => k % 2 === 1)).not.toContain(LOST)
    }
    expect(lostCells).toBeGreaterThan(0)
  })

  test('a game that heals (swept again from the last sweep) is left as it is', () => {
    const game = prepareGame(
      engine,
      factory,
      {
        a: { species: 'snorlax', moves: ['rest', 'bodyslam'] },
        b: { species: 'machamp', moves: ['submission'] },
      },
      limits,
      [[], []],
    )
    expect(sweepOrder(game.layout).kind).toBe('repeat')
    expect(doomedRows(game.graph, game.layout)).toBeNull()
  })
})
