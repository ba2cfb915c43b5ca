import { describe, expect, test } from 'bun:test'
import { createLgpeEngine } from '../battle/engine.ts'
import { createBattle } from '../battle/run.ts'
import { buildBattleSet } from '../battle/sets.ts'
import { createBattlerFactory, createStatsReader, type FormOptions, formReader, statsOf } from './battler.ts'
import { createLegalMoves } from './legal-moves.ts'

const engine = createLgpeEngine()
const legal = createLegalMoves(engine)

/**
 * A fresh set of the form (the engine writes into the sets it fields), and what a whole battle of
 * its own fields for it (how stats were read before the shared host).
 */
function fieldedAlone(options: FormOptions & { species: string }) {
  const first = legal.of(engine.dex.species.get(options.species).id)[0]
  const setOf = () => buildBattleSet(engine, { ...options, moves: first ? [first] : [] })
  const own = setOf()
  return { set: setOf(), alone: statsOf(createBattle(engine, own, own, [1, 2, 3, 4]).p1.active[0]!) }
}

describe('reading a form’s stats on one host battle', () => {
  test('every LGPE form gets the stats, types, HP and weight a battle of its own fields', () => {
    const read = createStatsReader(engine)
    const species = [...engine.legalSpecies]
    expect(species.length).toBeGreaterThanOrEqual(150)
    for (const id of species) {
      const { set, alone } = fieldedAlone({ species: id })
      expect({ id, ...read(set) }).toEqual({ id, ...alone })
    }
  })

  test('levels, natures, IVs and Awakening Values are read as the engine applies them', () => {
    const read = createStatsReader(engine)
    const variants: (FormOptions & { species: string })[] = [
      { species: 'pikachu', level: 30 },
      { species: 'charizardmegax', nature: 'Adamant', avs: { atk: 200, spe: 200 } },
      { species: 'mewtwo', ivs: { hp: 0, spa: 0 }, level: 100 },
      { species: 'snorlax', nature: 'Timid', avs: { hp: 200 } },
    ]
    for (const variant of variants) {
      const { set, alone } = fieldedAlone(variant)
      expect(read(set)).toEqual(alone)
    }
    // the values differ from the defaults: the options are not lost on the shared host
    const factory = createBattlerFactory(engine, legal)
    expect(factory.battler('pikachu', 'thunderbolt', { level: 30 }).maxhp).toBeLessThan(
      factory.battler('pikachu', 'thunderbolt').maxhp,
    )
    expect(factory.battler('pikachu', 'thunderbolt').maxhp).toBe(110)
  })
})

describe('reading every form ahead (a served worker, while idle)', () => {
  test('one form at least a step; every form read once, with the stats a request then gets', () => {
    const factory = createBattlerFactory(engine, legal)
    const read: string[] = []
    // the factory as the reader sees it, noting which forms it asks for
    const noting = {
      legal: factory.legal,
      battler: (species: string, move: string) => {
        read.push(species)
        return factory.battler(species, move)
      },
    }
    const reader = formReader(engine, noting)
    let steps = 1
    while (!reader.step(0)) steps++
    expect(steps).toBe(engine.legalSpecies.size)
    expect(reader.step(0)).toBe(true)
    const withMoves = [...engine.legalSpecies].filter((id) => legal.of(id).length > 0)
    expect(read).toEqual(withMoves)
    // what a request reads afterwards is the form as a factory of its own reads it
    const fresh = createBattlerFactory(engine, legal)
    for (const id of ['pikachu', 'charizardmegax', 'raticatealola', 'mewtwo']) {
      const move = legal.of(id)[0]!
      expect(factory.battler(id, move)).toEqual(fresh.battler(id, move))
    }
  })
})
