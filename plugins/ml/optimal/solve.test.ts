import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { createSolver } from '../solver/index.ts'
import { UnsupportedMechanic } from '../solver/unsupported.ts'
import { answerOf, UNREACHABLE } from './answer.ts'
import { bestResponse, singleMoveValue } from './best-response.ts'
import { OptimalLimitError } from './errors.ts'
import { DEFAULT_LIMITS, type OptimalRequest, solveGame } from './solve.ts'
import { StateError } from './start-state.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const fixed = createSolver(engine, factory)
const store = createBufferStore()
const solve = (request: OptimalRequest, limits = DEFAULT_LIMITS) =>
  solveGame(engine, factory, store, request, limits)
const total = (xs: readonly number[]) => xs.reduce((x, y) => x + y, 0)

const PIKACHU = { species: 'pikachu', moves: ['thunderbolt', 'quickattack', 'irontail', 'thunder'] }
const CHARMANDER = { species: 'charmander', moves: ['flamethrower', 'scratch', 'ember', 'slash'] }

describe('optimal play: one move each is the fixed-move battle', () => {
  // With one move there is nothing to choose: the game is the fixed-move Markov chain, solved by
  // another method (forward propagation). Pairs cover charge, recharge, Counter, Wrap, Dig, self-KO,
  // stat drops, fixed damage, flinch, drain, Leech Seed, Rest (healing sweeps), PP running out and
  // multi-hit moves.
  const PAIRS: [string, string, string, string][] = [
    ['nidoking', 'counter', 'vaporeon', 'headbutt'],
    ['tentacruel', 'wrap', 'butterfree', 'facade'],
    ['pinsir', 'dig', 'poliwrath', 'poisonjab'],
    ['seaking', 'hyperbeam', 'rhyhorn', 'hornattack'],
    ['vileplume', 'solarbeam', 'arcanine', 'takedown'],
    ['golem', 'explosion', 'snorlax', 'bodyslam'],
    ['graveleralola', 'superpower', 'rhydon', 'irontail'],
    ['clefairy', 'seismictoss', 'butterfree', 'shadowball'],
    ['aerodactyl', 'bite', 'hitmonlee', 'poisonjab'],
    ['butterfree', 'megadrain', 'blastoise', 'surf'],
    ['venusaur', 'leechseed', 'blastoise', 'surf'],
    ['geodude', 'bide', 'electrode', 'sonicboom'],
    // 2–5 hits rolled apart: the exploration folds each hit list to its sum (graph-keys.ts)
    ['paras', 'furyswipes', 'omastar', 'rockthrow'],
    // 2–5 hits into Counter: each hit's states merge once Counter has recorded it (hit-merge.ts)
    ['persian', 'furyswipes', 'machamp', 'counter'],
  ]
  for (const [a, moveA, b, moveB] of PAIRS) {
    test(`${a} ${moveA} vs ${b} ${moveB}`, () => {
      const expected = fixed.solve({ species: a, move: moveA }, { species: b, move: moveB })
      const solved = solve({ a: { species: a, moves: [moveA] }, b: { species: b, moves: [moveB] } })
      expect(Math.abs(solved.value - expected.winA)).toBeLessThan(1e-9)
      expect(Math.abs(total(solved.play.winsByTurn[1]) - expected.winB)).toBeLessThan(1e-9)
    })
  }

  test('Struggle once PP runs out: the PP count is added when the battle can last that long', () => {
    // Fake Out fails after the first turn: Persian only wins by Struggling after its 16 Fake Outs
    // (Magikarp's 64 Splashes never run out first, so their PP is not counted).
    const expected = fixed.solve(
      { species: 'persian', move: 'fakeout' },
      { species: 'magikarp', move: 'splash' },
    )
    const solved = solve({
      a: { species: 'persian', moves: ['fakeout'] },
      b: { species: 'magikarp', moves: ['splash'] },
    })
    expect(solved.game.sides.map((side) => side.tracked)).toEqual([[true], [false]])
    expect(Math.abs(solved.value - expected.winA)).toBeLessThan(1e-9)
    expect(solved.ppRisk).toBe(0)
  })
})

