import type { StatName } from './stats.ts'

/**
 * Static damage estimates from database rows (no engine): the gen 7 damage formula with the mean
 * roll, STAB, type chart, crit chance, accuracy and multi-hit expectation. Used to pick movesets,
 * by the "turns-to-KO" baseline and as model features — one implementation for all three, so
 * training and serving cannot disagree.
 */
export interface FormData {
  slug: string
  types: readonly string[]
  /** Level-50 stats (see stats.ts). */
  stats: Readonly<Record<StatName, number>>
}

export interface MoveData {
  slug: string
  type: string
  category: 'physical' | 'special' | 'status'
  power: number | null
  accuracy: number | null
  priority: number
  critRatio: number
  alwaysCrit: boolean
  multiHitMin: number | null
  multiHitMax: number | null
  effectClass: string
}

/** attacking type → defending type → multiplier. */
export type TypeChart = ReadonlyMap<string, ReadonlyMap<string, number>>

export interface DamageEstimate {
  /** Mean damage of one successful use (all hits), in HP. */
  perHit: number
  /** `perHit` × accuracy: mean damage per turn spent using the move. */
  expectedPerUse: number
  /** `expectedPerUse` as a share of the defender's HP (can exceed 1). */
  share: number
  /** Successful uses needed to KO on mean damage (99 when it cannot KO). */
  hitsToKo: number
  /** Expected turns to KO counting misses and charge turns (99 when it cannot KO). */
  turnsToKo: number
  /** Type multiplier on the defender (product over its types). */
  effectiveness: number
  stab: number
}

const LEVEL = 50
const MEAN_ROLL = 0.925
const CRIT_CHANCE = [0, 1 / 24, 1 / 8, 1 / 2, 1]
const FIXED: Readonly<Record<string, number>> = {
  'dragon-rage': 40,
  'sonic-boom': 20,
  'seismic-toss': LEVEL,
  'night-shade': LEVEL,
  psywave: LEVEL,
}
const NO_KO = 99

export function typeMultiplier(chart: TypeChart, moveType: string, defenderTypes: readonly string[]): number {
  return defenderTypes.reduce((m, t) => m * (chart.get(moveType)?.get(t) ?? 1), 1)
}

function meanHits(move: MoveData): number {
  if (move.multiHitMin === null || move.multiHitMax === null) return 1
  if (move.multiHitMin === 2 && move.multiHitMax === 5) return 3.1
  return (move.multiHitMin + move.multiHitMax) / 2
}

/**
 * Estimates what `move` used by `attacker` does to `defender`.
 *
 * @example
 * estimateDamage(pikachu, squirtle, thunderbolt, chart).hitsToKo // 2
 */
export function estimateDamage(
  attacker: FormData,
  defender: FormData,
  move: MoveData,
  chart: TypeChart,
): DamageEstimate {
  const accuracy = (move.accuracy ?? 100) / 100
  const effectiveness = typeMultiplier(chart, move.type, defender.types)
  const stab = attacker.types.includes(move.type) ? 1.5 : 1
  const hp = defender.stats.hp
  let perHit = 0
  if (move.category !== 'status' && effectiveness > 0) {
    if (move.effectClass === 'ohko') perHit = hp
    else if (move.slug in FIXED) perHit = FIXED[move.slug]!
    else if (move.slug === 'super-fang') perHit = hp / 2
    else if (move.power && move.effectClass !== 'counter') {
      const physical = move.category === 'physical'
      const a = physical ? attacker.stats.atk : attacker.stats.spa
      const d = physical ? defender.stats.def : defender.stats.spd
      const base = Math.floor(Math.floor((Math.floor((2 * LEVEL) / 5 + 2) * move.power * a) / d) / 50) + 2
      const crit = move.alwaysCrit ? 1 : (CRIT_CHANCE[Math.min(move.critRatio, 4)] ?? 1 / 24)
      perHit = base * MEAN_ROLL * stab * effectiveness * (1 + 0.5 * crit) * meanHits(move)
    }
  }
  const turnsPerUse = move.effectClass === 'two-turn' || move.effectClass === 'recharge' ? 2 : 1
  const hitsToKo = perHit > 0 ? (move.slug === 'super-fang' ? NO_KO : Math.ceil(hp / perHit)) : NO_KO
  const turnsToKo = hitsToKo >= NO_KO ? NO_KO : Math.min(NO_KO, (hitsToKo / accuracy) * turnsPerUse)
  const expectedPerUse = (perHit * accuracy) / turnsPerUse
  return { perHit, expectedPerUse, share: expectedPerUse / hp, hitsToKo, turnsToKo, effectiveness, stab }
}

/**
 * The `count` damaging moves with the highest expected damage per turn against `defender`
 * (ties broken by slug, so the choice is deterministic).
 *
 * @example
 * bestMoves(pikachu, squirtle, pikachuMoves, chart, 4).map((m) => m.slug)
 */
export function bestMoves(
  attacker: FormData,
  defender: FormData,
  moves: readonly MoveData[],
  chart: TypeChart,
  count: number,
): MoveData[] {
  return moves
    .filter((m) => m.category !== 'status' && m.effectClass !== 'variable-power')
    .map((m) => ({ m, v: estimateDamage(attacker, defender, m, chart).expectedPerUse }))
    .sort((x, y) => y.v - x.v || x.m.slug.localeCompare(y.m.slug))
    .slice(0, count)
    .map((x) => x.m)
}
