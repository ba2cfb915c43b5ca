import { describe, expect, test } from 'bun:test'
import type { Pokemon } from '@pkmn/sim'
import { createLgpeEngine } from './engine.ts'
import { compileMovePlan, damageRoll, expectedDamage } from './move-value.ts'
import { fixedPolicy } from './policies.ts'
import { createBattle, runBattle } from './run.ts'
import { buildBattleSet } from './sets.ts'

const engine = createLgpeEngine()
const set = (species: string, moves: string[]) => buildBattleSet(engine, { species, moves })

function duel(a: [string, string[]], b: [string, string[]]): [Pokemon, Pokemon] {
  const battle = createBattle(engine, set(...a), set(...b), [1, 2, 3, 4])
  const [self, foe] = [battle.p1.active[0], battle.p2.active[0]]
  if (!self || !foe) throw new Error('no active Pokémon')
  return [self, foe]
}

const value = (moveId: string, self: Pokemon, foe: Pokemon) =>
  expectedDamage(compileMovePlan(engine.dex, moveId, self, foe), self, foe, true)

/** First-hit damage of A's move on B over many seeds, split by crit, read from the engine's log. */
function observedFirstHits(a: [string, string[]], b: [string, string[]], battles: number) {
  const [setA, setB] = [set(...a), set(...b)]
  const moveName = engine.dex.moves.get(a[1][0] ?? '').name
  const hits: { damage: number; crit: boolean }[] = []
  for (let seed = 0; seed < battles; seed++) {
    const { log = [] } = runBattle(
      engine,
      setA,
      setB,
      fixedPolicy(a[1][0] ?? ''),
      fixedPolicy(b[1][0] ?? ''),
      [seed, seed >> 8, 7, 7],
      { keepLog: true },
    )
    const at = log.findIndex((line) => line.startsWith(`|move|p1a: `) && line.includes(`|${moveName}|`))
    const damageLine = log.slice(at).find((line) => line.startsWith('|-damage|p2a'))
    if (at < 0 || !damageLine) continue
    const [hp, maxHp] = (damageLine.split('|')[3] ?? '').split(' ')[0]?.split('/').map(Number) ?? []
    const before = Number(maxHp ?? hp)
    hits.push({
      damage: before - (hp ?? 0),
      crit: log.slice(at, log.indexOf(damageLine)).some((line) => line.startsWith('|-crit')),
    })
  }
  return hits
}

describe('damageRoll', () => {
  test('brackets the engine’s non-crit damage and reaches both ends of the roll', () => {
    const a: [string, string[]] = ['Pikachu', ['thunderbolt']]
    const b: [string, string[]] = ['Squirtle', ['tackle']]
    const [self, foe] = duel(a, b)
    const plan = compileMovePlan(engine.dex, 'thunderbolt', self, foe)
    const [min, max] = [damageRoll(plan, self, foe, 'min'), damageRoll(plan, self, foe, 'max')]
    const damages = observedFirstHits(a, b, 250)
      .filter((hit) => !hit.crit)
      .map((hit) => hit.damage)
    expect(damages.length).toBeGreaterThan(150)
    expect(Math.min(...damages)).toBe(min)
    expect(Math.max(...damages)).toBe(max)
  })

  test('includes the crit of an always-crit move (Zippy Zap)', () => {
    const a: [string, string[]] = ['pikachustarter', ['zippyzap']]
    const b: [string, string[]] = ['Snorlax', ['tackle']]
    const [self, foe] = duel(a, b)
    const plan = compileMovePlan(engine.dex, 'zippyzap', self, foe)
    const damages = observedFirstHits(a, b, 120).map((hit) => hit.damage)
    expect(Math.min(...damages)).toBe(damageRoll(plan, self, foe, 'min'))
    expect(Math.max(...damages)).toBe(damageRoll(plan, self, foe, 'max'))
  })
})

describe('expectedDamage', () => {
  test('values fixed-damage moves by their damage, and 0 against an immune type', () => {
    const [machamp, snorlax] = duel(['Machamp', ['seismictoss']], ['Snorlax', ['tackle']])
    expect(value('seismictoss', machamp, snorlax)).toBe(50)
    const [, gengar] = duel(['Machamp', ['seismictoss']], ['Gengar', ['lick']])
    expect(value('seismictoss', machamp, gengar)).toBe(0)
    const [dragonite, pidgey] = duel(['Dragonite', ['dragonrage']], ['Pidgey', ['tackle']])
    expect(value('dragonrage', dragonite, pidgey)).toBe(40)
    const [magnemite, rattata] = duel(['Magnemite', ['sonicboom']], ['Rattata', ['tackle']])
    expect(value('sonicboom', magnemite, rattata)).toBeCloseTo(18) // 20 × 90 %
    const [raticate, onix] = duel(['Raticate', ['superfang']], ['Onix', ['tackle']])
    expect(value('superfang', raticate, onix)).toBeCloseTo(Math.floor(onix.hp / 2) * 0.9)
  })

  test('values status, reactive and self-KO moves at 0', () => {
    const [machamp, snorlax] = duel(['Machamp', ['bulkup', 'counter']], ['Snorlax', ['selfdestruct']])
    expect(value('bulkup', machamp, snorlax)).toBe(0)
    expect(value('counter', machamp, snorlax)).toBe(0)
    expect(value('selfdestruct', snorlax, machamp)).toBe(0)
  })

  test('counts a charge move per turn spent: Solar Beam 200 is worth a 100-power move', () => {
    const [venusaur, snorlax] = duel(['Venusaur', ['solarbeam', 'megadrain']], ['Snorlax', ['tackle']])
    expect(value('solarbeam', venusaur, snorlax) / value('megadrain', venusaur, snorlax)).toBeCloseTo(
      100 / 75,
      9,
    )
  })

  test('follows live stat stages', () => {
    const [pikachu, squirtle] = duel(['Pikachu', ['thunderbolt']], ['Squirtle', ['tackle']])
    const before = value('thunderbolt', pikachu, squirtle)
    pikachu.boosts.spa = 2
    expect(value('thunderbolt', pikachu, squirtle) / before).toBeCloseTo(2, 9)
  })
})
