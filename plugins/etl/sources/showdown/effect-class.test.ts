import { describe, expect, test } from 'bun:test'
import { Move } from '@pkmn/dex'
import type { EffectClass } from '../../model.ts'
import { classifyEffect } from './effect-class.ts'
import { loadLgpeData } from './lgpe-dex.ts'
import { lgpeMoveIds } from './moves.ts'

const data = loadLgpeData()
const classOf = (id: string) => classifyEffect(data.dex.moves.get(id))

describe('classifyEffect on Let’s Go moves', () => {
  test.each([
    ['tackle', 'damage'],
    ['pinmissile', 'multi-hit'],
    ['dig', 'two-turn'],
    ['fly', 'two-turn'],
    ['hyperbeam', 'recharge'],
    ['quickattack', 'priority'],
    ['dragonrage', 'fixed-damage'],
    ['sonicboom', 'fixed-damage'],
    ['seismictoss', 'fixed-damage'],
    ['nightshade', 'fixed-damage'],
    ['superfang', 'fixed-damage'],
    ['psywave', 'fixed-damage'],
    ['fissure', 'ohko'],
    ['counter', 'counter'],
    ['mirrorcoat', 'counter'],
    ['doubleedge', 'recoil'],
    ['megadrain', 'drain'],
    ['explosion', 'self-destruct'],
    ['lowkick', 'weight-based'],
    ['pikapapow', 'variable-power'],
    ['veeveevolley', 'variable-power'],
    ['recover', 'healing'],
    ['rest', 'healing'],
    ['protect', 'protect'],
    ['swordsdance', 'stat-change'],
    ['growl', 'stat-change'],
    ['thunderwave', 'status-condition'],
    ['confuseray', 'status-condition'],
    ['reflect', 'field'],
    ['stealthrock', 'field'],
    ['teleport', 'other'],
    ['substitute', 'other'],
  ] as [string, EffectClass][])('%s is %s', (id, effectClass) => {
    expect(classOf(id)).toBe(effectClass)
  })

  test('precedence when several rules apply', () => {
    expect(classOf('bide')).toBe('counter') // +1 priority, but counter comes first
    expect(classOf('skyattack')).toBe('two-turn') // charge beats high crit and flinch
    expect(classOf('doubleironbash')).toBe('multi-hit') // hits twice, 30% flinch
    expect(classOf('flareblitz')).toBe('recoil') // recoil beats its 10% burn
    expect(classOf('zippyzap')).toBe('priority') // +2 and always crits
    expect(classOf('seismictoss')).not.toBe('variable-power') // base power 0, but fixed damage first
    expect(classOf('roost')).toBe('healing') // heals before its Flying-type removal
    expect(classOf('defensecurl')).toBe('stat-change') // a boost, not "other", despite its volatile
    expect(classOf('yawn')).toBe('status-condition')
    expect(classOf('haze')).toBe('field')
  })

  test('precedence on made-up moves no Let’s Go move exercises', () => {
    const base = {
      name: 'Test',
      type: 'Normal',
      accuracy: 100,
      pp: 10,
      target: 'normal',
      flags: {},
      num: 9999,
    }
    const multiHitPriority = new Move({
      ...base,
      basePower: 20,
      category: 'Physical',
      priority: 1,
      multihit: [2, 5],
    })
    expect(classifyEffect(multiHitPriority)).toBe('multi-hit')
    const drainingPriority = new Move({
      ...base,
      basePower: 40,
      category: 'Special',
      priority: 1,
      drain: [1, 2],
    })
    expect(classifyEffect(drainingPriority)).toBe('drain')
    const healingBoost = new Move({
      ...base,
      basePower: 0,
      category: 'Status',
      priority: 0,
      heal: [1, 2],
      boosts: { def: 1 },
    })
    expect(classifyEffect(healingBoost)).toBe('healing')
  })

  test('distribution over the 226 moves (a change here is a change in the classifier)', () => {
    const counts: Record<string, number> = {}
    for (const id of lgpeMoveIds(data)) {
      const effectClass = classOf(id)
      counts[effectClass] = (counts[effectClass] ?? 0) + 1
    }
    expect(counts).toEqual({
      damage: 106,
      'stat-change': 27,
      other: 17,
      'status-condition': 15,
      'multi-hit': 11,
      priority: 7,
      'two-turn': 6,
      'fixed-damage': 6,
      drain: 5,
      field: 5,
      recoil: 4,
      healing: 4,
      counter: 3,
      ohko: 3,
      'self-destruct': 2,
      'variable-power': 2,
      recharge: 1,
      'weight-based': 1,
      protect: 1,
    })
  })
})