describe('optimal play: 4 moves each', () => {
  const solved = solve({ a: PIKACHU, b: CHARMANDER })
  const answer = answerOf(solved)

  test('the backward value and the forward play of its strategies agree', () => {
    expect(Math.abs(total(solved.play.winsByTurn[0]) - solved.value)).toBeLessThan(1e-10)
    expect(answer.winA + answer.winB + answer.cap).toBeCloseTo(1, 9)
    expect(answer.unresolved).toBeLessThan(1e-9)
  })

  test('neither strategy can be exploited: best responses do not beat the value (1e-9)', () => {
    expect(bestResponse(solved, 0)).toBeGreaterThan(solved.value - 1e-9)
    expect(bestResponse(solved, 1)).toBeLessThan(solved.value + 1e-9)
  })

  test('swapping the sides gives the other side’s value', () => {
    const swapped = solve({ a: CHARMANDER, b: PIKACHU })
    expect(swapped.value).toBeCloseTo(answer.winB, 9)
  })

  test('optimal play is at least as good as every fixed move against its worst reply', () => {
    let bestFixed = 0
    for (const moveA of PIKACHU.moves) {
      let worst = 1
      for (const moveB of CHARMANDER.moves) {
        worst = Math.min(
          worst,
          fixed.solve({ species: 'pikachu', move: moveA }, { species: 'charmander', move: moveB }).winA,
        )
      }
      bestFixed = Math.max(bestFixed, worst)
    }
    expect(solved.value).toBeGreaterThanOrEqual(bestFixed - 1e-9)
  })

  test('a single move against an adaptive opponent: never above the value, never above its fixed-reply figure', () => {
    PIKACHU.moves.forEach((moveA, slot) => {
      const single = singleMoveValue(solved, slot)
      expect(single).toBeLessThanOrEqual(solved.value + 1e-9)
      // B choosing every turn does at least as well as B repeating its best reply
      const worstFixed = Math.min(
        ...CHARMANDER.moves.map(
          (moveB) =>
            fixed.solve({ species: 'pikachu', move: moveA }, { species: 'charmander', move: moveB }).winA,
        ),
      )
      expect(single).toBeLessThanOrEqual(worstFixed + 1e-9)
    })
    // one move each: committing to it is all A can do, so it is the game's value
    const one = solve({ a: { species: 'pikachu', moves: ['thunderbolt'] }, b: CHARMANDER })
    expect(Math.abs(singleMoveValue(one, 0) - one.value)).toBeLessThan(1e-9)
  })

  test('strategies are probabilities over the moves each side can use', () => {
    for (const strategy of [answer.strategyA, answer.strategyB]) {
      expect(total(strategy.map((c) => c.probability))).toBeCloseTo(1, 12)
    }
    expect(PIKACHU.moves).toContain(answer.strategyA[0]!.move)
    expect(answer.policyA.runs).toHaveLength(answer.policyA.hiA)
  })

  test('the chart marks the HP no battle from full HP reaches, and only those', () => {
    const { policyA, policyB } = answer
    for (const grid of [policyA, policyB]) {
      // the top row is the start: B's full HP is reached there, so is every HP a first hit leaves
      const top = grid.runs[grid.hiA - 1]!
      expect(top[top.length - 1]).not.toBe(UNREACHABLE)
      // just below A's full HP: the foe's weakest hit takes more than 1 HP
      expect(grid.runs[grid.hiA - 2]).toEqual([1, UNREACHABLE])
      // low HP is reached whatever B's HP
      expect(grid.runs[0]!.slice(0, 2)).not.toContain(UNREACHABLE)
    }
  })
})

