import { describe, expect, test } from 'bun:test'
import { EFFECT_CLASSES, TYPE_SLUGS } from '../../model.ts'
import { extractShowdown, lgpeLegalShowdownIds, lgpeMoveShowdownIds } from './index.ts'

const extract = extractShowdown()
const pokemon = extract.pokemon ?? []
const moves = extract.moves ?? []
const species = extract.species ?? []
const learnsets = extract.learnsets ?? []
const pokemonBySlug = new Map(pokemon.map((record) => [record.slug, record]))
const moveBySlug = new Map(moves.map((record) => [record.slug, record]))
const speciesBySlug = new Map(species.map((record) => [record.slug, record]))

function cell(attacking: string, defending: string) {
  return extract.typeChart?.find((c) => c.attacking === attacking && c.defending === defending)?.multiplier
}

describe('extractShowdown: counts', () => {
  test('18 types, 324 chart cells, 188 forms, 153 species, 226 moves, nothing rejected', () => {
    expect(extract.source).toBe('showdown')
    expect(extract.types).toHaveLength(18)
    expect(extract.typeChart).toHaveLength(324)
    expect(pokemon).toHaveLength(188)
    expect(species).toHaveLength(153)
    expect(moves).toHaveLength(226)
    expect(extract.rejects).toEqual([])
  })

  test('forms: 153 base, 18 Alolan, 15 Mega, 2 partner', () => {
    const count = (form: string) => pokemon.filter((record) => record.form === form).length
    expect([count('base'), count('alola'), count('mega'), count('partner')]).toEqual([153, 18, 15, 2])
  })

  test('slugs are unique and every form points at an extracted species', () => {
    expect(new Set(pokemon.map((record) => record.slug)).size).toBe(188)
    expect(new Set(moves.map((record) => record.slug)).size).toBe(226)
    for (const record of pokemon) expect(speciesBySlug.has(record.species)).toBe(true)
  })

  test('lgpeLegalShowdownIds / lgpeMoveShowdownIds list the forms and moves the extract holds', () => {
    expect(lgpeLegalShowdownIds()).toEqual(pokemon.map((record) => record.showdownId ?? ''))
    expect(lgpeMoveShowdownIds()).toEqual(moves.map((record) => record.showdownId ?? '').sort())
  })

  test('two calls give equal extracts (no hidden state)', () => {
    expect(extractShowdown()).toEqual(extract)
  })
})

describe('extractShowdown: types', () => {
  test('English and French names in model order', () => {
    expect(extract.types?.map((t) => t.slug)).toEqual([...TYPE_SLUGS])
    expect(extract.types?.find((t) => t.slug === 'electric')?.names).toEqual({
      en: 'Electric',
      fr: 'Électrik',
    })
    expect(extract.types?.find((t) => t.slug === 'dark')?.names).toEqual({ en: 'Dark', fr: 'Ténèbres' })
  })

  test('chart spot checks (gen 7 chart with Fairy)', () => {
    expect(cell('normal', 'ghost')).toBe(0)
    expect(cell('fire', 'grass')).toBe(2)
    expect(cell('fire', 'water')).toBe(0.5)
    expect(cell('electric', 'ground')).toBe(0)
    expect(cell('dragon', 'fairy')).toBe(0)
    expect(cell('fairy', 'dragon')).toBe(2)
    expect(cell('steel', 'fairy')).toBe(2)
    expect(cell('ghost', 'normal')).toBe(0)
    expect(cell('water', 'water')).toBe(0.5)
    expect(cell('normal', 'normal')).toBe(1)
  })
})

