import type { Control } from './control.ts'
import { NEUTRAL, type UseDamage } from './exact-damage.ts'
import { type Aux, auxOf } from './race-aux.ts'
import { dollHazardCache, SUB_STATES } from './race-doll.ts'
import { type HpChain, hpChain } from './race-hp-chain.ts'
import { protectSchedule, targetsFoe } from './race-plan.ts'
import { type DamageAt, damageAt, phaseAt, type Racer } from './race-timing.ts'

/** The target's own state besides HP: asleep after Rest, behind a Substitute, or neither. */
export type TargetState = 'rest' | 'sub' | 'none'

/**
 * One direction of a race — x's side making y faint — with everything its steps read: computed
 * once per race, so that the attacker's, the target's and the end-of-turn steps (one file each)
 * share one definition of the cells, the schedules and the statuses.
 */
export interface Duel {
  readonly x: Racer
  readonly y: Racer
  readonly xFirst: boolean
  /** What y's side does to x's actions per turn (paralysis, sleep, flinch, burn…), and the reverse. */
  readonly onX: Control
  readonly onY: Control
  readonly aux: Aux
  readonly target: TargetState
  /**
   * Own states of the target: Rest's 3 (awake, 1 or 2 turns asleep), Substitute's `SUB_STATES`
   * (no doll, or a doll and the hits it absorbed), else 1.
   */
  readonly restAux: number
  /** HP of y's Substitute doll (a quarter of its max HP). */
  readonly subHp: number
  /** P(x's hit `use` breaks y's doll after it absorbed `absorbed` hits). */
  readonly dollBreaks: (use: UseDamage, absorbed: number) => number
  /** x's aux state is a chip-dealing major status (poison, burn, Toxic), which Rest cures. */
  readonly chipStatus: boolean
  /** HP y gets back per turn while x is seeded (0: y has no Leech Seed, or x is immune). */
  readonly seedHeal: number
  readonly xSlot: 0 | 1
  readonly ySlot: number
  /** P(x's action at turn t is stopped by y's Protect or by y hiding underground / in the sky). */
  readonly xShielded: Float64Array
  /**
   * The same for y's action against x: y's recoil, drain and Struggle's recoil need a hit that
   * lands (Struggling into Protect costs nothing), and a crash comes on a shielded jump kick too.
   */
  readonly yShielded: Float64Array
  /** Mean damage of y's hits, for its drain and recoil (0 when its move never hits). */
  readonly yMean: number
  /** y returns x's damage (Counter, Mirror Coat, Bide): its wins go to `chain.reflect`. */
  readonly yReflects: boolean
  readonly damageAt: DamageAt
  readonly chain: HpChain
  /** No new status on a sleeping target; nothing through a Substitute but sound moves. */
  readonly shieldedFromStatus: (r: number) => boolean
}

/**
 * @example
 * const d = duel(a, b, true, onA, onB, 200, false) // a's side against b, a moving first
 */
export function duel(
  x: Racer,
  y: Racer,
  xFirst: boolean,
  onX: Control,
  onY: Control,
  turns: number,
  yReflects: boolean,
): Duel {
  const hp = y.maxhp
  const aux = auxOf(x, y)
  const target: TargetState = y.mech.rest ? 'rest' : y.mech.substitute ? 'sub' : 'none'
  const restAux = target === 'rest' ? 3 : target === 'sub' ? SUB_STATES : 1
  const chipStatus = aux.kind === 'psn' || aux.kind === 'brn' || aux.kind === 'tox'
  const seedHeal = y.mech.leechSeed && !x.unseedable ? Math.max(1, Math.floor(x.maxhp / 8)) : 0
  const chain = hpChain(hp, aux.size, restAux, turns)
  const xSlot = xFirst ? 0 : 1
  const xShielded = shieldedBy(x, y, xFirst, turns)
  const yShielded = shieldedBy(y, x, !xFirst, turns)
  // y's drain and recoil follow its hits; a Dream Eater on a foe that never sleeps (no Rest, or a
  // Rest that always fails: nothing hurts it), a Sucker Punch on a foe that never attacks never hit
  const sleeps = x.mech.rest && x.mech.turnsPerPp > 1
  const yHits = !(y.mech.needsSleepingFoe && !sleeps) && !(y.mech.needsFoeAttack && !x.mech.damaging)
  const yMean = yHits ? meanOf(y.hit(NEUTRAL)) : 0
  return {
    x,
    y,
    xFirst,
    onX,
    onY,
    aux,
    target,
    restAux,
    subHp: Math.floor(hp / 4),
    dollBreaks: dollHazardCache(Math.floor(hp / 4)),
    chipStatus,
    seedHeal,
    xSlot,
    ySlot: 1 - xSlot,
    xShielded,
    yShielded,
    yMean,
    yReflects,
    damageAt: damageAt(x, y, xFirst, onX),
    chain,
    shieldedFromStatus: (r) =>
      (target === 'rest' && r > 0 && chipStatus) || (target === 'sub' && r >= 1 && !x.mech.bypassSub),
  }
}

/**
 * P(x's action at turn t does not reach y): y's Protect (its success chance that turn), or y out
 * of reach during Dig / Fly unless x's move reaches it there. Struggle targets y like any hit.
 */
function shieldedBy(x: Racer, y: Racer, xFirst: boolean, turns: number): Float64Array {
  const protect = protectSchedule(y.mech, y.phases, turns)
  const targets = targetsFoe(x.mech)
  const out = new Float64Array(turns + 1)
  for (let t = 1; t <= turns; t++) {
    if (!targets && phaseAt(x, t) !== 'struggle') continue
    const yPhase = phaseAt(y, t)
    // y is hidden when x acts: y charged earlier this turn (y first), or last turn (x first)
    const hidden =
      y.mech.semiInvulnerable && !x.reachesHidden && (yPhase === 'charge' || yPhase === 'move')
        ? (yPhase === 'charge') === !xFirst
          ? 1
          : 0
        : 0
    out[t] = 1 - (1 - protect[t]!) * (1 - hidden)
  }
  return out
}

function meanOf(use: UseDamage): number {
  if (use.kind !== 'dist') return 0
  let mean = 0
  for (let i = 0; i < use.dist.probs.length; i++) mean += (use.dist.min + i) * use.dist.probs[i]!
  return mean
}
