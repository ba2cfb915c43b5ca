import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from './engine.ts'
import { BattleError } from './errors.ts'
import { bestPolicy, fixedPolicy, randomPolicy } from './policies.ts'
import type { BattleSeed } from './prng.ts'
import { createBattle, runBattle } from './run.ts'
import { buildBattleSet } from './sets.ts'

const engine = createLgpeEngine()
const set = (species: string, moves: string[], avs?: Record<string, number>) =>
  buildBattleSet(engine, { species, moves, ...(avs ? { avs } : {}) })
/** The protocol log minus its wall-clock `|t:|` lines, which differ between runs. */
const stableLog = (log: readonly string[] | undefined) =>
  (log ?? []).filter((line) => !line.startsWith('|t:|'))

const pikachu = set('Pikachu', ['thunderbolt', 'quickattack', 'irontail', 'thunderwave'])
const squirtle = set('Squirtle', ['watergun', 'bite', 'tackle', 'withdraw'])

describe('LGPE rules inside a battle', () => {
  test('Partner Pikachu uses Zippy Zap, it moves first against a faster foe and always crits', () => {
    const partner = set('pikachustarter', ['zippyzap'])
    const jolteon = set('Jolteon', ['tackle'])
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = runBattle(engine, partner, jolteon, bestPolicy(), bestPolicy(), [seed, 0, 0, 1], {
        keepLog: true,
      })
      const log = stableLog(result.log)
      expect(result.movesUsedA).toEqual(['zippyzap'])
      const zaps = log.flatMap((line, i) => (line.startsWith('|move|p1a: Pikachu|Zippy Zap') ? [i] : []))
      expect(zaps.length).toBeGreaterThan(0)
      for (const at of zaps)
        expect(log.slice(at + 1, at + 4).some((line) => line.startsWith('|-crit|p2a'))).toBe(true)
      const firstMove = log.find((line) => line.startsWith('|move|'))
      expect(firstMove).toStartWith('|move|p1a: Pikachu|Zippy Zap')
    }
  })

  test('battlers are level 50 with no ability', () => {
    const battle = createBattle(engine, pikachu, squirtle, [1, 2, 3, 4])
    for (const pokemon of [battle.p1.active[0], battle.p2.active[0]]) {
      expect(pokemon?.level as number).toBe(50)
      expect(pokemon?.ability as string).toBe('noability')
    }
  })

  test('Awakening Values raise every stat, HP and the five others', () => {
    const fed = set('Pikachu', ['thunderbolt'], { hp: 200, atk: 200, def: 200, spa: 200, spd: 200, spe: 200 })
    const battle = createBattle(engine, fed, pikachu, [1, 2, 3, 4])
    const [withAvs, without] = [battle.p1.active[0], battle.p2.active[0]]
    if (!withAvs || !without) throw new Error('no active Pokémon')
    expect(withAvs.maxhp - without.maxhp).toBe(200)
    for (const stat of ['atk', 'def', 'spa', 'spd', 'spe'] as const) {
      expect(withAvs.storedStats[stat] - without.storedStats[stat]).toBe(200)
    }
  })

  test('a Mega species battles in Mega form (types and stats) with no stone', () => {
    const battle = createBattle(engine, set('Charizard-Mega-X', ['flareblitz']), squirtle, [1, 2, 3, 4])
    const mega = battle.p1.active[0]
    expect(mega?.species.name).toBe('Charizard-Mega-X')
    expect(mega?.types).toEqual(['Fire', 'Dragon'])
    // Mega-X base Attack 130: floor((2·130 + 31)·50/100 + 5) = 150, × 1.02 friendship = 153
    expect(mega?.storedStats.atk).toBe(153)
  })
})

