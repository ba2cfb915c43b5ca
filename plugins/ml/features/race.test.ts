import { beforeAll, describe, expect, test } from 'bun:test'
import { loadedRosterIndex } from '../../../testing/ml/roster-index.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { createSolver } from '../solver/index.ts'
import { moveMechanics } from './move-mechanics.ts'
import type { RosterIndex } from './roster-index.ts'
import { createFeatureSpace, FEATURE_NAMES, type FeatureSpace, type MatchupInput } from './vector.ts'

const engine = createLgpeEngine()
const solver = createSolver(engine)
let index: RosterIndex
let space: FeatureSpace
beforeAll(async () => {
  index = await loadedRosterIndex()
  space = createFeatureSpace(index, engine.dex)
})

function features(input: MatchupInput): (name: string) => number {
  const x = space.matrix([input])
  return (name) => {
    const i = FEATURE_NAMES.indexOf(name)
    if (i < 0) throw new Error(`no feature ${name}`)
    return x[i]!
  }
}

function exact(input: MatchupInput) {
  const id = (slug: string) => index.forms.get(slug)!.showdown_id!
  const move = (slug: string) => index.moves.get(slug)!.showdown_id!
  return solver.solve(
    { species: id(input.a), move: move(input.moveA) },
    { species: id(input.b), move: move(input.moveB) },
  )
}

describe('exact damage in the features', () => {
  test('P(KO in n uses) is the solver’s calculator view, to the last digit', () => {
    const pairs: MatchupInput[] = [
      { a: 'pikachu', moveA: 'thunderbolt', b: 'squirtle', moveB: 'tackle' },
      { a: 'nidoking', moveA: 'double-kick', b: 'meowth', moveB: 'pay-day' },
      { a: 'cloyster', moveA: 'spike-cannon', b: 'pidgey', moveB: 'gust' },
      { a: 'kingler', moveA: 'crabhammer', b: 'charizard', moveB: 'slash' },
    ]
    for (const pair of pairs) {
      const f = features(pair)
      const solution = exact(pair)
      for (let n = 1; n <= 4; n++) {
        expect(f(`a_move_ko_${n}`)).toBeCloseTo(solution.damage[0].koChances[n - 1]!, 6)
        expect(f(`b_move_ko_${n}`)).toBeCloseTo(solution.damage[1].koChances[n - 1]!, 6)
      }
    }
  })

  test('Low Kick takes its power from the target’s weight; type immunities stop status moves', () => {
    expect(features({ a: 'machop', moveA: 'low-kick', b: 'snorlax', moveB: 'tackle' })('a_move_power')).toBe(
      120,
    )
    expect(features({ a: 'machop', moveA: 'low-kick', b: 'pikachu', moveB: 'tackle' })('a_move_power')).toBe(
      20,
    )
    const wave = (b: string) =>
      features({ a: 'pikachu', moveA: 'thunder-wave', b, moveB: 'tackle' })('a_move_status_par')
    expect(wave('diglett')).toBe(0) // Ground
    expect(wave('rattata')).toBe(1)
    expect(
      features({ a: 'pikachu', moveA: 'thunder-wave', b: 'raichu', moveB: 'tackle' })('a_move_status_par'),
    ).toBe(0)
    const toxic = (a: string) =>
      features({ a, moveA: 'toxic', b: 'rattata', moveB: 'tackle' })('a_move_accuracy')
    expect(toxic('grimer')).toBe(1) // a Poison type's Toxic never misses
    expect(toxic('snorlax')).toBeCloseTo(0.9, 6)
  })

  test('mechanics are read from the engine’s move data', () => {
    const m = (id: string) => moveMechanics(engine.dex.moves.get(id))
    expect(m('hyperbeam').recharge).toBe(true)
    expect(m('dig').semiInvulnerable).toBe(true)
    expect(m('solarbeam').charge).toBe(true)
    expect(m('wrap').trapping).toBe(true)
    expect(m('counter').reflects).toBe('physical')
    expect(m('fakeout').firstTurnOnly).toBe(true)
    expect(m('superpower').selfBoosts.atk).toBe(-1)
    expect(m('thunder').status.par).toBeCloseTo(0.3)
    expect(m('triattack').status.frz).toBeCloseTo(0.2 / 3)
    expect(m('bite').flinch).toBeCloseTo(0.3)
    expect(m('seismictoss').fixedDamage).toBe('level')
    expect(m('explosion').selfDestruct).toBe(true)
    expect(m('blizzard').maxPp).toBe(8)
  })
})

describe('the race estimate', () => {
  test('for plain damaging moves (no side effects) it is the exact answer', () => {
    const pairs: MatchupInput[] = [
      { a: 'pikachu', moveA: 'quick-attack', b: 'rattata', moveB: 'tackle' },
      { a: 'nidoking', moveA: 'double-kick', b: 'meowth', moveB: 'pay-day' },
      { a: 'kingler', moveA: 'crabhammer', b: 'charizard', moveB: 'slash' },
      { a: 'cloyster', moveA: 'spike-cannon', b: 'pidgey', moveB: 'wing-attack' },
      { a: 'machop', moveA: 'low-kick', b: 'snorlax', moveB: 'pay-day' },
      { a: 'rattata', moveA: 'tackle', b: 'rattata-alola', moveB: 'tackle' },
    ]
    for (const pair of pairs) {
      const solution = exact(pair)
      const f = features(pair)
      expect(f('race_win_a')).toBeCloseTo(solution.winA, 5)
      expect(f('race_win_b')).toBeCloseTo(solution.winB, 5)
    }
  })

  test('a speed-tied mirror is an even race; the user of Explosion never wins', () => {
    const pair = { a: 'rattata', moveA: 'quick-attack', b: 'rattata-alola', moveB: 'quick-attack' }
    const mirror = features(pair)
    expect(mirror('a_moves_first')).toBe(0.5)
    expect(mirror('race_win_a')).toBeCloseTo(exact(pair).winA, 5)
    const boom = features({ a: 'geodude', moveA: 'explosion', b: 'pidgey', moveB: 'gust' })
    expect(boom('race_win_a')).toBe(0)
    expect(exact({ a: 'geodude', moveA: 'explosion', b: 'pidgey', moveB: 'gust' }).winA).toBe(0)
  })

  test('a side without a damaging move loses once the other side’s PP or Struggle gets through', () => {
    const pair = { a: 'magikarp', moveA: 'splash', b: 'rattata', moveB: 'tackle' }
    expect(features(pair)('race_win_b')).toBeCloseTo(1, 6)
    expect(exact(pair).winB).toBeCloseTo(1, 6)
  })
})
