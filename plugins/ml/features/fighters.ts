import type { ModdedDex, Move } from '@pkmn/sim'
import type { FormStats } from '../solver/battler.ts'
import { confusionRolls } from '../solver/damage.ts'
import { type Dist, uniformOf } from '../solver/dist.ts'
import { basePowerOf } from '../solver/hit-input.ts'
import { createTypeOracle } from '../solver/type-oracle.ts'
import {
  type DamageFacts,
  damageFacts,
  type HitStages,
  NEUTRAL,
  type UseDamage,
  useDamage,
} from './exact-damage.ts'
import { type MoveMechanics, moveMechanics, STATUS_KINDS, type StatusKind } from './move-mechanics.ts'
import type { RaceFighter } from './race-plan.ts'
import type { RosterIndex } from './roster-index.ts'

/** One move used by one form on one target: what the features and the race read about it. */
export interface Attack {
  readonly move: Move
  /** The move's mechanics as they apply to this target (status moves it is immune to do nothing). */
  readonly mech: MoveMechanics
  readonly attacker: FormStats
  readonly target: FormStats
  readonly facts: DamageFacts
  /** Base power against this target (Low Kick by weight; 0 for non-standard damage). */
  readonly power: number
  /** Type multiplier of the move on the target (0 = immune). */
  readonly effectiveness: number
  readonly stab: boolean
  hit(stages: HitStages): UseDamage
  struggle(stages: HitStages): UseDamage
}

/** Builds and caches attacks; one per feature space (a few MB for thousands of triples). */
export interface Arsenal {
  form(slug: string): FormStats
  attack(attacker: string, move: string, target: string): Attack
  fighter(attack: Attack, foe: Attack): RaceFighter
}

const MAX_CACHED = 200_000

/**
 * @example
 * const arsenal = createArsenal(index, engine.dex)
 * arsenal.attack('pikachu', 'thunderbolt', 'squirtle').facts.ko[1] // P(2HKO)
 */
