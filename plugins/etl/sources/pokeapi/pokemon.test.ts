import { describe, expect, test } from 'bun:test'
import { readFixtures } from '../../../../testing/etl/pokeapi-fixtures.ts'
import { FieldError } from './loader.ts'
import { toLgpeLearnset, toPokemonRecord } from './pokemon.ts'
import { PokemonJson } from './schemas.ts'

const fixtures = readFixtures()
const pokemon = (name: string) => PokemonJson.parse(JSON.parse(fixtures.get(`pokemon/${name}`)!))
const known = new Set(['thunder-shock', 'growl', 'thunderbolt', 'psychic', 'zippy-zap'])
const slugOf = (name: string) => (known.has(name) ? name : undefined)

describe('toPokemonRecord', () => {
  test('Alolan Raichu: metres, kilograms, types in slot order, stats, three sprites', () => {
    expect(toPokemonRecord(pokemon('raichu-alola'), { slug: 'raichu-alola', form: 'alola' })).toEqual({
      slug: 'raichu-alola',
      species: 'raichu',
      form: 'alola',
      names: {},
      types: ['electric', 'psychic'],
      stats: { hp: 60, atk: 85, def: 50, spa: 95, spd: 85, spe: 110 },
      heightM: 0.7,
      weightKg: 21,
      sprites: {
        front: 'https://raw.githubusercontent.com/PokeAPI/sprites/master/sprites/pokemon/10100.png',
        shiny: 'https://raw.githubusercontent.com/PokeAPI/sprites/master/sprites/pokemon/shiny/10100.png',
        artwork:
          'https://raw.githubusercontent.com/PokeAPI/sprites/master/sprites/pokemon/other/official-artwork/10100.png',
      },
    })
  })

  test('Partner Pikachu: its own stats, and only the sprites PokéAPI has (no null URLs)', () => {
    const record = toPokemonRecord(pokemon('pikachu-starter'), { slug: 'pikachu-starter', form: 'partner' })
    expect(record.stats).toEqual({ hp: 45, atk: 80, def: 50, spa: 75, spd: 60, spe: 120 })
    expect(record.sprites).toEqual({
      front: 'https://raw.githubusercontent.com/PokeAPI/sprites/master/sprites/pokemon/10158.png',
    })
    expect(record.species).toBe('pikachu')
    expect([record.heightM, record.weightKg]).toEqual([0.4, 6])
  })

  test('an unknown type or a missing stat is a FieldError naming the field', () => {
    const json = pokemon('pikachu')
    const badType = { ...json, types: [{ slot: 1, type: { name: 'shadow', url: '' } }] }
    expect(() => toPokemonRecord(badType, { slug: 'pikachu', form: 'base' })).toThrow(FieldError)
    const noSpeed = { ...json, stats: json.stats.slice(0, 5) }
    const error = (() => {
      try {
        toPokemonRecord(noSpeed, { slug: 'pikachu', form: 'base' })
      } catch (e) {
        return e as FieldError
      }
    })()
    expect(error?.field).toBe('stats')
  })
})

describe('toLgpeLearnset', () => {
  test('keeps version group 19 only (also under its old name), maps level 1 to start', () => {
    const learnset = toLgpeLearnset(pokemon('pikachu'), 'pikachu', slugOf)
    expect(learnset.entries).toEqual([
      { pokemon: 'pikachu', move: 'thunder-shock', method: 'start', level: 0 },
      { pokemon: 'pikachu', move: 'growl', method: 'start', level: 0 }, // listed under "lets-go"
      { pokemon: 'pikachu', move: 'thunderbolt', method: 'level-up', level: 21 },
      { pokemon: 'pikachu', move: 'thunderbolt', method: 'tm', level: null },
    ])
    // tail-whip is LGPE but not in the base; the Sun/Moon egg move is simply not LGPE
    expect(learnset.unknownMoves).toEqual(['tail-whip'])
    expect(learnset.unknownMethods).toEqual([])
  })

  test('level 0 is "on evolution" and level 1 "start": Alolan Raichu keeps both, plus the TM', () => {
    const entries = toLgpeLearnset(pokemon('raichu-alola'), 'raichu-alola', slugOf).entries
    expect(entries.filter((entry) => entry.move === 'psychic')).toEqual([
      { pokemon: 'raichu-alola', move: 'psychic', method: 'evolution', level: null },
      { pokemon: 'raichu-alola', move: 'psychic', method: 'start', level: 0 },
      { pokemon: 'raichu-alola', move: 'psychic', method: 'tm', level: null },
    ])
  })

  test('partner moves are tutor moves', () => {
    const entries = toLgpeLearnset(pokemon('pikachu-starter'), 'pikachu-starter', slugOf).entries
    expect(entries).toContainEqual({
      pokemon: 'pikachu-starter',
      move: 'zippy-zap',
      method: 'tutor',
      level: null,
    })
  })

  test('a move learned at several levels keeps one entry per level', () => {
    const detail = (level: number) => ({
      level_learned_at: level,
      move_learn_method: { name: 'level-up', url: '' },
      version_group: {
        name: 'lets-go-pikachu-lets-go-eevee',
        url: 'https://pokeapi.co/api/v2/version-group/19/',
      },
    })
    const json = {
      ...pokemon('pikachu'),
      moves: [
        {
          move: { name: 'growl', url: '' },
          version_group_details: [detail(1), detail(9), detail(9), detail(20)],
        },
      ],
    }
    expect(toLgpeLearnset(json, 'ivysaur', slugOf).entries.map((e) => [e.method, e.level])).toEqual([
      ['start', 0],
      ['level-up', 9],
      ['level-up', 20],
    ])
  })
})
