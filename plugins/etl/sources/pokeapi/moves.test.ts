import { describe, expect, test } from 'bun:test'
import { readFixtures } from '../../../../testing/etl/pokeapi-fixtures.ts'
import { FieldError } from './loader.ts'
import { lgpeMachineIdOf, tmNumberOf, toMoveRecord } from './moves.ts'
import { MoveJson } from './schemas.ts'

const fixtures = readFixtures()
const move = (name: string) => MoveJson.parse(JSON.parse(fixtures.get(`move/${name}`)!))

describe('toMoveRecord', () => {
  test('Zippy Zap: the LGPE 50 BP / 15 PP from past_values, not today’s 80 / 10', () => {
    expect(toMoveRecord(move('zippy-zap'), 'zippy-zap')).toEqual({
      slug: 'zippy-zap',
      num: 729,
      names: { en: 'Zippy Zap', fr: 'Pika-Sprint' },
      type: 'electric',
      category: 'physical',
      power: 50,
      accuracy: 100,
      pp: 15,
      priority: 2,
      descriptions: {
        en: 'The user attacks the target with bursts of electricity at high speed. This move always goes first and results in a critical hit.',
        fr: 'Le lanceur se rue sur la cible à une vitesse électrisante. Cette capacité agit toujours en premier et inflige un coup critique.',
      },
    })
  })

  test('Absorb: the change *in* LGPE (group 19) is history; the one after it gives 40 / 15', () => {
    const record = toMoveRecord(move('absorb'), 'absorb')
    expect([record.power, record.pp, record.accuracy]).toEqual([40, 15, 100])
  })

  test('Thunderbolt: a change before LGPE (95 until X/Y) leaves today’s 90', () => {
    expect(toMoveRecord(move('thunderbolt'), 'thunderbolt').power).toBe(90)
  })

  test('without an LGPE text, the latest one (not the Japanese Red/Green group 28)', () => {
    expect(toMoveRecord(move('absorb'), 'absorb').descriptions).toEqual({
      en: 'The user absorbs nutrients from the target. Half the damage dealt is restored as HP.',
      fr: 'Une attaque qui convertit la moitié des dégâts infligés en PV pour le lanceur.',
    })
    expect(toMoveRecord(move('vice-grip'), 'vise-grip').descriptions).toEqual({})
  })

  test('status moves keep a null power; an unknown category is a FieldError', () => {
    expect(toMoveRecord(move('growl'), 'growl')).toMatchObject({ power: null, category: 'status', pp: 40 })
    const odd = { ...move('growl'), damage_class: { name: 'shadow', url: '' } }
    expect(() => toMoveRecord(odd, 'growl')).toThrow(FieldError)
  })

  test('the LGPE machine is found by version group id, and tm36 reads as 36', () => {
    expect(lgpeMachineIdOf(move('thunderbolt'))).toBe(1656)
    expect(lgpeMachineIdOf(move('absorb'))).toBeUndefined()
    expect(tmNumberOf('tm36')).toBe(36)
    expect(tmNumberOf('hm01')).toBeUndefined()
  })
})