export function createArsenal(index: RosterIndex, dex: ModdedDex): Arsenal {
  const forms = new Map<string, FormStats>()
  const attacks = new Map<string, Attack>()
  const mechanics = new Map<string, MoveMechanics>()
  const types = createTypeOracle(dex)
  const bodies = new Map<
    string,
    { confusion: (attackBoost: number, defenseBoost: number) => Dist; immune: ReadonlySet<StatusKind> }
  >()
  const struggle = dex.moves.get('struggle')

  function form(slug: string): FormStats {
    let stats = forms.get(slug)
    if (stats) return stats
    const row = index.forms.get(slug)
    if (!row?.showdown_id) throw new Error(`unknown Pokémon ${slug}`)
    const species = dex.species.get(row.showdown_id)
    const s = row.data.stats
    stats = {
      species: species.id,
      name: species.name,
      types: [...species.types],
      level: 50,
      maxhp: s.hp,
      stats: { atk: s.atk, def: s.def, spa: s.spa, spd: s.spd, spe: s.spe },
      weightHg: species.weighthg,
    }
    forms.set(slug, stats)
    return stats
  }

  function mechanicsOf(move: Move): MoveMechanics {
    let m = mechanics.get(move.id)
    if (!m) {
      m = moveMechanics(move)
      mechanics.set(move.id, m)
    }
    return m
  }

  function attack(attackerSlug: string, moveSlug: string, targetSlug: string): Attack {
    const key = `${attackerSlug}|${moveSlug}|${targetSlug}`
    const known = attacks.get(key)
    if (known) return known
    const row = index.moves.get(moveSlug)
    if (!row?.showdown_id) throw new Error(`unknown move ${moveSlug}`)
    const move = dex.moves.get(row.showdown_id)
    const attacker = form(attackerSlug)
    const target = form(targetSlug)
    const hits = new Map<string, UseDamage>()
    const cached = (struggling: boolean, stages: HitStages) => {
      const k = `${struggling}|${stages.attackBoost}|${stages.defenseBoost}|${stages.screened}|${stages.burned}|${stages.statused}`
      let use = hits.get(k)
      if (!use) {
        use = useDamage(types, struggling ? struggle : move, attacker, target, stages)
        hits.set(k, use)
      }
      return use
    }
    const effectiveness = types.immune(move.type, target.types)
      ? 0
      : 2 ** types.effectiveness(move.type, target.types)
    let mech = againstTarget(dex, move, mechanicsOf(move), target)
    // a Poison-type user's Toxic never misses (the engine's `onPrepareHit` sets it sure-hit)
    if (move.id === 'toxic' && attacker.types.includes('Poison'))
      mech = { ...mech, accuracy: 1, neverMisses: true }
    const made: Attack = {
      move,
      mech,
      attacker,
      target,
      facts: damageFacts(cached(false, NEUTRAL), target.maxhp),
      power: move.category === 'Status' ? 0 : basePowerOf(move, target),
      effectiveness,
      stab: attacker.types.includes(move.type),
      hit: (stages) => cached(false, stages),
      struggle: (stages) => cached(true, stages),
    }
    if (attacks.size >= MAX_CACHED) attacks.clear()
    attacks.set(key, made)
    return made
  }

  function fighter(own: Attack, foe: Attack): RaceFighter {
    const self = own.attacker
    let body = bodies.get(self.species)
    if (!body) {
      body = {
        confusion: confusionByStages(self.level, self.stats.atk, self.stats.def),
        immune: new Set<StatusKind>(
          STATUS_KINDS.filter((kind) => !dex.getImmunity(kind === 'tox' ? 'psn' : kind, [...self.types])),
        ),
      }
      bodies.set(self.species, body)
    }
    const { confusion, immune } = body
    const hiding = foe.move.id
    // a Rest that never needs to heal fails every turn, and pays PP every turn; a rampage that
    // cannot touch the foe never locks in, and pays PP every turn too
    const paysEveryTurn = (own.mech.rest && !hurts(foe, own)) || (own.mech.rampage && own.facts.noDamage)
    const mech = paysEveryTurn ? { ...own.mech, turnsPerPp: 1 } : own.mech
    const kind = own.mech.reflects
    return {
      mech,
      maxhp: self.maxhp,
      hit: own.hit,
      struggle: own.struggle,
      confusion,
      immune,
      unseedable: self.types.includes('Grass'),
      reachesHidden:
        (hiding === 'dig' && own.move.id === 'earthquake') ||
        (hiding === 'fly' && (own.move.id === 'gust' || own.move.id === 'thunder')),
      reflectsFoe: kind !== null && reflectsFoe(own, foe, kind),
      reflectPerHits: kind === 'any' ? 1 : foe.mech.meanHits,
    }
  }

  return { form, attack, fighter }
}

/** Confusion self-hit damage under the user's own Attack and Defence stages, memoised per pair. */
function confusionByStages(level: number, atk: number, def: number): (a: number, d: number) => Dist {
  const byStages = new Map<number, Dist>()
  return (a, d) => {
    const key = a * 16 + d
    let dist = byStages.get(key)
    if (!dist) {
      dist = uniformOf(confusionRolls(level, atk, a, def, d))
      byStages.set(key, dist)
    }
    return dist
  }
}

/**
 * Counter & co. return the foe's hits: hits of their kind that come before them in the turn (not
 * Dragon Tail's −6 after Counter's −5), or — when the foe's own move deals no damage — the
 * Struggle it is left with once its PP is gone (physical: Bide and Counter return it), unless the
 * move chips HP away (poison, burn, Leech Seed, confusion: not returned). Counter
 * cannot touch a Ghost, Mirror Coat a Dark, and Bide's release neither: the engine releases it as a
 * plain Normal hit (`tryMoveHit`), immunity included, though its storing turns ignore immunity.
 */
