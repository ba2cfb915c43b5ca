import { describe, expect, test } from 'bun:test'
import {
  isAfterLgpe,
  isLgpeVersionGroup,
  lgpeValue,
  POKEAPI_LGPE_VERSION_GROUP_ID,
  resourceIdOf,
} from './version-groups.ts'

const vg = (id: number) => ({ url: `https://pokeapi.co/api/v2/version-group/${id}/` })

describe('version groups', () => {
  test('ids come from URLs, with or without the trailing slash', () => {
    expect(resourceIdOf('https://pokeapi.co/api/v2/version-group/19/')).toBe(19)
    expect(resourceIdOf('https://pokeapi.co/api/v2/machine/1656')).toBe(1656)
    expect(resourceIdOf('https://pokeapi.co/api/v2/pokemon/pikachu/')).toBeUndefined()
  })

  test('LGPE is recognised by id 19 whatever its name', () => {
    expect(POKEAPI_LGPE_VERSION_GROUP_ID).toBe(19)
    expect(isLgpeVersionGroup({ url: vg(19).url })).toBe(true)
    expect(isLgpeVersionGroup({ url: vg(18).url })).toBe(false)
  })

  test('"after LGPE" excludes 19 itself and the Japanese Gen I groups appended later (28, 29)', () => {
    expect([18, 19, 20, 25, 27, 28, 29, 30].map(isAfterLgpe)).toEqual([
      false,
      false,
      true,
      true,
      true,
      false,
      false,
      true,
    ])
  })
})

describe('lgpeValue', () => {
  const power = (entry: { power?: number | null }) => entry.power
  test('takes the entry with the smallest version group after 19 that records the field', () => {
    const past = [
      { power: 70, version_group: vg(25) },
      { power: 50, version_group: vg(20) },
      { power: 60, version_group: vg(22) },
    ]
    expect(lgpeValue(80, past, power)).toBe(50)
  })

  test('ignores entries up to 19, Gen I Japanese groups and entries that do not record the field', () => {
    const past = [
      { power: 20, version_group: vg(19) },
      { power: 95, version_group: vg(15) },
      { power: 10, version_group: vg(28) },
      { power: null, version_group: vg(20) },
      { power: 65, version_group: vg(23) },
    ]
    expect(lgpeValue(80, past, power)).toBe(65)
  })

  test('with no later change, the current value already applied in LGPE', () => {
    expect(lgpeValue(90, [{ power: 95, version_group: vg(15) }], power)).toBe(90)
    expect(
      lgpeValue<{ power?: number | null; version_group: { url: string } }, number | null>(null, [], power),
    ).toBeNull()
  })
})
