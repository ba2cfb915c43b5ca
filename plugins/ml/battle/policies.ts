import type { ModdedDex, Pokemon } from '@pkmn/sim'
import { toID } from '@pkmn/sim'
import { BattleError } from './errors.ts'
import type { MovePlan } from './move-value.ts'
import { canWork, compileMovePlan, damageRoll, effectiveSpeed, expectedDamage } from './move-value.ts'
import type { RandomSource } from './prng.ts'

/** What a policy sees when a battle starts. `random` is seeded by the battle seed and the side. */
export interface PolicyContext {
  readonly dex: ModdedDex
  readonly self: Pokemon
  readonly foe: Pokemon
  readonly random: RandomSource
}

/**
 * Chooses a move each turn: returns the 0-based index into `self.moveSlots`, or -1 when no move
 * is usable (the runner then lets the engine decide, which means Struggle).
 */
export type MoveChooser = (self: Pokemon, foe: Pokemon) => number

/** A move-selection rule. `start` runs once per battle and side; precompute there, not per turn. */
export interface MovePolicy {
  /** Stable label stored with every label row, e.g. `best`, `random`, `fixed:thunderbolt`. */
  readonly name: string
  start(context: PolicyContext): MoveChooser
}

/**
 * Optimal play (see `plugins/ml/optimal`): the solver's strategy of the two-player game, drawn at
 * each turn from the live battle's state. `optimalPolicy(engine)`; checks and datasets use it.
 */
export { createOptimalPolicy as optimalPolicy } from '../optimal/policy.ts'

/**
 * Always the given move. If it has no PP left (or is disabled), the first usable move instead,
 * which is what the engine would do itself.
 *
 * @throws BattleError `BATTLE_INVALID_POLICY` at battle start when the Pokémon does not know the move.
 * @example
 * runBattle(engine, a, b, fixedPolicy('thunderbolt'), bestPolicy(), [1, 2, 3, 4])
 */
export function fixedPolicy(move: string): MovePolicy {
  const moveId = toID(move)
  return {
    name: `fixed:${moveId}`,
    start({ self }) {
      const index = self.moveSlots.findIndex((slot) => slot.id === moveId)
      if (index < 0) {
        throw new BattleError('BATTLE_INVALID_POLICY', `${self.species.name} does not know ${move}`)
      }
      return (pokemon) => (isUsable(pokemon, index) ? index : firstUsable(pokemon))
    },
  }
}

/**
 * Uniform over the usable damaging moves (any usable move when none is damaging). The dice come
 * from `context.random`, which `runBattle` seeds from the battle seed and the side, so the same
 * battle seed gives the same choices. Pass `options.random` to draw from your own seeded PRNG
 * instead (then reproducing a battle also needs that PRNG in the same state).
 *
 * @example
 * runBattle(engine, a, b, randomPolicy(), randomPolicy(), [1, 2, 3, 4])
 */
export function randomPolicy(options: { readonly random?: RandomSource } = {}): MovePolicy {
  return {
    name: 'random',
    start({ dex, self, random: battleRandom }) {
      const random = options.random ?? battleRandom
      const damaging = self.moveSlots.map((slot) => dex.moves.get(slot.id).category !== 'Status')
      const candidates: number[] = []
      return (pokemon) => {
        candidates.length = 0
        for (let i = 0; i < pokemon.moveSlots.length; i++) {
          if (isUsable(pokemon, i) && damaging[i]) candidates.push(i)
        }
        if (candidates.length === 0) return firstUsableRandom(pokemon, random)
        return candidates[Math.floor(random() * candidates.length)] ?? -1
      }
    },
  }
}

/**
 * Greedy: each turn, the usable move with the highest expected damage against the live opponent
 * (`expectedDamage` in `move-value.ts`):
 * power × STAB × type multiplier × accuracy (with accuracy/evasion stages) × crit factor
 * (1 + critChance × 0.5; critChance 1/24, 1/8, 1/2, 1 for crit ratio 1, 2, 3, ≥ 4 or an always-crit
 * move; Focus Energy adds 2) × attack/defence of the live Pokémon (stages, Foul Play, burn, screens),
 * scaled to HP. Fixed damage: Seismic Toss / Night Shade / Psywave = level, Dragon Rage 40, Sonic Boom
 * 20, Super Fang ½ current HP, OHKO moves current HP × 30 %. Charge moves count half (two turns);
 * Hyper Beam half unless it is expected to KO; Explosion / Self-Destruct 0 (the user's faint
 * loses a 1v1 even on a double KO: Gen 5+ gives the win to the side that fainted last); status moves,
 * Counter / Mirror Coat / Bide, and moves bound to fail (immunity, Dream Eater on an
 * awake target, Fake Out after the first turn, Sucker Punch against a foe without a damaging move)
 * count 0. Moves with 0 PP or disabled are skipped. Ties keep the earlier move slot.
 *
 * Priority rule (exact): let K be the usable moves with priority > 0 whose minimum roll
 * (`damageRoll(…, 'min')`: 85 % roll, no crit unless always-crit, fewest hits) is ≥ the foe's
 * current HP. If K is non-empty and the greedy choice is not in K, take the move of K with the
 * highest accuracy (then the highest expected damage) when either
 *   (a) the foe would otherwise move first: its effective speed (stages, paralysis ×0.5) is ≥ ours
 *       (a tie is a coin flip we decline), or it has a usable damaging move of higher priority than
 *       the greedy choice; or
 *   (b) the foe can KO us this turn: one of its usable damaging moves has a maximum roll ≥ our HP.
 *
 * Speed: the per-move constants are compiled once per battle (recompiled only if a type or the
 * moveset changes, e.g. Transform); a turn costs a few multiplications per move.
 *
 * @example
 * runBattle(engine, a, b, bestPolicy(), bestPolicy(), [1, 2, 3, 4])
 */