describe('optimal play: mid-battle states and limits', () => {
  test('a mid-battle state is solved from its cell (a Pikachu at 1 HP, slower, loses to a sure KO)', () => {
    const solved = solve({ a: PIKACHU, b: CHARMANDER, state: [{ hp: 1, status: 'par' }, { hp: 100 }] })
    expect(solved.start).toEqual([1, 100])
    expect(solved.value).toBeLessThan(answerOf(solve({ a: PIKACHU, b: CHARMANDER })).winA)
  })

  test('impossible states name the side and field', () => {
    const cases: [OptimalRequest['state'], number, string][] = [
      [[{ hp: 500 }, { hp: 10 }], 0, 'hp'],
      [[{ hp: 10 }, { hp: 10, status: 'sick' }], 1, 'status'],
      [[{ hp: 10, status: 'slp' }, { hp: 10 }], 0, 'sleep_turns'],
      [[{ hp: 10, boosts: { atk: 7 } }, { hp: 10 }], 0, 'boosts.atk'],
      [[{ hp: 10 }, { hp: 10, ppUsed: [99] }], 1, 'pp_used.0'],
    ]
    for (const [state, side, field] of cases) {
      try {
        solve({ a: PIKACHU, b: CHARMANDER, state })
        throw new Error('accepted')
      } catch (error) {
        expect(error).toBeInstanceOf(StateError)
        const { side: gotSide, field: gotField } = error as StateError
        expect(`${gotSide}:${gotField}`).toBe(`${side}:${field}`)
      }
    }
  })

  test('a game over the state budget is refused with the limit named', () => {
    const limits = { ...DEFAULT_LIMITS, maxStates: 50 }
    expect(() => solve({ a: PIKACHU, b: CHARMANDER }, limits)).toThrow(OptimalLimitError)
    try {
      solve({ a: PIKACHU, b: CHARMANDER }, limits)
    } catch (error) {
      expect((error as OptimalLimitError).code).toBe('OPTIMAL_STATE_LIMIT')
      expect((error as OptimalLimitError).limit).toBe(50)
    }
  })

  test('a game over the cell budget is refused before any table is allocated', () => {
    const limits = { ...DEFAULT_LIMITS, maxCells: 1000 }
    expect(() => solve({ a: PIKACHU, b: CHARMANDER }, limits)).toThrow(/cells/)
  })

  test('a solve past its time budget is refused with the limit named (never left to run)', () => {
    // a deadline already passed: exploring stops at its first state, whatever the machine's speed
    const limits = { ...DEFAULT_LIMITS, timeLimitMs: 0 }
    try {
      solve({ a: PIKACHU, b: CHARMANDER }, limits)
      throw new Error('accepted')
    } catch (error) {
      expect(error).toBeInstanceOf(OptimalLimitError)
      expect((error as OptimalLimitError).code).toBe('OPTIMAL_TIME_LIMIT')
      expect((error as OptimalLimitError).message).toContain('0 ms')
    }
  })

  test('a multi-hit move into Counter among 4 moves each solves (its hits once split into 24^5 leaves)', () => {
    // exploring one action of Pin Missile into Counter ran for minutes and gigabytes: every hit
    // split the leaves per damage amount, though Counter keeps only the last one
    const solved = solve({
      a: { species: 'jolteon', moves: ['irontail', 'pinmissile', 'dig', 'takedown'] },
      b: { species: 'raticatealola', moves: ['headbutt', 'counter', 'quickattack', 'dig'] },
    })
    expect(solved.graph.nodes.length).toBeLessThan(5000)
    expect(bestResponse(solved, 0)).toBeGreaterThan(solved.value - 1e-9)
    expect(bestResponse(solved, 1)).toBeLessThan(solved.value + 1e-9)
  })

  test('moves whose multi-move behaviour is not modelled are refused', () => {
    expect(() => solve({ a: { species: 'clefairy', moves: ['metronome', 'pound'] }, b: CHARMANDER })).toThrow(
      UnsupportedMechanic,
    )
  })
})