function reflectsFoe(own: Attack, foe: Attack, kind: 'physical' | 'special' | 'any'): boolean {
  if (own.effectiveness === 0) return false
  const f = foe.mech
  if (f.reflects !== null) return false
  // the HP lost stands for what is returned: only when the foe's move adds no chip of its own
  const chip = f.status.psn + f.status.tox + f.status.brn > 0 || f.leechSeed || f.confusion > 0
  if (!f.damaging || foe.facts.noDamage) return kind !== 'special' && !chip
  // a trap's damage is mostly its end-of-turn chip, never returned; Bide's storing is broken by a
  // full paralysis, and a poison or burn chip is not stored: against a move that often inflicts
  // them (Lick, Poison Sting: 30 %) it returns too little
  if (f.trapping) return false
  // — when its hits are weak: the chip (1/8 a turn) then outweighs them (Weedle's Poison Sting on
  // Rhydon's Counter); strong hits are returned long before the chip adds up (Sludge Bomb on a
  // Mirror Coat: two turns). A burn's 1/16 a turn overstates little (Scald still lets Bide return)
  const poisons = f.status.psn + f.status.tox >= 0.3 && foe.facts.meanShare < 1 / 8
  if (kind === 'any') return f.status.par < 0.3 && !poisons && f.status.brn <= 0.3
  return !poisons && (kind === 'physical') === f.physical && f.priority >= own.mech.priority
}

/**
 * The foe's move costs a full-HP side HP (so that its Rest has something to heal): a hit that can
 * land on it — not Dream Eater on an awake side, not Sucker Punch on a side that never attacks,
 * not Counter & co. on a side that deals no damage — or chip (poison, burn, Leech Seed). Confusion
 * does not count: its self-hits come a third of the confused turns, and the failed Rests between
 * them pay PP every turn.
 */
function hurts(foe: Attack, own: Attack): boolean {
  const f = foe.mech
  if (f.needsSleepingFoe || f.reflects !== null) return false
  if (f.needsFoeAttack && !own.mech.damaging) return false
  if (!foe.facts.noDamage) return true
  return f.status.psn + f.status.tox + f.status.brn > 0 || f.leechSeed
}

/**
 * The mechanics of a move as they apply to this target: statuses its types are immune to are
 * dropped (paralysis on Electric, poison on Poison and Steel, burn on Fire, freeze on Ice), and a
 * status move that cannot touch it (Thunder Wave on Ground, a powder on Grass, Leech Seed on Grass)
 * loses its effects on the foe, as the engine's immunity step does.
 */
function againstTarget(dex: ModdedDex, move: Move, base: MoveMechanics, target: FormStats): MoveMechanics {
  let mech = base
  const cannot = STATUS_KINDS.filter(
    (k) => mech.status[k] > 0 && !dex.getImmunity(k === 'tox' ? 'psn' : k, [...target.types]),
  )
  if (cannot.length > 0) {
    const status = { ...mech.status }
    for (const k of cannot) status[k] = 0
    mech = { ...mech, status }
  }
  if (move.category !== 'Status' || move.target === 'self') return mech
  const ignores = move.ignoreImmunity === undefined ? true : Boolean(move.ignoreImmunity)
  const typeImmune = !ignores && !dex.getImmunity(move.type, [...target.types])
  const powderImmune = Boolean(move.flags.powder) && !dex.getImmunity('powder', [...target.types])
  if (!typeImmune && !powderImmune) return mech
  const zero = Object.fromEntries(Object.keys(mech.status).map((k) => [k, 0])) as MoveMechanics['status']
  const still = Object.fromEntries(
    Object.keys(mech.foeBoosts).map((k) => [k, 0]),
  ) as MoveMechanics['foeBoosts']
  return { ...mech, status: zero, foeBoosts: still, confusion: 0, leechSeed: false }
}
