import { describe, expect, test } from 'bun:test'
import { Dex } from '@pkmn/sim'
import { createLgpeEngine, LGPE_FORMAT_NAME } from './engine.ts'
import { assertLgpeInForce } from './engine-checks.ts'
import { BattleError } from './errors.ts'

const engine = createLgpeEngine()

describe('createLgpeEngine', () => {
  test('runs the gen7letsgo mod with the declared format', () => {
    expect(engine.dex.currentMod).toBe('gen7letsgo')
    expect(engine.format.name).toBe(LGPE_FORMAT_NAME)
    expect(engine.format.mod).toBe('gen7letsgo')
    expect(engine.format.exists).toBe(true)
  })

  test('carries LGPE move data, not Gen 9 data', () => {
    const zippyZap = engine.dex.moves.get('zippyzap')
    expect([zippyZap.basePower, zippyZap.priority, zippyZap.willCrit]).toEqual([50, 2, true])
    expect(engine.dex.moves.get('solarbeam').basePower).toBe(200)
    expect(engine.dex.moves.get('absorb').basePower).toBe(40)
  })

  test('knows exactly the 188 LGPE species and forms', () => {
    expect(engine.legalSpecies.size).toBe(188)
    for (const id of [
      'charizardmegax',
      'mewtwomegay',
      'pikachustarter',
      'eeveestarter',
      'raichualola',
      'meltan',
    ]) {
      expect(engine.legalSpecies.has(id)).toBe(true)
    }
    expect(engine.legalSpecies.has('chikorita')).toBe(false)
    expect(engine.legalSpecies.has('pichu')).toBe(false)
  })

  test('its validator rejects a species that is not in LGPE', () => {
    const chikorita = {
      name: 'Chikorita',
      species: 'Chikorita',
      item: '',
      ability: 'No Ability',
      moves: ['tackle'],
      nature: 'Hardy',
      gender: '',
      level: 50,
      evs: { hp: 0, atk: 0, def: 0, spa: 0, spd: 0, spe: 0 },
      ivs: { hp: 31, atk: 31, def: 31, spa: 31, spd: 31, spe: 31 },
    }
    expect(engine.validator.validateTeam([chikorita])?.join(' ')).toContain('Chikorita')
  })

  test('reports the engine package versions', () => {
    expect(engine.versions['@pkmn/sim']).toMatch(/^\d+\.\d+\.\d+/)
    expect(engine.versions['@pkmn/mods']).toMatch(/^\d+\.\d+\.\d+/)
  })

  test('leaves the shared mod module untouched, so engines can be created again', () => {
    const mod: { FormatsData: object } = require('@pkmn/mods/gen7letsgo')
    expect(Object.keys(mod.FormatsData)).toHaveLength(188)
    const second = createLgpeEngine()
    expect(second.dex).not.toBe(engine.dex)
    expect(second.legalSpecies.size).toBe(188)
  })
})

describe('assertLgpeInForce', () => {
  test('throws a coded error when the dex silently falls back to the default generation', () => {
    const fallback = { ...engine, dex: Dex }
    let caught: unknown
    try {
      assertLgpeInForce(fallback)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(BattleError)
    expect((caught as BattleError).code).toBe('BATTLE_ENGINE_MISMATCH')
    expect((caught as BattleError).message).toContain('gen7letsgo')
  })

  test('passes on a real engine', () => {
    expect(() => assertLgpeInForce(engine)).not.toThrow()
  })
})
