import { beforeAll, describe, expect, test } from 'bun:test'
import { loadedRosterIndex } from '../../../testing/ml/roster-index.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattle } from '../battle/run.ts'
import { buildBattleSet } from '../battle/sets.ts'
import { estimateDamage } from './damage.ts'
import type { RosterIndex } from './roster-index.ts'
import { lgpeStat } from './stats.ts'
import { createFeatureSpace, FEATURE_NAMES, type FeatureSpace, firstMover } from './vector.ts'

let index: RosterIndex
let space: FeatureSpace
const engine = createLgpeEngine()
beforeAll(async () => {
  index = await loadedRosterIndex()
  space = createFeatureSpace(index, engine.dex)
})

describe('stats', () => {
  test('level-50 stats equal the engine’s for all 188 forms (so speed ties agree with battles)', () => {
    const mismatches: string[] = []
    for (const form of index.forms.values()) {
      const move = (index.usable.get(form.slug) ?? [])[0]!
      const set = buildBattleSet(engine, {
        species: form.showdown_id!,
        moves: [index.moves.get(move)!.showdown_id!],
      })
      const battle = createBattle(engine, set, set, [1, 2, 3, 4])
      battle.makeChoices('default', 'default')
      const mon = battle.p1.pokemon[0]!
      const engineStats = { hp: mon.maxhp, ...mon.storedStats }
      for (const [stat, value] of Object.entries(engineStats)) {
        if (form.data.stats[stat as 'hp'] !== value)
          mismatches.push(`${form.slug}.${stat}: ${form.data.stats[stat as 'hp']} vs ${value}`)
      }
    }
    expect(mismatches).toEqual([])
  })

  test('Awakening Values add flat to every stat; natures scale non-HP stats', () => {
    expect(lgpeStat(35, 'hp', { level: 50, iv: 31, av: 0 })).toBe(110)
    expect(lgpeStat(35, 'hp', { level: 50, iv: 31, av: 200 })).toBe(310)
    expect(
      lgpeStat(90, 'spe', { level: 50, iv: 31, av: 0, nature: 1.1 }) -
        lgpeStat(90, 'spe', { level: 50, iv: 31, av: 0 }),
    ).toBeGreaterThan(10)
  })
})

describe('damage estimates and the feature vector', () => {
  test('an immune target takes nothing and cannot be KOed; STAB and super-effectiveness raise damage', () => {
    const f = (s: string) => index.forms.get(s)!.data
    const m = (s: string) => index.moves.get(s)!.data
    const immune = estimateDamage(f('snorlax'), f('gengar'), m('body-slam'), index.chart)
    expect(immune).toMatchObject({ perHit: 0, effectiveness: 0, hitsToKo: 99, turnsToKo: 99 })
    const bolt = estimateDamage(f('pikachu'), f('squirtle'), m('thunderbolt'), index.chart)
    expect(bolt).toMatchObject({ effectiveness: 2, stab: 1.5 })
    expect(bolt.share).toBeGreaterThan(0.5)
    expect(estimateDamage(f('pikachu'), f('squirtle'), m('seismic-toss'), index.chart).perHit).toBe(50)
  })

  test('first mover: priority first, then speed, 0.5 on a tie', () => {
    expect(firstMover(2, 0, 10, 200)).toBe(1)
    expect(firstMover(0, 0, 100, 100)).toBe(0.5)
    expect(firstMover(0, 0, 99, 100)).toBe(0)
  })

  test('the vector has one value per named feature, no ids, and a Ghost-immune move reads as never KOing', () => {
    const x = space.matrix([{ a: 'snorlax', moveA: 'body-slam', b: 'gengar', moveB: 'shadow-ball' }])
    expect(x.length).toBe(FEATURE_NAMES.length)
    expect(FEATURE_NAMES.some((n) => /(^|_)id$|slug/.test(n))).toBe(false)
    const at = (name: string) => x[FEATURE_NAMES.indexOf(name)]
    expect(at('a_move_effectiveness')).toBe(0)
    expect(at('a_move_turns_to_ko')).toBe(99)
    expect(at('a_type_normal')).toBe(1)
    expect(at('b_type_ghost')).toBe(1)
    expect(at('a_wins_ko_race')).toBe(0)
    expect(at('a_move_ko_1')).toBe(0)
    expect(() => space.matrix([{ a: 'snorlax', moveA: 'nope', b: 'gengar', moveB: 'lick' }])).toThrow(
      'unknown move nope',
    )
  })
})
