import { describe, expect, test } from 'bun:test'
import { readFixtures } from '../../../../testing/etl/pokeapi-fixtures.ts'
import { readEvolutionLinks, toEvolution } from './evolution.ts'
import { EvolutionChainJson, SpeciesJson } from './schemas.ts'
import { cleanGameText, toSpeciesRecord } from './species.ts'

const fixtures = readFixtures()
const species = (name: string) => SpeciesJson.parse(JSON.parse(fixtures.get(`pokemon-species/${name}`)!))

describe('toSpeciesRecord', () => {
  test('national number, en/fr names, LGPE texts on one line, chain id', () => {
    const { record, chainId } = toSpeciesRecord(species('pikachu'), 'pikachu')
    expect(record.nationalDex).toBe(25)
    expect(record.names).toEqual({ en: 'Pikachu', fr: 'Pikachu' })
    expect(record.flavorText?.en).toBe(
      'It stores electricity in the electric sacs on its cheeks. When it releases pent-up energy in a burst, the electric power is equal to a lightning bolt.',
    )
    expect(record.flavorText?.fr).toStartWith('Il stocke de l’électricité dans les poches de ses joues.')
    expect(record.flavorText?.fr).not.toMatch(/[\n\f]/)
    expect(chainId).toBe(10)
  })

  test('falls back to the Let’s Go Eevee text when Let’s Go Pikachu has none', () => {
    const { record } = toSpeciesRecord(species('raichu'), 'raichu')
    expect(record.flavorText?.fr).toBe(
      'Sa longue queue lui sert de prise de terre pour se protéger de son propre courant.',
    )
  })

  test('no LGPE text (only other games) leaves flavorText undefined, never a made-up value', () => {
    const json = {
      ...species('pikachu'),
      flavor_text_entries: species('pikachu').flavor_text_entries.slice(0, 1),
    }
    expect(toSpeciesRecord(json, 'pikachu').record.flavorText).toBeUndefined()
  })

  test('cleanGameText joins lines and pages and drops soft hyphens', () => {
    expect(cleanGameText('Élec\u00ad\ntricité\nstockée.\fFin ')).toBe('Électricité stockée. Fin')
  })
})

describe('evolution chains', () => {
  const chain = EvolutionChainJson.parse(JSON.parse(fixtures.get('evolution-chain/10')!))

  test('links between Let’s Go species are kept; the Pichu link is reported, not invented', () => {
    expect(readEvolutionLinks(chain, new Set(['pikachu', 'raichu']))).toEqual({
      links: [
        { species: 'raichu', evolvesFrom: 'pikachu', evolution: { trigger: 'stone', item: 'thunder-stone' } },
      ],
      outside: ['pikachu ← pichu'],
    })
  })

  const detail = (trigger: string, extra: Record<string, unknown> = {}) => ({
    trigger: { name: trigger, url: '' },
    min_level: null,
    min_happiness: null,
    item: null,
    held_item: null,
    ...extra,
  })
  test('triggers: level, friendship, stone, trade, other', () => {
    expect(toEvolution(detail('level-up', { min_level: 16 }))).toEqual({ trigger: 'level', level: 16 })
    expect(toEvolution(detail('level-up', { min_happiness: 220 }))).toEqual({
      trigger: 'friendship',
      detail: 'happiness ≥ 220',
    })
    expect(toEvolution(detail('use-item', { item: { name: 'moon-stone', url: '' } }))).toEqual({
      trigger: 'stone',
      item: 'moon-stone',
    })
    expect(toEvolution(detail('trade'))).toEqual({ trigger: 'trade' })
    expect(toEvolution(detail('other'))).toEqual({ trigger: 'other', detail: 'other' })
    expect(toEvolution(detail('level-up', { known_move: { name: 'mimic', url: '' } }))).toEqual({
      trigger: 'other',
      detail: 'level-up knowing mimic',
    })
    expect(toEvolution(undefined).trigger).toBe('other')
  })
})