export function bestPolicy(): MovePolicy {
  return {
    name: 'best',
    start({ dex }) {
      const own = createPlanCache(dex)
      const theirs = createPlanCache(dex)
      return (pokemon, opponent) => {
        const plans = own.plansFor(pokemon, opponent)
        const foeCanAttack = theirs.plansFor(opponent, pokemon).some((plan) => plan.damaging)
        let best = -1
        let bestValue = -1
        let hasPriorityKo = false
        for (let i = 0; i < plans.length; i++) {
          const plan = plans[i]
          if (!plan || !isUsable(pokemon, i)) continue
          const value = expectedDamage(plan, pokemon, opponent, foeCanAttack)
          if (value > bestValue) {
            best = i
            bestValue = value
          }
          if (plan.priority > 0 && !hasPriorityKo)
            hasPriorityKo = isSureKo(plan, pokemon, opponent, foeCanAttack)
        }
        if (!hasPriorityKo) return best
        return priorityOverride(
          best,
          plans,
          pokemon,
          opponent,
          theirs.plansFor(opponent, pokemon),
          foeCanAttack,
        )
      }
    },
  }
}

function priorityOverride(
  greedy: number,
  plans: readonly MovePlan[],
  self: Pokemon,
  foe: Pokemon,
  foePlans: readonly MovePlan[],
  foeCanAttack: boolean,
): number {
  let choice = -1
  let choiceAccuracy = -1
  let choiceValue = -1
  for (let i = 0; i < plans.length; i++) {
    const plan = plans[i]
    if (!plan || plan.priority <= 0 || !isUsable(self, i) || !isSureKo(plan, self, foe, foeCanAttack))
      continue
    if (i === greedy) return greedy
    const value = expectedDamage(plan, self, foe, foeCanAttack)
    if (plan.accuracy > choiceAccuracy || (plan.accuracy === choiceAccuracy && value > choiceValue)) {
      choice = i
      choiceAccuracy = plan.accuracy
      choiceValue = value
    }
  }
  const greedyPriority = plans[greedy]?.priority ?? 0
  let foeFirst = effectiveSpeed(foe) >= effectiveSpeed(self)
  let foeKos = false
  for (let i = 0; i < foePlans.length; i++) {
    const plan = foePlans[i]
    if (!plan?.damaging || !isUsable(foe, i) || !canWork(plan, foe, self, true)) continue
    if (plan.priority > greedyPriority) foeFirst = true
    if (damageRoll(plan, foe, self, 'max') >= self.hp) foeKos = true
  }
  return foeFirst || foeKos ? choice : greedy
}

function isSureKo(plan: MovePlan, self: Pokemon, foe: Pokemon, foeCanAttack: boolean): boolean {
  return canWork(plan, self, foe, foeCanAttack) && damageRoll(plan, self, foe, 'min') >= foe.hp
}

/** Plans for one attacker → defender direction, recompiled only when types or moves change. */
function createPlanCache(dex: ModdedDex) {
  let attackerTypes: readonly string[] | null = null
  let defenderTypes: readonly string[] | null = null
  let slotIds: string[] = []
  let plans: MovePlan[] = []
  return {
    plansFor(attacker: Pokemon, defender: Pokemon): readonly MovePlan[] {
      if (
        attacker.types !== attackerTypes ||
        defender.types !== defenderTypes ||
        !sameMoves(attacker, slotIds)
      ) {
        attackerTypes = attacker.types
        defenderTypes = defender.types
        slotIds = attacker.moveSlots.map((slot) => slot.id)
        plans = slotIds.map((id) => compileMovePlan(dex, id, attacker, defender))
      }
      return plans
    },
  }
}

function sameMoves(pokemon: Pokemon, ids: readonly string[]): boolean {
  const slots = pokemon.moveSlots
  if (slots.length !== ids.length) return false
  for (let i = 0; i < slots.length; i++) if (slots[i]?.id !== ids[i]) return false
  return true
}

function isUsable(pokemon: Pokemon, index: number): boolean {
  const slot = pokemon.moveSlots[index]
  return slot !== undefined && slot.pp > 0 && !slot.disabled
}

function firstUsable(pokemon: Pokemon): number {
  for (let i = 0; i < pokemon.moveSlots.length; i++) if (isUsable(pokemon, i)) return i
  return -1
}

function firstUsableRandom(pokemon: Pokemon, random: RandomSource): number {
  const usable: number[] = []
  for (let i = 0; i < pokemon.moveSlots.length; i++) if (isUsable(pokemon, i)) usable.push(i)
  return usable.length === 0 ? -1 : (usable[Math.floor(random() * usable.length)] ?? -1)
}
