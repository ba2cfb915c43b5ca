import { describe, expect, test } from 'bun:test'
import { createShowdownIdMap, toSlug } from './slugs.ts'

describe('toSlug', () => {
  test.each([
    ['Bulbasaur', 'bulbasaur'],
    ['Charizard-Mega-X', 'charizard-mega-x'],
    ['Pikachu-Starter', 'pikachu-starter'],
    ['Raichu-Alola', 'raichu-alola'],
    ['Mr. Mime', 'mr-mime'],
    ['Farfetch’d', 'farfetchd'],
    ["Farfetch'd", 'farfetchd'],
    ['Nidoran-F', 'nidoran-f'],
    ['Nidoran♀', 'nidoran-f'],
    ['Nidoran♂', 'nidoran-m'],
    ['U-turn', 'u-turn'],
    ['Self-Destruct', 'self-destruct'],
    ['Soft-Boiled', 'soft-boiled'],
    ['Will-O-Wisp', 'will-o-wisp'],
    ['Double-Edge', 'double-edge'],
    ['Thunder Punch', 'thunder-punch'],
    ['Flabébé', 'flabebe'],
  ])('%s → %s', (name, slug) => {
    expect(toSlug(name)).toBe(slug)
  })
})

describe('createShowdownIdMap', () => {
  test('maps ids to slugs and back; unknown keys give undefined', () => {
    const ids = createShowdownIdMap([
      ['mrmime', 'Mr. Mime'],
      ['charizardmegax', 'Charizard-Mega-X'],
    ])
    expect(ids.toSlug('mrmime')).toBe('mr-mime')
    expect(ids.toShowdownId('charizard-mega-x')).toBe('charizardmegax')
    expect(ids.toSlug('pichu')).toBeUndefined()
    expect(ids.toShowdownId('pichu')).toBeUndefined()
  })
})