describe('extractShowdown: Pokémon and species', () => {
  test('PokéAPI-style slugs for the odd names', () => {
    for (const slug of ['pikachu', 'pikachu-starter', 'eevee-starter', 'raichu-alola', 'charizard-mega-x']) {
      expect(pokemonBySlug.has(slug)).toBe(true)
    }
    for (const slug of ['mr-mime', 'farfetchd', 'nidoran-f', 'nidoran-m', 'mewtwo-mega-y']) {
      expect(pokemonBySlug.has(slug)).toBe(true)
    }
  })

  test('Partner Pikachu is a pure Electric partner form with its boosted stats', () => {
    const partner = pokemonBySlug.get('pikachu-starter')
    expect(partner).toMatchObject({
      species: 'pikachu',
      form: 'partner',
      types: ['electric'],
      showdownId: 'pikachustarter',
    })
    expect(partner?.names).toEqual({ en: 'Partner Pikachu', fr: 'Pikachu Partenaire' })
    expect(partner?.stats).toEqual({ hp: 45, atk: 80, def: 50, spa: 75, spd: 60, spe: 120 })
    expect(pokemonBySlug.get('eevee-starter')?.names).toEqual({ en: 'Partner Eevee', fr: 'Évoli Partenaire' })
  })

  test('Alolan Raichu is Electric/Psychic; Mega Charizard X is Fire/Dragon', () => {
    const raichu = pokemonBySlug.get('raichu-alola')
    expect(raichu).toMatchObject({ form: 'alola', species: 'raichu', types: ['electric', 'psychic'] })
    expect(raichu?.names).toEqual({ en: 'Alolan Raichu', fr: "Raichu d'Alola" })
    const megaX = pokemonBySlug.get('charizard-mega-x')
    expect(megaX).toMatchObject({ form: 'mega', species: 'charizard', types: ['fire', 'dragon'] })
    expect(megaX?.names).toEqual({ en: 'Mega Charizard X', fr: 'Méga-Dracaufeu X' })
    expect(megaX?.stats.atk).toBe(130)
  })

  test('heights in metres and weights in kilograms', () => {
    expect(pokemonBySlug.get('bulbasaur')).toMatchObject({ heightM: 0.7, weightKg: 6.9 })
    expect(pokemonBySlug.get('snorlax')).toMatchObject({ heightM: 2.1, weightKg: 460 })
    expect(pokemon.every((record) => (record.heightM ?? 0) > 0 && (record.weightKg ?? 0) > 0)).toBe(true)
  })

  test('Meltan is #808 and Melmetal #809', () => {
    expect(speciesBySlug.get('meltan')?.nationalDex).toBe(808)
    expect(speciesBySlug.get('melmetal')?.nationalDex).toBe(809)
  })

  test('French species names come from npm pokemon', () => {
    expect(speciesBySlug.get('bulbasaur')?.names).toEqual({ en: 'Bulbasaur', fr: 'Bulbizarre' })
    expect(speciesBySlug.get('charizard')?.names.fr).toBe('Dracaufeu')
    expect(speciesBySlug.get('mr-mime')?.names).toEqual({ en: 'Mr. Mime', fr: 'M. Mime' })
    expect(speciesBySlug.get('nidoran-f')?.names.en).toBe('Nidoran♀')
    expect(pokemonBySlug.get('gyarados-mega')?.names.fr).toBe('Méga-Léviator')
  })

  test('evolutions after the Let’s Go mod: level, stone, trade, and no cut-off pre-evolution', () => {
    expect(speciesBySlug.get('ivysaur')).toMatchObject({
      evolvesFrom: 'bulbasaur',
      evolution: { trigger: 'level', level: 16 },
    })
    expect(speciesBySlug.get('raichu')).toMatchObject({
      evolvesFrom: 'pikachu',
      evolution: { trigger: 'stone', item: 'thunder-stone' },
    })
    expect(speciesBySlug.get('gengar')).toMatchObject({
      evolvesFrom: 'haunter',
      evolution: { trigger: 'trade' },
    })
    expect(speciesBySlug.get('pikachu')?.evolvesFrom).toBeUndefined() // no Pichu in Let's Go
    expect(speciesBySlug.get('snorlax')?.evolvesFrom).toBeUndefined() // no Munchlax
    expect(species.filter((record) => record.evolvesFrom !== undefined)).toHaveLength(72)
  })
})

