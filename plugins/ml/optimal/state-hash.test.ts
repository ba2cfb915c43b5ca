import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattlerFactory } from '../solver/battler.ts'
import { hashMode, rehashField } from '../solver/mode-hash.ts'
import { exploreGame } from './graph.ts'
import { createOutcomeCache, patchHash, patchInto } from './outcome-cache.ts'
import { createGame, type GameSideInput } from './setup.ts'
import { initialState, STATE_SIZE } from './state.ts'
import { startHash, startStates } from './turn.ts'

const engine = createLgpeEngine()
const factory = createBattlerFactory(engine)
const LIMITS = { maxStates: 30_000 }

const side = (species: string, ...moves: string[]): GameSideInput => ({ species, moves })

// Counter, Dig and Disable (cur kept, lastMove, disable); Sucker Punch (outcomes per foe choice),
// a speed tie and Quick Attack's PP counted
const GAMES = [
  [
    'Counter, Dig, Disable',
    side('machamp', 'counter', 'dig', 'karatechop'),
    side('kadabra', 'disable', 'psychic', 'taunt'),
    [[], []],
  ],
  [
    'Sucker Punch, PP counted',
    side('rattata', 'suckerpunch', 'quickattack'),
    side('rattata', 'tailwhip', 'tackle'),
    [[false, true], []],
  ],
] as const satisfies readonly (readonly [
  string,
  GameSideInput,
  GameSideInput,
  readonly (readonly boolean[])[],
])[]

describe('state hashes worked out from a known state equal a full hash', () => {
  test('rehashField: any field, any change', () => {
    const state = new Int32Array(STATE_SIZE)
    for (let i = 0; i < STATE_SIZE; i++) state[i] = (i * 7919) % 23
    for (let at = 0; at < STATE_SIZE; at++) {
      const before = hashMode(state)
      const old = state[at]!
      state[at] = old - 1000 + at
      expect(rehashField(before, at, old, state[at]!)).toBe(hashMode(state))
    }
  })

  const explored = GAMES.map(([name, a, b, tracked]) => {
    const game = createGame(engine.dex, factory, a, b, {
      tracked: tracked as unknown as [boolean[], boolean[]],
    })
    return [name, game, exploreGame(game, initialState(game), LIMITS)] as const
  })

  test.each(explored)(
    'startHash: every pair of choices of every turn state explored (%s)',
    (_, game, graph) => {
      let checked = 0
      for (const turn of graph.turns) {
        const hash = hashMode(turn.state)
        for (const curA of turn.rows)
          for (const curB of turn.cols)
            for (const { next } of startStates(game, turn.state, curA, curB)) {
              expect(startHash(turn.state, next, hash)).toBe(hashMode(next))
              checked++
            }
      }
      expect(checked).toBeGreaterThan(100)
    },
  )

  test.each(explored)(
    'patchHash: every shared leaf given back its counts and foe choice (%s)',
    (_, game, graph) => {
      const cache = createOutcomeCache()
      const out = new Int32Array(STATE_SIZE)
      let patched = 0
      for (const chance of graph.chances) {
        if (!chance.state) continue
        const outcomes = cache.outcomes(game, chance.state, chance.stage === 3)
        if (!outcomes.patch) continue
        outcomes.leaves.forEach((leaf, i) => {
          patchInto(out, leaf.m, outcomes.paid ? outcomes.paid[i]! : -1, outcomes.patch!)
          expect(patchHash(hashMode(leaf.m), leaf.m, out, outcomes.patch!)).toBe(hashMode(out))
          patched++
        })
      }
      expect(patched).toBeGreaterThan(100)
    },
  )
})
