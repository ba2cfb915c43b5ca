import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { evaluateMatchup } from '../battle/evaluate.ts'
import type { MovePolicy } from '../battle/policies.ts'
import { randomPolicy } from '../battle/policies.ts'
import { runBattle } from '../battle/run.ts'
import { buildBattleSet } from '../battle/sets.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import { stateFromEngine } from './engine-state.ts'
import { createOptimalPolicy } from './policy.ts'
import type { GameSideInput } from './setup.ts'
import { DEFAULT_LIMITS, type SolvedGame, solveGame } from './solve.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const store = createBufferStore()

/**
 * A policy that plays at random but, every turn, reads the live battle into the game's state and
 * records whether the solved game has it (at that HP): the engine-to-game mapping the optimal
 * policy relies on, checked on battles that wander through every mechanic the moves bring.
 */
function mappingProbe(solved: SolvedGame, misses: string[]): MovePolicy {
  const random = randomPolicy()
  return {
    name: 'probe',
    start(context) {
      const choose = random.start(context)
      return (self, foe) => {
        const { state, hp } = stateFromEngine(context.dex, solved.game, self, foe)
        const node = solved.graph.findTurn(state)
        const inside = node && hp[0] <= solved.reach.hiA[node.id]! && hp[1] <= solved.reach.hiB[node.id]!
        if (!inside)
          misses.push(
            `${self.species.id} HP ${hp[0]}/${hp[1]} ${JSON.stringify(Object.keys(self.volatiles))}`,
          )
        return choose(self, foe)
      }
    },
  }
}

describe('optimal policy: the live battle maps onto the solved game', () => {
  // Each pair brings mechanics with state: Disable and Wrap; confusion, rampage and Fly; sleep and
  // Clamp; Leech Seed and Dig; Protect's counter and recharge; Substitute; Reflect, Recover and Rage.
  const PAIRS: [GameSideInput, GameSideInput][] = [
    [
      { species: 'gengar', moves: ['confuseray', 'shadowball'] },
      { species: 'dragonite', moves: ['outrage', 'fly'] },
    ],
    [
      { species: 'venusaur', moves: ['leechseed', 'razorleaf'] },
      { species: 'onix', moves: ['dig', 'rockslide'] },
    ],
    [
      { species: 'hypno', moves: ['seismictoss', 'protect'] },
      { species: 'dragonite', moves: ['hyperbeam', 'dragonrage'] },
    ],
    [
      { species: 'gengar', moves: ['substitute', 'lick'] },
      { species: 'cloyster', moves: ['spikecannon', 'withdraw'] },
    ],
    [
      { species: 'butterfree', moves: ['sleeppowder', 'tackle'] },
      { species: 'cloyster', moves: ['clamp', 'iceshard'] },
    ],
  ]
  for (const [a, b] of PAIRS) {
    test(`${a.species} (${a.moves.join(', ')}) vs ${b.species} (${b.moves.join(', ')})`, () => {
      const solvedA = solveGame(engine, factory, store, { a, b }, DEFAULT_LIMITS)
      const solvedB = solveGame(engine, factory, store, { a: b, b: a }, DEFAULT_LIMITS)
      const misses: string[] = []
      const setA = buildBattleSet(engine, a)
      const setB = buildBattleSet(engine, b)
      for (let i = 0; i < 40; i++) {
        runBattle(engine, setA, setB, mappingProbe(solvedA, misses), mappingProbe(solvedB, misses), [
          7,
          1,
          3,
          i,
        ])
      }
      expect(misses).toEqual([])
    })
  }
})

describe('optimal policy on the engine', () => {
  test('plays the solver’s strategy: a near-sure win (P > 0.9999) wins every seeded battle', () => {
    const a = { species: 'venusaur', moves: ['leechseed', 'razorleaf'] }
    const b = { species: 'onix', moves: ['dig', 'rockslide'] }
    const solved = solveGame(engine, factory, store, { a, b }, DEFAULT_LIMITS)
    expect(solved.value).toBeGreaterThan(0.9999)
    const result = evaluateMatchup(
      engine,
      { set: buildBattleSet(engine, a), policy: createOptimalPolicy(engine, { factory }) },
      { set: buildBattleSet(engine, b), policy: randomPolicy() },
      50,
      [5, 5, 5, 5],
    )
    expect(result.wins).toBe(50)
  })
})
