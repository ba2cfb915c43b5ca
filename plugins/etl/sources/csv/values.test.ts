import { describe, expect, test } from 'bun:test'
import { EFFECT_CLASSES, TYPE_SLUGS } from '../../model.ts'
import { recogniseHeader } from './headers.ts'
import {
  EFFECT_CLASS_BY_TYPE_DEGATS,
  toCategory,
  toEffectClass,
  toFlag,
  toMultiplier,
  toTypeSlug,
  toWholeNumber,
} from './values.ts'

describe('CSV values', () => {
  test('the 18 French type names, any case, with or without accents', () => {
    const french =
      'Normal Feu Eau Électrik Plante Glace Combat Poison Sol Vol Psy Insecte Roche Spectre Dragon Ténèbres Acier Fée'
    expect(french.split(' ').map(toTypeSlug)).toEqual([...TYPE_SLUGS])
    expect(['ÉLECTRIK', 'electrik', ' ténèbres ', 'tenebres', 'FEE'].map(toTypeSlug)).toEqual([
      'electric',
      'electric',
      'dark',
      'dark',
      'fairy',
    ])
    expect(toTypeSlug('Lumière')).toBeUndefined()
  })

  test('classe → category', () => {
    expect(['physique', 'Spécial', 'special', 'autre'].map(toCategory)).toEqual([
      'physical',
      'special',
      'special',
      'status',
    ])
    expect(toCategory('magique')).toBeUndefined()
  })

  test('every type_degats value of the predecessor maps to a model effect class', () => {
    const listed =
      'offensif statut multi_coups deux_tours prioritaire prioritaire_conditionnel prioritaire_critique prioritaire_deux protection_change_plusieur double_degats fixe_niveau fixe_degat_20 fixe_degat_40 fixe_moitie_degats ko_en_un_coup variable_degats_poids attk_adversaire sommeil_requis soin inutile degat_aleatoire renvoi_degat_double_physique renvoi_degat_double_special renvoi_degat_double_deux_tours'.split(
        ' ',
      )
    expect(Object.keys(EFFECT_CLASS_BY_TYPE_DEGATS).sort()).toEqual([...listed].sort())
    for (const value of listed) expect(EFFECT_CLASSES).toContain(toEffectClass(value)!)
    expect(toEffectClass('ko_en_un_coup')).toBe('ohko')
    expect(toEffectClass('renvoi_degat_double_special')).toBe('counter')
    expect(toEffectClass('two-turn')).toBe('two-turn')
    expect(toEffectClass('recharge_requise')).toBeUndefined()
  })

  test('flags are 1 or empty (0 tolerated)', () => {
    expect(['1', '', ' ', '0'].map(toFlag)).toEqual([true, false, false, false])
    expect(toFlag('oui')).toBeUndefined()
  })

  test('numbers: empty → null when optional, out of range or not digits → undefined', () => {
    expect(toWholeNumber('', { min: 0, max: 250, optional: true })).toBeNull()
    expect(toWholeNumber('', { min: 1, max: 64 })).toBeUndefined()
    expect(toWholeNumber(' 40 ', { min: 0, max: 250 })).toBe(40)
    expect(toWholeNumber('4O', { min: 0, max: 250 })).toBeUndefined()
    expect(toWholeNumber('101', { min: 1, max: 100 })).toBeUndefined()
  })

  test('multipliers 0, 0.5, 1, 2 with a dot or a French comma; nothing else', () => {
    expect(['0', '0,5', '0.5', '1', '2.0', '0.0'].map(toMultiplier)).toEqual([0, 0.5, 0.5, 1, 2, 0])
    expect(['4', '0.25', '-1', 'x', ''].map(toMultiplier)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })
})

describe('recogniseHeader', () => {
  test('by columns, in any order and case, accents optional; extra columns reported', () => {
    expect(recogniseHeader(['\uFEFFtype_attaquant', 'type_defenseur', 'multiplicateur'])?.kind).toBe(
      'typeChart',
    )
    const moves = recogniseHeader(
      'NOM_FRANCAIS,type,classe,description,puissance,precision,pp,type_degats,commentaire'.split(','),
    )
    expect(moves?.kind).toBe('moves')
    expect(moves?.columns.get('précision')).toBe(5)
    expect(moves?.extra).toEqual(['commentaire'])
  })

  test('a missing column means not recognised', () => {
    expect(recogniseHeader(['type_attaquant', 'multiplicateur'])).toBeUndefined()
  })
})
