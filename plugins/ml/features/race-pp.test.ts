import { beforeAll, describe, expect, test } from 'bun:test'
import { loadedRosterIndex } from '../../../testing/ml/roster-index.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { createSolver } from '../solver/index.ts'
import { moveMechanics } from './move-mechanics.ts'
import { planPhases } from './race-plan.ts'
import type { RosterIndex } from './roster-index.ts'
import { createFeatureSpace, FEATURE_NAMES, type FeatureSpace, type MatchupInput } from './vector.ts'

// The mechanics the truth report found the race getting wrong, each checked against the exact
// solver: the long battles decided by PP and Struggle, and Counter & co.
const engine = createLgpeEngine()
const solver = createSolver(engine)
let index: RosterIndex
let space: FeatureSpace
beforeAll(async () => {
  index = await loadedRosterIndex()
  space = createFeatureSpace(index, engine.dex)
})

function pair(text: string): MatchupInput {
  const [a, moveA, b, moveB] = text.split(' ') as [string, string, string, string]
  return { a, moveA, b, moveB }
}

function features(input: MatchupInput): (name: string) => number {
  const x = space.matrix([input])
  return (name) => {
    const i = FEATURE_NAMES.indexOf(name)
    if (i < 0) throw new Error(`no feature ${name}`)
    return x[i]!
  }
}

function exactWinA(input: MatchupInput): number {
  const id = (slug: string) => index.forms.get(slug)!.showdown_id!
  const move = (slug: string) => index.moves.get(slug)!.showdown_id!
  return solver.solve(
    { species: id(input.a), move: move(input.moveA) },
    { species: id(input.b), move: move(input.moveB) },
  ).winA
}

/** The race and the exact answer agree to within `tolerance` on who wins. */
function expectRaceNearExact(text: string, tolerance: number) {
  const input = pair(text)
  const race = features(input)('race_win_a')
  const exact = exactWinA(input)
  expect({ text, diff: Math.abs(race - exact) < tolerance }).toEqual({ text, diff: true })
}

describe('PP and Struggle in the race', () => {
  test('Dream Eater on a foe that never sleeps fails until its PP is gone; then Struggle wins', () => {
    const input = pair('gengar dream-eater diglett-alola facade') // Facade cannot touch a Ghost
    const f = features(input)
    expect(f('race_struggle_turn_a')).toBe(25) // 15 PP with PP Ups: 24 uses
    expect(f('race_win_a')).toBeGreaterThan(0.9)
    expect(exactWinA(input)).toBeGreaterThan(0.9)
  })

  test('a Rest that a Dream Eater cannot hurt fails every turn and pays PP every turn', () => {
    expectRaceNearExact('exeggutor-alola rest mew dream-eater', 0.1)
  })

  test('a rampage that cannot touch the foe never locks in: it pays PP every turn', () => {
    expectRaceNearExact('marowak outrage clefable thunder-wave', 0.1)
  })

  test('a side kept from acting keeps its PP: sleep delays its Struggle', () => {
    const sing = moveMechanics(engine.dex.moves.get('sing'))
    const growl = moveMechanics(engine.dex.moves.get('growl'))
    const asleep = new Float64Array(201).fill(0.5)
    const [, free] = planPhases(sing, growl, true, 200)
    const [, slept] = planPhases(sing, growl, true, 200, [new Float64Array(201), asleep])
    expect(free.indexOf('struggle')).toBe(65) // 40 PP with PP Ups: 64 uses
    expect(slept.indexOf('struggle')).toBe(128) // acting half the turns: 64 PP last 127 turns
  })

  test('a disabled side Struggles once, then cannot use its move until Disable ends', () => {
    const disable = moveMechanics(engine.dex.moves.get('disable'))
    const tackle = moveMechanics(engine.dex.moves.get('tackle'))
    const [, foe] = planPhases(disable, tackle, true, 8)
    // turn 1 Tackle (Disable had nothing to hold), turn 2 stopped, turn 3 Struggle, then "can't"
    expect(foe.slice(1, 7)).toEqual(['move', 'fail', 'struggle', 'fail', 'fail', 'move'])
  })
})

