import { describe, expect, test } from 'bun:test'
import pokemon from 'pokemon'
import { extractShowdown } from '../../showdown/index.ts'
import { buildSnapshot } from './build.ts'
import { pokeApiSnapshot } from './index.ts'

const snapshot = pokeApiSnapshot()
const base = extractShowdown()

describe('the committed snapshot', () => {
  test('covers exactly the 226 Let’s Go moves, each with French and English names and descriptions', () => {
    expect(snapshot.moves.map((m) => m.slug).sort()).toEqual((base.moves ?? []).map((m) => m.slug).sort())
    expect(snapshot.moves).toHaveLength(226)
    for (const move of snapshot.moves) {
      for (const text of [move.names.fr, move.names.en, move.descriptions.fr, move.descriptions.en]) {
        expect(text.trim().length).toBeGreaterThan(1)
      }
    }
  })

  test('descriptions come from Let’s Go or an older game, never from a later one', () => {
    for (const move of snapshot.moves) {
      for (const origin of Object.values(move.descriptionOrigin)) {
        if ('versionGroup' in origin) expect(origin.versionGroup).toBeLessThanOrEqual(19)
        else expect(['pika-papow', 'bouncy-bubble', 'veevee-volley']).toContain(move.slug)
      }
    }
    const zippy = snapshot.moves.find((m) => m.slug === 'zippy-zap')!
    expect(zippy.names.fr).toBe('Pika-Sprint')
    expect(zippy.descriptionOrigin.fr).toEqual({ versionGroup: 19 })
  })

  test('the offline extract speaks French: Tonnerre, Séisme, every move named', () => {
    const bySlug = new Map((base.moves ?? []).map((m) => [m.slug, m]))
    expect(bySlug.get('thunderbolt')?.names).toEqual({ en: 'Thunderbolt', fr: 'Tonnerre' })
    expect(bySlug.get('earthquake')?.names.fr).toBe('Séisme')
    expect(bySlug.get('earthquake')?.descriptions.fr).toContain('tremblement de terre')
    // English descriptions stay Showdown's short battle texts.
    expect(bySlug.get('thunderbolt')?.descriptions.en).toBe('10% chance to paralyze the target.')
    expect((base.moves ?? []).filter((m) => !m.names.fr || !m.descriptions.fr)).toEqual([])
  })

  test('species names agree with npm `pokemon`, apart from two typographic variants', () => {
    const fr = pokemon.all('fr')
    const en = pokemon.all('en')
    const differ = snapshot.species
      .filter((s) => fr[s.nationalDex - 1] !== s.names.fr || en[s.nationalDex - 1] !== s.names.en)
      .map((s) => s.nationalDex)
    expect(snapshot.species).toHaveLength(153)
    expect(differ).toEqual([83, 102]) // Farfetch’d vs Farfetch'd, Noeunoeuf vs Nœunœuf
  })
})

describe('buildSnapshot', () => {
  const names =
    'move_id,local_language_id,name\n729,5,Pika-Sprint\n729,9,Zippy Zap\n1,5,Écras’Face\n1,9,Pound\n'
  const species =
    'pokemon_species_id,local_language_id,name,genus\n25,5,Pikachu,Pokémon Souris\n25,9,Pikachu,Mouse Pokémon\n'
  const texts = [
    'move_id,version_group_id,language_id,flavor_text',
    '729,20,5,Cette capacité ne peut pas être utilisée.',
    '729,20,9,This move can’t be used.',
    '729,19,5,"Une attaque électrique\nrapide."',
    '729,19,9,Electric bursts.',
    '1,16,5,Ancien texte.',
    '1,18,5,Texte USUL.',
    '1,18,9,USUM text.',
    '1,28,9,Japanese Red/Green group.',
  ].join('\n')
  const wanted = {
    moves: [
      { num: 729, slug: 'zippy-zap' },
      { num: 1, slug: 'pound' },
    ],
    species: [25],
  }

  test('prefers Let’s Go’s own text, else the latest older one; later games are ignored', () => {
    const built = buildSnapshot(
      { moveNames: names, moveFlavorTexts: [texts], speciesNames: species },
      wanted,
      {},
    )
    expect(built.moves.map((m) => m.slug)).toEqual(['pound', 'zippy-zap'])
    expect(built.moves[1]!.descriptions).toEqual({
      fr: 'Une attaque électrique rapide.',
      en: 'Electric bursts.',
    })
    expect(built.moves[0]!.descriptions).toEqual({ fr: 'Texte USUL.', en: 'USUM text.' })
    expect(built.moves[0]!.descriptionOrigin.fr).toEqual({ versionGroup: 18 })
    expect(built.species).toEqual([{ nationalDex: 25, names: { fr: 'Pikachu', en: 'Pikachu' } }])
  })

  test('a move no text describes takes the written one, marked as such; anything missing throws', () => {
    const onlyNames = 'move_id,version_group_id,language_id,flavor_text\n'
    const written = {
      'zippy-zap': { fr: 'Écrit.', en: 'Written.' },
      pound: { fr: 'Écrit.', en: 'Written.' },
    }
    const built = buildSnapshot(
      { moveNames: names, moveFlavorTexts: [onlyNames], speciesNames: species },
      wanted,
      written,
    )
    expect(built.moves[0]!.descriptionOrigin.en).toEqual({ writtenBy: 'PredictionDex' })
    expect(() =>
      buildSnapshot({ moveNames: names, moveFlavorTexts: [onlyNames], speciesNames: species }, wanted, {}),
    ).toThrow('move pound descriptions')
  })
})