describe('runBattle', () => {
  test('the same seed gives the same battle, different seeds give different battles', () => {
    const run = (seed: BattleSeed) =>
      runBattle(engine, pikachu, squirtle, randomPolicy(), randomPolicy(), seed, { keepLog: true })
    const first = run([7, 7, 7, 7])
    const again = run([7, 7, 7, 7])
    expect({ ...again, log: stableLog(again.log) }).toEqual({ ...first, log: stableLog(first.log) })
    const logs = new Set([1, 2, 3, 4, 5].map((s) => stableLog(run([s, 9, 9, 9]).log).join('\n')))
    expect(logs.size).toBe(5)
  })

  test('a side immune to the only move of the other wins every time', () => {
    // Normal-type Tackle cannot touch the Ghost-type Gengar; Sludge Bomb KOs Rattata quickly.
    const gengar = set('Gengar', ['sludgebomb'])
    const rattata = set('Rattata', ['tackle'])
    for (let seed = 0; seed < 20; seed++) {
      const result = runBattle(engine, gengar, rattata, bestPolicy(), bestPolicy(), [seed, 1, 2, 3])
      expect(result.winner).toBe('A')
    }
  })

  test('Hyper Beam recharge and Solar Beam charge turns complete', () => {
    const snorlax = set('Snorlax', ['hyperbeam'])
    const venusaur = set('Venusaur', ['solarbeam'])
    const result = runBattle(engine, snorlax, venusaur, bestPolicy(), bestPolicy(), [3, 1, 4, 1], {
      keepLog: true,
    })
    const log = stableLog(result.log)
    expect(['A', 'B']).toContain(result.winner)
    expect(log.some((line) => line.startsWith('|-prepare|p2a: Venusaur|Solar Beam'))).toBe(true)
    expect(log.some((line) => line.startsWith('|move|p2a: Venusaur|Solar Beam|p1a'))).toBe(true)
    expect(log.some((line) => line.startsWith('|-mustrecharge|p1a: Snorlax'))).toBe(true)
    expect(log.some((line) => line === '|cant|p1a: Snorlax|recharge')).toBe(true)
    expect(result.movesUsedA).toEqual(['hyperbeam'])
  })

  test('semi-invulnerable, rampage and Bide moves complete without hanging', () => {
    const cases = [
      [set('Pidgeot', ['fly', 'wingattack']), set('Dugtrio', ['dig', 'slash'])],
      [set('Tauros', ['thrash', 'tackle']), set('Vileplume', ['petaldance', 'acid'])],
      [set('Machamp', ['bide', 'karatechop']), set('Blastoise', ['skullbash', 'watergun'])],
    ] as const
    for (const [a, b] of cases) {
      for (let seed = 0; seed < 5; seed++) {
        const result = runBattle(engine, a, b, fixedPolicy(a.moves[0] ?? ''), fixedPolicy(b.moves[0] ?? ''), [
          seed,
          2,
          2,
          2,
        ])
        expect(result.winner).not.toBe('cap')
        expect(result.movesUsedA).toContain(a.moves[0] ?? '')
      }
    }
  })

  test('two Pokémon with only status moves hit the turn cap', () => {
    const result = runBattle(
      engine,
      set('Pikachu', ['growl']),
      set('Squirtle', ['tailwhip']),
      bestPolicy(),
      bestPolicy(),
      [1, 2, 3, 4],
      { turnCap: 25 },
    )
    expect(result).toEqual({ winner: 'cap', turns: 25, movesUsedA: ['growl'], movesUsedB: ['tailwhip'] })
  })

  test('records the distinct moves each side chose', () => {
    const result = runBattle(
      engine,
      pikachu,
      squirtle,
      fixedPolicy('quickattack'),
      randomPolicy(),
      [5, 5, 5, 5],
    )
    expect(result.movesUsedA).toEqual(['quickattack'])
    expect(result.movesUsedB.every((id) => ['watergun', 'bite', 'tackle'].includes(id))).toBe(true)
  })

  test('rejects bad seeds and turn caps with coded errors', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn()
      } catch (error) {
        return error instanceof BattleError ? error.code : 'other'
      }
      return 'none'
    }
    const policy = bestPolicy()
    expect(codeOf(() => runBattle(engine, pikachu, squirtle, policy, policy, [1, 2, 3, 70000]))).toBe(
      'BATTLE_INVALID_SEED',
    )
    expect(
      codeOf(() => runBattle(engine, pikachu, squirtle, policy, policy, [1, 2, 3, 4], { turnCap: 0 })),
    ).toBe('BATTLE_INVALID_ARGUMENT')
    expect(
      codeOf(() => runBattle(engine, pikachu, squirtle, fixedPolicy('surf'), policy, [1, 2, 3, 4])),
    ).toBe('BATTLE_INVALID_POLICY')
  })
})
