import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from './engine.ts'
import { BattleError, type BattleErrorCode } from './errors.ts'
import { type BattleFormInput, buildBattleSet } from './sets.ts'

const engine = createLgpeEngine()

function errorOf(input: BattleFormInput): BattleError {
  try {
    buildBattleSet(engine, input)
  } catch (error) {
    if (error instanceof BattleError) return error
    throw error
  }
  throw new Error(`expected ${JSON.stringify(input)} to be rejected`)
}

function expectRejected(input: BattleFormInput, code: BattleErrorCode, ...mentions: string[]) {
  const error = errorOf(input)
  expect(error.code).toBe(code)
  for (const mention of mentions) expect(error.message).toContain(mention)
}

describe('buildBattleSet', () => {
  test('fills the documented defaults: level 50, IVs 31, AVs 0, Hardy, no ability, no item', () => {
    const set = buildBattleSet(engine, { species: 'pikachu', moves: ['Thunderbolt', 'quickattack'] })
    expect(set.species).toBe('Pikachu')
    expect(set.moves).toEqual(['thunderbolt', 'quickattack'])
    expect(set.level).toBe(50)
    expect(set.nature).toBe('Hardy')
    expect(set.ability).toBe('No Ability')
    expect(set.item).toBe('')
    expect(Object.values(set.ivs)).toEqual([31, 31, 31, 31, 31, 31])
    expect(Object.values(set.evs)).toEqual([0, 0, 0, 0, 0, 0])
  })

  test('stores Awakening Values in evs and keeps explicit IVs, nature and level', () => {
    const set = buildBattleSet(engine, {
      species: 'Eevee',
      moves: ['tackle'],
      level: 40,
      ivs: { spe: 0 },
      avs: { hp: 200, atk: 10 },
      nature: 'adamant',
    })
    expect(set.evs).toEqual({ hp: 200, atk: 10, def: 0, spa: 0, spd: 0, spe: 0 })
    expect(set.ivs.spe).toBe(0)
    expect(set.nature).toBe('Adamant')
    expect(set.level).toBe(40)
  })

  test('accepts a Mega form as the species, without an item, and checks moves on the base species', () => {
    const set = buildBattleSet(engine, { species: 'charizardmegax', moves: ['flareblitz', 'dragontail'] })
    expect(set.species).toBe('Charizard-Mega-X')
    expect(set.item).toBe('')
    expectRejected(
      { species: 'Charizard-Mega-X', moves: ['dragonclaw'] },
      'BATTLE_ILLEGAL_MOVE',
      'Dragon Claw',
    )
  })

  test('knows the partner forms’ own moves', () => {
    expect(buildBattleSet(engine, { species: 'pikachustarter', moves: ['zippyzap'] }).moves).toEqual([
      'zippyzap',
    ])
    expectRejected({ species: 'Pikachu', moves: ['zippyzap'] }, 'BATTLE_ILLEGAL_MOVE', 'Pikachu', 'Zippy Zap')
  })

  test('does not change the set while validating it (the engine validator rewrites what it checks)', () => {
    const set = buildBattleSet(engine, { species: 'Mewtwo-Mega-Y', moves: ['psychic'] })
    expect([set.species, set.level]).toEqual(['Mewtwo-Mega-Y', 50])
  })

  test('rejects unknown and non-LGPE species, naming them', () => {
    expectRejected({ species: 'Notamon', moves: ['tackle'] }, 'BATTLE_UNKNOWN_POKEMON', 'Notamon')
    expectRejected({ species: 'Chikorita', moves: ['tackle'] }, 'BATTLE_POKEMON_NOT_IN_LGPE', 'Chikorita')
  })

  test('rejects unknown moves and moves the species cannot learn, naming both', () => {
    expectRejected({ species: 'Pikachu', moves: ['notamove'] }, 'BATTLE_UNKNOWN_MOVE', 'notamove')
    expectRejected(
      { species: 'Magikarp', moves: ['thunderbolt'] },
      'BATTLE_ILLEGAL_MOVE',
      'Magikarp',
      'Thunderbolt',
    )
    expectRejected({ species: 'Pikachu', moves: ['shadowforce'] }, 'BATTLE_ILLEGAL_MOVE', 'Shadow Force')
  })

  test('rejects the friendship moves the engine only knows as non-standard', () => {
    expectRejected(
      { species: 'pikachustarter', moves: ['pikapapow'] },
      'BATTLE_UNSUPPORTED_MOVE',
      'Pika Papow',
    )
    expectRejected(
      { species: 'eeveestarter', moves: ['veeveevolley'] },
      'BATTLE_UNSUPPORTED_MOVE',
      'Veevee Volley',
    )
  })

  test('rejects malformed sets with BATTLE_INVALID_SET', () => {
    const cases: BattleFormInput[] = [
      { species: 'Pikachu', moves: [] },
      { species: 'Pikachu', moves: ['tackle', 'growl', 'thunderbolt', 'thundershock', 'quickattack'] },
      { species: 'Pikachu', moves: ['thunderbolt', 'Thunderbolt'] },
      { species: 'Pikachu', moves: ['thunderbolt'], avs: { spe: 201 } },
      { species: 'Pikachu', moves: ['thunderbolt'], ivs: { hp: 32 } },
      { species: 'Pikachu', moves: ['thunderbolt'], ivs: { hp: 1.5 } },
      { species: 'Pikachu', moves: ['thunderbolt'], nature: 'Grumpy' },
      { species: 'Pikachu', moves: ['thunderbolt'], level: 0 },
      // The partners are gift Pokémon with perfect IVs: the engine's own event check catches this.
      { species: 'Eevee-Starter', moves: ['sizzlyslide'], ivs: { spe: 0 } },
    ]
    for (const input of cases) expect(errorOf(input).code).toBe('BATTLE_INVALID_SET')
  })
})