describe('Counter, Mirror Coat and Bide in the race', () => {
  test('they return only what they can touch, and only hits that come before them', () => {
    const applies = (text: string) => features(pair(text))('a_move_reflect_applies')
    expect(applies('machamp counter rattata tackle')).toBe(1)
    expect(applies('charizard counter gengar-mega foul-play')).toBe(0) // Ghost: Counter cannot touch it
    expect(applies('electrode mirror-coat grimer-alola flamethrower')).toBe(0) // Dark vs Mirror Coat
    expect(applies('nidoqueen counter charizard dragon-tail')).toBe(0) // −6 comes after Counter
    expect(applies('machamp counter pikachu thunderbolt')).toBe(0) // special hit
    // Bide stores through immunities but releases a plain Normal hit: never on a Ghost
    expect(applies('geodude bide gastly shadow-ball')).toBe(0)
    expect(applies('machamp bide tentacruel scald')).toBe(1) // a burn's chip overstates little
    expect(applies('geodude bide gastly lick')).toBe(0) // 30 % paralysis breaks its storing
  })

  test('the race follows the exact answer where Counter cannot work', () => {
    expectRaceNearExact('charizard counter gengar-mega foul-play', 0.05)
    expectRaceNearExact('nidoqueen counter charizard dragon-tail', 0.05)
  })

  test('Counter returns the Struggle of a foe that deals no damage, while it still has PP', () => {
    expectRaceNearExact('cloyster reflect raticate-alola counter', 0.1)
  })
})

describe('stat changes and immunities the race once missed (spec v4)', () => {
  test('Rage gains an Attack stage each time the foe hits: a slow Rage outlasts chip', () => {
    expectRaceNearExact('onix rage vaporeon headbutt', 0.05) // exact 1.000 (was 0.000 in the race)
    expectRaceNearExact('doduo rage magnemite sonic-boom', 0.05) // exact 0.776 (was 0.000)
  })

  test("Superpower's lost Defence makes its user take more from physical hits", () => {
    expectRaceNearExact('tauros thrash dragonite superpower', 0.05) // exact 0.958 (was 0.133)
    expectRaceNearExact('rhydon superpower drowzee brick-break', 0.05) // exact 0.119 (was 1.000)
  })

  test('a move that cannot touch the foe brings none of its secondary effects', () => {
    // Thunderbolt cannot paralyse Onix, so Onix pays PP every turn and Struggles with its foe
    const input = pair('onix double-edge marowak-alola thunderbolt') // and Normal cannot touch a Ghost
    expect(features(input)('race_struggle_turn_a')).toBe(25) // 15 PP with PP Ups: 24 uses
    expectRaceNearExact('onix double-edge marowak-alola thunderbolt', 0.05) // exact 0.000 (was 1.000)
  })
})

describe('the long battles the race once got wrong (spec v5)', () => {
  test('a Substitute holds the hits it can take: the side whose doll holds out wins the Struggle war', () => {
    expectRaceNearExact('butterfree substitute persian substitute', 0.02) // exact 0.918 (was 0.159)
    expectRaceNearExact('growlithe substitute goldeen protect', 0.02) // exact 0.921 (was 0.143)
  })

  test('Struggle into Protect costs no recoil, a jump kick into it crashes', () => {
    expectRaceNearExact('seaking protect doduo jump-kick', 0.05) // exact 1.000 (was 0.075)
  })

  test('a Resting side is asleep whenever the hits land: Ice Punch never freezes it out of Rest', () => {
    expectRaceNearExact('machoke rest electabuzz ice-punch', 0.05) // exact 0.955 (was 0.460)
  })

  test('chip at the end of the turn comes in Speed order: the slower side outlasts a double KO', () => {
    expectRaceNearExact('blastoise toxic vulpix toxic', 0.01) // exact 0.091 (was 0.500)
  })

  test('burn and confusion self-hits follow the chances and the stages they come with', () => {
    expectRaceNearExact('starmie scald kangaskhan-mega headbutt', 0.05) // exact 0.510 (was 0.923)
    expectRaceNearExact('graveler defense-curl mewtwo-mega-x confuse-ray', 0.05) // exact 0.965 (was 0.404)
  })

  test('Counter does not return a poison that chips more than the hits it answers', () => {
    expectRaceNearExact('weedle poison-sting rhydon counter', 0.05) // exact 1.000 (was 0.000)
  })
})

describe('Counter & co. against poison and Bide over several cycles (spec v6)', () => {
  test("a strong poisoning hit is returned before its chip adds up; a weak one's chip decides", () => {
    const applies = (text: string) => features(pair(text))('b_move_reflect_applies')
    expect(applies('ivysaur sludge-bomb articuno mirror-coat')).toBe(1) // exact: Articuno wins 1.000
    expect(applies('weedle poison-sting rhydon counter')).toBe(0)
    expectRaceNearExact('ivysaur sludge-bomb articuno mirror-coat', 0.05)
  })

  test('Bide returns two turns of hits of every three', () => {
    expectRaceNearExact('graveler bide mew pound', 0.2) // exact 0.523 (race 1.000 when it returned all three)
  })
})
