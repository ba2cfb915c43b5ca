import { beforeAll, describe, expect, test } from 'bun:test'
import { loadedRosterIndex } from '../../../testing/ml/roster-index.ts'
import { createLgpeEngine } from '../battle/engine.ts'
import { type Arsenal, createArsenal } from './fighters.ts'
import { auxOf, nextAux } from './race-aux.ts'

let arsenal: Arsenal
beforeAll(async () => {
  arsenal = createArsenal(await loadedRosterIndex(), createLgpeEngine().dex)
})

/** The aux effect of `a` using `move` on `b` (b answers with Tackle). */
function auxFor(a: string, move: string, b: string) {
  const own = arsenal.attack(a, move, b)
  const foe = arsenal.attack(b, 'tackle', a)
  return auxOf(arsenal.fighter(own, foe), arsenal.fighter(foe, own))
}

describe('auxiliary effects of a race', () => {
  test('each move’s side effect is followed with the states it needs', () => {
    expect(auxFor('snorlax', 'hyper-beam', 'rattata')).toMatchObject({ kind: 'recharge', size: 2 })
    expect(auxFor('arbok', 'wrap', 'rattata')).toMatchObject({ kind: 'trap', size: 6 })
    expect(auxFor('machamp', 'superpower', 'rattata')).toMatchObject({ kind: 'drops', size: 7 })
    expect(auxFor('grimer', 'toxic', 'rattata')).toMatchObject({ kind: 'tox', size: 16, chance: 1 })
    expect(auxFor('bulbasaur', 'leech-seed', 'rattata')).toMatchObject({ kind: 'seed', size: 2 })
    expect(auxFor('rattata', 'tackle', 'pidgey')).toMatchObject({ kind: 'none', size: 1, chance: 0 })
  })

  test('immunities remove the effect: no poison on a Poison type, no seed on a Grass type', () => {
    expect(auxFor('grimer', 'toxic', 'ekans').kind).toBe('none')
    expect(auxFor('bulbasaur', 'leech-seed', 'oddish').kind).toBe('none')
  })

  test('a hit moves the aux state: a status lands with its chance once, a trap starts for 4 or 5 turns', () => {
    const burn = { kind: 'brn', size: 2, chance: 0.1 } as const
    expect(nextAux(burn, 0)).toEqual([1, 0.1, 0, 0.9])
    expect(nextAux(burn, 1)).toEqual([1, 1, 0, 0])
    expect(nextAux({ kind: 'trap', size: 6, chance: 1 }, 0)).toEqual([4, 0.5, 5, 0.5])
    expect(nextAux({ kind: 'drops', size: 7, chance: 1 }, 6)).toEqual([6, 1, 0, 0])
  })
})
