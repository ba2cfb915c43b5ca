import { describe, expect, test } from 'bun:test'
import type { Battle, Pokemon } from '@pkmn/sim'
import { createLgpeEngine } from '../battle/engine.ts'
import { createPrng } from '../battle/prng.ts'
import { createBattle } from '../battle/run.ts'
import { createBattlerFactory } from './battler.ts'
import { confusionRolls, hitChance, hitRolls, modify } from './damage.ts'
import { hitInput } from './hit-input.ts'
import { createTypeOracle } from './type-oracle.ts'

const engine = createLgpeEngine()
const types = createTypeOracle(engine.dex)
const factory = createBattlerFactory(engine)
const legal = factory.legal

/** Forces the engine's next random draws: `random(16)` → the roll, `randomChance` → the crit. */
function rig(battle: Battle, roll: number, crit: boolean): void {
  ;(battle as unknown as { prng: unknown }).prng = {
    random: () => roll,
    randomChance: () => crit,
    sample: <T>(items: T[]) => items[0],
    shuffle: () => {},
  }
}

function engineRolls(battle: Battle, attacker: Pokemon, target: Pokemon, moveId: string, crit: boolean) {
  const rolls: number[] = []
  for (let roll = 0; roll < 16; roll++) {
    rig(battle, roll, crit)
    const move = battle.dex.getActiveMove(moveId)
    battle.setActiveMove(move, attacker, target)
    rolls.push(battle.actions.getDamage(attacker, target, move, true) as number)
  }
  return rolls
}

const ORDINARY = (id: string) => {
  const move = engine.dex.moves.get(id)
  return (
    move.category !== 'Status' &&
    !move.damage &&
    !move.ohko &&
    !move.damageCallback &&
    !['bide', 'counter', 'mirrorcoat'].includes(move.id)
  )
}

describe('hitRolls equals the engine getDamage, roll for roll', () => {
  test('400 random attacker / target / move / stages / burn / screen / crit cases', () => {
    const random = createPrng([7, 7, 7, 7])
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
    // 30 forms keep the validator's cost low; moves, stages and pairings still vary freely.
    const species = [...engine.legalSpecies].filter((_, i) => i % 4 === 0)
    let compared = 0
    const mismatches: string[] = []
    while (compared < 400) {
      const a = pick(species)
      const b = pick(species)
      const moves = legal.of(a).filter(ORDINARY)
      if (moves.length === 0) continue
      const moveId = pick(moves)
      const attacker = factory.battler(a, moveId)
      const target = factory.battler(b, pick(legal.of(b)))
      const battle = createBattle(engine, attacker.set, target.set, [1, 2, 3, 4])
      const pa = battle.p1.active[0]!
      const pb = battle.p2.active[0]!
      if (!engine.dex.getImmunity(engine.dex.moves.get(moveId).type, pb.getTypes())) continue
      const stage = () => Math.floor(random() * 13) - 6
      const physical = engine.dex.moves.get(moveId).category === 'Physical'
      const attackStat = physical ? 'atk' : 'spa'
      const defenseStat = physical ? 'def' : 'spd'
      const situation = {
        attackBoost: random() < 0.5 ? 0 : stage(),
        defenseBoost: random() < 0.5 ? 0 : stage(),
        burned: random() < 0.2,
        facadeBoosted: false,
        screened: random() < 0.2,
        doubled: false,
        attackerTypes: pa.getTypes(),
        targetTypes: pb.getTypes(),
      }
      const offensive = engine.dex.moves.get(moveId).overrideOffensivePokemon === 'target' ? pb : pa
      offensive.boosts[attackStat] = situation.attackBoost
      pb.boosts[defenseStat] = situation.defenseBoost
      if (situation.burned) {
        pa.status = 'brn' as never
        situation.facadeBoosted = true
      }
      if (situation.screened) battle.p2.addSideCondition(physical ? 'reflect' : 'lightscreen', pa)
      for (const crit of [false, true]) {
        const expected = engineRolls(battle, pa, pb, moveId, crit)
        const actual = hitRolls(hitInput(types, attacker.move, attacker, target, situation), crit)
        if (JSON.stringify(expected) !== JSON.stringify(actual)) {
          mismatches.push(
            `${a} ${moveId} → ${b} crit=${crit} ${JSON.stringify(situation)}: engine ${expected} ours ${actual}`,
          )
        }
      }
      compared++
    }
    expect(mismatches.slice(0, 5)).toEqual([])
  })

  test('Earthquake on a Pokémon underground, Stomp on a minimized one: doubled like the engine', () => {
    for (const [user, move, targetSpecies, volatile] of [
      ['dugtrio', 'earthquake', 'sandslash', 'dig'],
      ['snorlax', 'bodyslam', 'chansey', 'minimize'],
    ] as const) {
      const attacker = factory.battler(user, move)
      const target = factory.battler(targetSpecies, legal.of(targetSpecies)[0]!)
      const battle = createBattle(engine, attacker.set, target.set, [1, 2, 3, 4])
      const pa = battle.p1.active[0]!
      const pb = battle.p2.active[0]!
      pb.addVolatile(volatile)
      const situation = {
        attackBoost: 0,
        defenseBoost: 0,
        burned: false,
        facadeBoosted: false,
        screened: false,
        doubled: true,
        attackerTypes: pa.getTypes(),
        targetTypes: pb.getTypes(),
      }
      expect(hitRolls(hitInput(types, attacker.move, attacker, target, situation), false)).toEqual(
        engineRolls(battle, pa, pb, move, false),
      )
    }
  })
})

describe('confusion, accuracy, rounding', () => {
  test('confusion self-hit rolls equal getConfusionDamage', () => {
    const self = factory.battler('machamp', 'karatechop')
    const battle = createBattle(engine, self.set, self.set, [1, 2, 3, 4])
    const pokemon = battle.p1.active[0]!
    pokemon.boosts.atk = 2
    pokemon.boosts.def = -1
    const expected: number[] = []
    for (let roll = 0; roll < 16; roll++) {
      rig(battle, roll, false)
      expected.push(battle.actions.getConfusionDamage(pokemon, 40))
    }
    expect(confusionRolls(50, self.stats.atk, 2, self.stats.def, -1)).toEqual(expected)
  })

  test('hit chance with stages truncates like hitStepAccuracy', () => {
    expect(hitChance(true, -6)).toBe(1)
    expect(hitChance(100, -1)).toBe(0.75)
    expect(hitChance(70, 1)).toBe(0.93)
    expect(hitChance(85, -2)).toBe(0.51)
    expect(hitChance(90, 6)).toBe(1)
  })

  test('modify rounds half down on the 4096 scale', () => {
    expect(modify(101, 1.5)).toBe(151)
    expect(modify(3, 0.5)).toBe(1)
    expect(modify(1, 1.5)).toBe(1)
  })
})