describe('extractShowdown: moves', () => {
  test('Zippy Zap: 50 BP, +2 priority, always crits, 15 PP, no secondary effect', () => {
    expect(moveBySlug.get('zippy-zap')).toMatchObject({
      power: 50,
      priority: 2,
      alwaysCrit: true,
      pp: 15,
      accuracy: 100,
      category: 'physical',
      type: 'electric',
      effectClass: 'priority',
    })
    expect(moveBySlug.get('zippy-zap')?.secondary).toBeUndefined()
  })

  test("Let's Go values: Absorb 40, Mega Drain 75, Solar Beam 200, Sky Attack 200, Teleport -6", () => {
    expect(moveBySlug.get('absorb')).toMatchObject({ power: 40, pp: 15, drain: 0.5, effectClass: 'drain' })
    expect(moveBySlug.get('mega-drain')?.power).toBe(75)
    expect(moveBySlug.get('solar-beam')).toMatchObject({ power: 200, effectClass: 'two-turn' })
    expect(moveBySlug.get('sky-attack')).toMatchObject({ power: 200, critRatio: 2 })
    expect(moveBySlug.get('teleport')?.priority).toBe(-6)
  })

  test('partner moves are 90 BP; Pika Papow and Veevee Volley are variable-power with no fixed power', () => {
    for (const slug of [
      'bouncy-bubble',
      'buzzy-buzz',
      'sizzly-slide',
      'glitzy-glow',
      'baddy-bad',
      'sappy-seed',
    ]) {
      expect(moveBySlug.get(slug)?.power).toBe(90)
    }
    for (const slug of ['pika-papow', 'veevee-volley']) {
      const move = moveBySlug.get(slug)
      expect(move).toMatchObject({ power: null, accuracy: null, effectClass: 'variable-power' })
      expect(extract.warnings.some((w) => w.startsWith(`moves.${move?.showdownId}: kept although`))).toBe(
        true,
      )
    }
  })

  test('slugs, accuracy null when it never misses, shares and hit counts', () => {
    for (const slug of [
      'double-edge',
      'self-destruct',
      'u-turn',
      'soft-boiled',
      'will-o-wisp',
      'x-scissor',
    ]) {
      expect(moveBySlug.has(slug)).toBe(true)
    }
    expect(moveBySlug.get('swift')?.accuracy).toBeNull()
    expect(moveBySlug.get('double-edge')?.recoil).toBeCloseTo(0.33)
    expect(moveBySlug.get('take-down')?.recoil).toBe(0.25)
    expect(moveBySlug.get('pin-missile')?.multiHit).toEqual([2, 5])
    expect(moveBySlug.get('double-kick')?.multiHit).toEqual([2, 2])
    expect(moveBySlug.get('growl')).toMatchObject({
      power: null,
      category: 'status',
      effectClass: 'stat-change',
    })
  })

  test('secondary summaries', () => {
    expect(moveBySlug.get('body-slam')?.secondary).toBe('30% chance to paralyze the target')
    expect(moveBySlug.get('psychic')?.secondary).toBe("10% chance to lower the target's Sp. Def by 1")
    expect(moveBySlug.get('superpower')?.secondary).toBe("Lowers the user's Attack and Defense by 1")
    expect(moveBySlug.get('tackle')?.secondary).toBeUndefined()
    expect(moveBySlug.get('thunder-wave')?.secondary).toBeUndefined()
  })

  test('every move has a known effect class, an English name and description', () => {
    for (const move of moves) {
      expect(EFFECT_CLASSES).toContain(move.effectClass)
      expect(move.names.en?.length).toBeGreaterThan(0)
      expect(move.descriptions.en?.length).toBeGreaterThan(0)
    }
  })
})

describe('extractShowdown: learnsets', () => {
  test('a move learned at two levels keeps both entries (Ivysaur: Leech Seed at start and at 9)', () => {
    const leechSeed = learnsets.filter((e) => e.pokemon === 'ivysaur' && e.move === 'leech-seed')
    expect(leechSeed).toEqual([
      { pokemon: 'ivysaur', move: 'leech-seed', method: 'start', level: 0 },
      { pokemon: 'ivysaur', move: 'leech-seed', method: 'level-up', level: 9 },
    ])
  })

  test('every entry names an extracted form and move', () => {
    for (const entry of learnsets) {
      expect(pokemonBySlug.has(entry.pokemon)).toBe(true)
      expect(moveBySlug.has(entry.move)).toBe(true)
    }
  })

  test('partner moves are tutor moves of the partner forms only', () => {
    const zippyZap = learnsets.filter((e) => e.move === 'zippy-zap')
    expect(zippyZap).toEqual([
      { pokemon: 'pikachu-starter', move: 'zippy-zap', method: 'tutor', level: null },
    ])
    expect(learnsets.filter((e) => e.method === 'tutor')).toHaveLength(13)
  })

  test('Megas have no learnset here, and that is reported', () => {
    expect(learnsets.some((e) => e.pokemon.includes('-mega'))).toBe(false)
    expect(extract.warnings.some((w) => w.includes('no learnset of their own for venusaurmega'))).toBe(true)
  })

  test('event codes are counted; Celebrate is event-only', () => {
    expect(extract.warnings).toContain('learnsets: 90 event source codes (7S) ignored')
    expect(learnsets.some((e) => e.move === 'celebrate')).toBe(false)
    expect(moveBySlug.has('celebrate')).toBe(true)
  })
})
