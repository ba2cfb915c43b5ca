import { describe, expect, test } from 'bun:test'
import type { Pokemon } from '@pkmn/sim'
import { createLgpeEngine } from './engine.ts'
import { BattleError } from './errors.ts'
import { bestPolicy, fixedPolicy, type MovePolicy, randomPolicy } from './policies.ts'
import { createPrng } from './prng.ts'
import { createBattle } from './run.ts'
import { buildBattleSet } from './sets.ts'

const engine = createLgpeEngine()

function duel(a: [string, string[]], b: [string, string[]]): [Pokemon, Pokemon] {
  const [setA, setB] = [a, b].map(([species, moves]) => buildBattleSet(engine, { species, moves }))
  if (!setA || !setB) throw new Error('no sets')
  const battle = createBattle(engine, setA, setB, [1, 2, 3, 4])
  const [self, foe] = [battle.p1.active[0], battle.p2.active[0]]
  if (!self || !foe) throw new Error('no active Pokémon')
  return [self, foe]
}

function choice(policy: MovePolicy, self: Pokemon, foe: Pokemon, seed = 1): string | undefined {
  const index = policy.start({ dex: engine.dex, self, foe, random: createPrng([seed, 0, 0, 0]) })(self, foe)
  return self.moveSlots[index]?.id
}

describe('bestPolicy', () => {
  test('takes the super-effective STAB move over a stronger-looking neutral one', () => {
    const [pikachu, gyarados] = duel(['Pikachu', ['slam', 'thundershock']], ['Gyarados', ['tackle']])
    expect(choice(bestPolicy(), pikachu, gyarados)).toBe('thundershock')
  })

  test('never picks a move the foe is immune to, and skips moves without PP', () => {
    const [rattata, gengar] = duel(['Rattata', ['hyperfang', 'bite']], ['Gengar', ['lick']])
    expect(choice(bestPolicy(), rattata, gengar)).toBe('bite')
    const [pikachu, squirtle] = duel(['Pikachu', ['thunderbolt', 'thundershock']], ['Squirtle', ['tackle']])
    expect(choice(bestPolicy(), pikachu, squirtle)).toBe('thunderbolt')
    const thunderbolt = pikachu.moveSlots[0]
    if (thunderbolt) thunderbolt.pp = 0
    expect(choice(bestPolicy(), pikachu, squirtle)).toBe('thundershock')
  })

  test('prefers Seismic Toss (level = 50 HP) to the weak Pound of a low-Attack user', () => {
    const [chansey, snorlax] = duel(['Chansey', ['pound', 'seismictoss']], ['Snorlax', ['tackle']])
    expect(choice(bestPolicy(), chansey, snorlax)).toBe('seismictoss')
  })

  test('takes a sure priority KO when the foe is faster', () => {
    // Aerodactyl outspeeds Partner Pikachu; at 10 HP, Zippy Zap's minimum roll KOs it.
    const [pikachu, aerodactyl] = duel(
      ['pikachustarter', ['thunderbolt', 'zippyzap']],
      ['Aerodactyl', ['rockslide']],
    )
    expect(choice(bestPolicy(), pikachu, aerodactyl)).toBe('thunderbolt')
    aerodactyl.hp = 10
    expect(choice(bestPolicy(), pikachu, aerodactyl)).toBe('zippyzap')
  })

  test('keeps the greedy move against a slower foe that cannot KO, takes priority when it can', () => {
    // Cloyster: slow, and its Defence is far above its Special Defence, so Thunderbolt is the greedy pick.
    const [pikachu, cloyster] = duel(
      ['pikachustarter', ['thunderbolt', 'zippyzap']],
      ['Cloyster', ['tackle']],
    )
    cloyster.hp = 10
    expect(choice(bestPolicy(), pikachu, cloyster)).toBe('thunderbolt')
    pikachu.hp = 1
    expect(choice(bestPolicy(), pikachu, cloyster)).toBe('zippyzap')
  })
})

describe('randomPolicy', () => {
  test('draws uniformly over the damaging moves only, reproducibly', () => {
    const [pikachu, squirtle] = duel(
      ['Pikachu', ['growl', 'thunderbolt', 'thunderwave', 'quickattack']],
      ['Squirtle', ['tackle']],
    )
    const draws = (seed: number) => {
      const choose = randomPolicy().start({
        dex: engine.dex,
        self: pikachu,
        foe: squirtle,
        random: createPrng([seed, 1, 2, 3]),
      })
      return Array.from({ length: 2000 }, () => pikachu.moveSlots[choose(pikachu, squirtle)]?.id)
    }
    const picks = draws(5)
    const thunderbolts = picks.filter((id) => id === 'thunderbolt').length
    expect([...new Set(picks.map(String))].sort()).toEqual(['quickattack', 'thunderbolt'])
    expect(thunderbolts).toBeGreaterThan(900)
    expect(thunderbolts).toBeLessThan(1100)
    expect(draws(5)).toEqual(picks)
    expect(draws(6)).not.toEqual(picks)
  })

  test('can draw from a PRNG the caller passes in', () => {
    const [pikachu, squirtle] = duel(['Pikachu', ['thunderbolt', 'quickattack']], ['Squirtle', ['tackle']])
    const sequence = (seed: number) => {
      const policy = randomPolicy({ random: createPrng([seed, 0, 0, 9]) })
      // A different context PRNG each time: only the caller's PRNG may matter.
      const choose = policy.start({ dex: engine.dex, self: pikachu, foe: squirtle, random: Math.random })
      return Array.from({ length: 50 }, () => choose(pikachu, squirtle))
    }
    expect(sequence(3)).toEqual(sequence(3))
    expect(sequence(3)).not.toEqual(sequence(4))
  })

  test('falls back to any usable move when none is damaging', () => {
    const [pikachu, squirtle] = duel(['Pikachu', ['growl', 'thunderwave']], ['Squirtle', ['tackle']])
    expect(['growl', 'thunderwave']).toContain(choice(randomPolicy(), pikachu, squirtle) ?? '')
  })
})

describe('fixedPolicy', () => {
  test('always returns its move while it has PP, then the first usable move', () => {
    const [pikachu, squirtle] = duel(['Pikachu', ['thunderbolt', 'quickattack']], ['Squirtle', ['tackle']])
    expect(choice(fixedPolicy('quickattack'), pikachu, squirtle)).toBe('quickattack')
    expect(choice(fixedPolicy('Quick Attack'), pikachu, squirtle)).toBe('quickattack')
    const quickAttack = pikachu.moveSlots[1]
    if (quickAttack) quickAttack.pp = 0
    expect(choice(fixedPolicy('quickattack'), pikachu, squirtle)).toBe('thunderbolt')
  })

  test('refuses a move the Pokémon does not know', () => {
    const [pikachu, squirtle] = duel(['Pikachu', ['thunderbolt']], ['Squirtle', ['tackle']])
    expect(() => choice(fixedPolicy('surf'), pikachu, squirtle)).toThrow(BattleError)
  })
})
