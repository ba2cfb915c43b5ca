import { describe, expect, test } from 'bun:test'
import type { Extract, MoveRecord } from '../../model.ts'
import { createFrenchMoveIndex, foldFrenchName, hasFrenchMoveNames } from './move-names.ts'

function move(slug: string, fr?: string): MoveRecord {
  return {
    slug,
    names: fr ? { en: slug, fr } : { en: slug },
    type: 'normal',
    category: 'status',
    power: null,
    accuracy: null,
    pp: 10,
    priority: 0,
    critRatio: 1,
    alwaysCrit: false,
    effectClass: 'other',
    descriptions: {},
  }
}

describe('foldFrenchName', () => {
  test("case, accents, ligatures, apostrophes ’/', hyphens and (non-breaking) spaces fold away", () => {
    expect(foldFrenchName('Bomb’Œuf')).toBe(foldFrenchName("bomb'oeuf"))
    expect(foldFrenchName('Cage-Éclair')).toBe(foldFrenchName('cage\u00a0eclair'))
    expect(foldFrenchName('Coup d’Boule')).toBe('coupdboule')
  })

  test('different names stay different', () => {
    expect(foldFrenchName('Éclair')).not.toBe(foldFrenchName('Cage-Éclair'))
  })
})

describe('createFrenchMoveIndex', () => {
  test('moveNamesFr first, then the base names, then built-in generation-7 spellings', () => {
    const warnings: string[] = []
    const base: Extract = {
      source: 'test',
      moves: [move('tackle', 'Charge'), move('thunder-wave')],
      rejects: [],
      warnings: [],
    }
    const index = createFrenchMoveIndex(
      { moveNamesFr: new Map([['Vive-Attaque', 'quick-attack']]), base },
      warnings,
    )
    expect(index.lookup('vive attaque')).toBe('quick-attack')
    expect(index.lookup('CHARGE')).toBe('tackle')
    expect(index.lookup('Cage Éclair')).toBe('thunder-wave')
    expect(warnings).toEqual([])
  })

  test('built-in spellings are limited to the base moves', () => {
    const base: Extract = { source: 'test', moves: [move('tackle', 'Charge')], rejects: [], warnings: [] }
    expect(createFrenchMoveIndex({ base }, []).lookup('Cage-Éclair')).toBeUndefined()
  })

  test('a name claimed by two slugs keeps the first and says so', () => {
    const warnings: string[] = []
    const names = new Map([
      ['Charge', 'tackle'],
      ['charge', 'charge-beam'],
    ])
    const index = createFrenchMoveIndex({ moveNamesFr: names }, warnings)
    expect(index.lookup('Charge')).toBe('tackle')
    expect(warnings).toEqual(['move names: "charge" names both tackle and charge-beam; kept tackle'])
  })

  test('hasFrenchMoveNames: only real sources count, not the built-in spellings', () => {
    expect(hasFrenchMoveNames({})).toBe(false)
    expect(
      hasFrenchMoveNames({ base: { source: 't', moves: [move('tackle')], rejects: [], warnings: [] } }),
    ).toBe(false)
    expect(hasFrenchMoveNames({ moveNamesFr: new Map([['Charge', 'tackle']]) })).toBe(true)
  })
})
