/**
 * The extract must agree with the battle engine (`@pkmn/sim` + the Let's Go mod) that labels our
 * battles: same legal forms, same move numbers, and our named lists must match the engine's code.
 */
import { describe, expect, test } from 'bun:test'
import { Dex as SimDex } from '@pkmn/sim'
import { SECONDARY_CORRECTIONS } from './corrections.ts'
import { COUNTER_MOVE_IDS, FIXED_DAMAGE_CALLBACK_IDS } from './effect-class.ts'
import { extractShowdown } from './index.ts'

type Table = Record<string, unknown>
const LGPE: Record<
  'FormatsData' | 'Learnsets' | 'Moves' | 'Species' | 'Scripts',
  Table
> = require('@pkmn/mods/gen7letsgo')

/** Entry-by-entry copies: `Dex.mod` of `@pkmn/sim` writes into the tables it is given. */
function copyTable(table: Table): Table {
  return Object.fromEntries(
    Object.entries(table).map(([k, v]) => [k, v && typeof v === 'object' ? { ...v } : v]),
  )
}

// `Dex.mod` registers the first dex built for a mod id process-wide, and battles look their
// format's mod up there: left registered, this copy (without the engine's Awakening-Value fix)
// would be the dex of every later battle in this test process (it broke the dataset suites when
// this file ran before any engine was built). Unregistered again below when it was the first.
const registeredBefore = 'gen7letsgo' in SimDex.dexes
const engine: any = SimDex.mod(
  'gen7letsgo' as never,
  {
    FormatsData: copyTable(LGPE.FormatsData),
    Learnsets: copyTable(LGPE.Learnsets),
    Moves: copyTable(LGPE.Moves),
    Species: copyTable(LGPE.Species),
    Scripts: LGPE.Scripts,
  } as never,
)
if (!registeredBefore) delete SimDex.dexes.gen7letsgo
const extract = extractShowdown()

describe('extract vs battle engine', () => {
  test('the engine runs the Let’s Go mod', () => {
    expect(engine.currentMod).toBe('gen7letsgo')
  })

  test('the 188 forms are exactly the species the engine considers standard in Let’s Go', () => {
    const engineLegal = engine.species
      .all()
      .filter((species: any) => !species.isNonstandard)
      .map((species: any) => species.id)
      .sort()
    expect(engineLegal).toEqual((extract.pokemon ?? []).map((p) => p.showdownId).sort())
  })

  test('types, base stats, weights and heights match the engine', () => {
    for (const record of extract.pokemon ?? []) {
      const species = engine.species.get(record.showdownId)
      expect(record.types).toEqual(species.types.map((t: string) => t.toLowerCase()))
      expect(record.stats).toEqual(species.baseStats)
      expect(record.weightKg).toBe(species.weightkg)
      expect(record.heightM).toBe(species.heightm)
    }
  })

  test('every move number matches the engine', () => {
    for (const record of extract.moves ?? []) {
      const move = engine.moves.get(record.showdownId)
      const actual = [record.power, record.accuracy, record.pp, record.priority, record.category, record.type]
      const expected = [
        move.basePower || null,
        move.accuracy === true ? null : move.accuracy,
        move.pp,
        move.priority,
        move.category.toLowerCase(),
        move.type.toLowerCase(),
      ]
      expect({ move: record.slug, values: actual }).toEqual({ move: record.slug, values: expected })
      expect(record.alwaysCrit).toBe(move.willCrit === true)
      expect(record.critRatio).toBe(move.critRatio ?? 1)
    }
  })

  test('secondary corrections are what the engine uses', () => {
    for (const [id, correction] of Object.entries(SECONDARY_CORRECTIONS)) {
      expect(engine.moves.get(id).secondaries ?? []).toEqual(correction.secondaries)
    }
  })

  test('moves whose effect lives in engine callbacks are classified by it', () => {
    for (const record of extract.moves ?? []) {
      const move = engine.moves.get(record.showdownId)
      if (move.damageCallback) expect(['counter', 'fixed-damage']).toContain(record.effectClass)
      if (move.basePowerCallback) expect(['variable-power', 'weight-based']).toContain(record.effectClass)
    }
    for (const id of FIXED_DAMAGE_CALLBACK_IDS) expect(engine.moves.get(id).damageCallback).toBeFunction()
    for (const id of COUNTER_MOVE_IDS) {
      const move = engine.moves.get(id)
      expect(Boolean(move.damageCallback) || move.volatileStatus === 'bide').toBe(true)
    }
  })

  test('extracting leaves the shared mod module as it found it', () => {
    const before = [Object.keys(LGPE.FormatsData).length, (LGPE.Moves.absorb as Table).inherit]
    extractShowdown()
    expect([Object.keys(LGPE.FormatsData).length, (LGPE.Moves.absorb as Table).inherit]).toEqual(before)
  })
})
