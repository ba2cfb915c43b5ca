import type { Move } from '@pkmn/sim'
import { foeOf, get, type SolveContext, typesOf } from './context.ts'
import { critChance, hitRolls } from './damage.ts'
import { constantDist, type Dist, mix, uniformOf, weightedOf } from './dist.ts'
import { hitInput } from './hit-input.ts'
import type { Side } from './kernel.ts'
import { F, type Mode, NONE, SLP } from './mode.ts'

/** What one hit does to the target's HP. */
export type HitEffect =
  | { readonly kind: 'dist'; readonly dist: Dist }
  | { readonly kind: 'halve' }
  | { readonly kind: 'ohko' }

/**
 * Damage of one hit of `move` from `side` in state `m`, as `getDamage` computes it: fixed damage
 * (Dragon Rage, Sonic Boom, level, Psywave), Super Fang and OHKO moves as special effects,
 * Counter / Mirror Coat from the damage they recorded, otherwise crit × 16 rolls with the live
 * stages, burn, screens and the ×2 of Earthquake on Dig / Gust on Fly / Minimize.
 * Cached per solve by everything it depends on.
 */
export function hitEffect(ctx: SolveContext, m: Mode, side: Side, move: Move): HitEffect {
  const self = ctx.battlers[side]
  if (move.ohko) return { kind: 'ohko' }
  if (move.id === 'superfang') return { kind: 'halve' }
  if (move.id === 'counter' || move.id === 'mirrorcoat') {
    return { kind: 'dist', dist: constantDist(Math.max(1, get(m, side, F.counter) - 1)) }
  }
  if (move.damage === 'level') return { kind: 'dist', dist: constantDist(self.level) }
  if (typeof move.damage === 'number') return { kind: 'dist', dist: constantDist(move.damage) }
  if (move.id === 'psywave') return { kind: 'dist', dist: psywave(self.level) }
  return { kind: 'dist', dist: standardDist(ctx, m, side, move) }
}

/** Whether a hit of `move` rolls its damage by the standard formula (see `hitEffect`). */
export function rollsDamage(move: Move): boolean {
  return (
    !move.ohko &&
    !['superfang', 'counter', 'mirrorcoat', 'psywave'].includes(move.id) &&
    move.damage !== 'level' &&
    typeof move.damage !== 'number'
  )
}

function psywave(level: number): Dist {
  const pairs: [number, number][] = []
  for (let r = 50; r <= 150; r++) pairs.push([Math.max(1, Math.floor((r * level) / 100)), 1 / 101])
  return weightedOf(pairs)
}

/**
 * Distributions by context, move and a number that packs what `standardSetting`'s key holds (the
 * types as the fields that change them: within a context each side's form is fixed). Why: the
 * string key cost more than the rest of a hit; a miss goes through it, so the very distribution
 * objects are returned (the solver merges branches by distribution identity).
 */
const packedDists = new WeakMap<SolveContext, Map<Move, Map<number, Dist>>>()

function standardDist(ctx: SolveContext, m: Mode, side: Side, move: Move): Dist {
  const packed = packedSetting(ctx, m, side, move)
  if (packed < 0) return keyedDist(ctx, m, side, move)
  let byMove = packedDists.get(ctx)
  if (!byMove) {
    byMove = new Map()
    packedDists.set(ctx, byMove)
  }
  let byKey = byMove.get(move)
  if (!byKey) {
    byKey = new Map()
    byMove.set(move, byKey)
  }
  let dist = byKey.get(packed)
  if (!dist) {
    dist = keyedDist(ctx, m, side, move)
    byKey.set(packed, dist)
  }
  return dist
}

/**
 * What `standardSetting`'s key holds, packed in one number (−1 if a field is out of the packed
 * ranges): the same reads of the state and of the battlers, in the same order.
 */
function packedSetting(ctx: SolveContext, m: Mode, side: Side, move: Move): number {
  const foe = foeOf(side)
  const physical = move.category === 'Physical'
  const offensive = move.overrideOffensivePokemon === 'target' ? foe : side
  const attackBoost = get(m, offensive, physical ? F.atk : F.spa) + 6
  const defenseBoost = get(m, foe, physical ? F.def : F.spd) + 6
  const status = get(m, side, F.status)
  const screened = get(m, foe, physical ? F.reflect : F.lightScreen) > 0 ? 1 : 0
  const doubled = isDoubled(ctx, m, foe, move) ? 1 : 0
  const stage = critStage(m, side, move)
  const ownType = get(m, side, F.typeChange)
  const foeType = get(m, foe, F.typeChange)
  const ownRoost = get(m, side, F.roost) === 1 ? 1 : 0
  const foeRoost = get(m, foe, F.roost) === 1 ? 1 : 0
  const inRange = (value: number, size: number) => Number.isInteger(value) && value >= 0 && value < size
  if (
    !inRange(attackBoost, 13) ||
    !inRange(defenseBoost, 13) ||
    !inRange(status, 8) ||
    !inRange(stage, 16) ||
    !inRange(ownType, 64) ||
    !inRange(foeType, 64)
  )
    return -1
  let key = side
  key = key * 13 + attackBoost
  key = key * 13 + defenseBoost
  key = key * 8 + status
  key = key * 2 + screened
  key = key * 2 + doubled
  key = key * 16 + stage
  key = key * 64 + ownType
  key = key * 2 + ownRoost
  key = key * 64 + foeType
  return key * 2 + foeRoost
}

function critStage(m: Mode, side: Side, move: Move): number {
  return move.willCrit ? 4 : (move.critRatio ?? 1) + (get(m, side, F.focusEnergy) > 0 ? 2 : 0)
}

function keyedDist(ctx: SolveContext, m: Mode, side: Side, move: Move): Dist {
  const setting = standardSetting(ctx, m, side, move)
  const cached = ctx.dists.get(setting.key)
  if (cached) return cached
  const input = setting.input()
  const parts: [Dist, number][] = []
  if (setting.crit < 1) parts.push([uniformOf(hitRolls(input, false)), 1 - setting.crit])
  if (setting.crit > 0) parts.push([uniformOf(hitRolls(input, true)), setting.crit])
  const dist = parts.length === 1 ? parts[0]![0] : mix(parts)
  ctx.dists.set(setting.key, dist)
  return dist
}

/**
 * Mean damage of one hit of a move that rolls its damage (crit included), without building the
 * distribution: ranking a form's moves by expected damage needs only this.
 */
export function meanStandardHit(ctx: SolveContext, m: Mode, side: Side, move: Move): number {
  const setting = standardSetting(ctx, m, side, move)
  const mean = (rolls: readonly number[]) => rolls.reduce((sum, roll) => sum + roll, 0) / rolls.length
  const input = setting.input()
  const normal = setting.crit < 1 ? mean(hitRolls(input, false)) : 0
  const critical = setting.crit > 0 ? mean(hitRolls(input, true)) : 0
  return (1 - setting.crit) * normal + setting.crit * critical
}

/** Everything a rolled hit depends on in state `m`, its cache key and its crit chance. */
function standardSetting(ctx: SolveContext, m: Mode, side: Side, move: Move) {
  const foe = foeOf(side)
  const physical = move.category === 'Physical'
  const offensive = move.overrideOffensivePokemon === 'target' ? foe : side
  const attackBoost = get(m, offensive, physical ? F.atk : F.spa)
  const defenseBoost = get(m, foe, physical ? F.def : F.spd)
  const status = get(m, side, F.status)
  const screened = get(m, foe, physical ? F.reflect : F.lightScreen) > 0
  const doubled = isDoubled(ctx, m, foe, move)
  const stage = critStage(m, side, move)
  const attackerTypes = typesOf(ctx, m, side)
  const targetTypes = typesOf(ctx, m, foe)
  const key = [
    side,
    move.id,
    attackBoost,
    defenseBoost,
    status,
    screened,
    doubled,
    stage,
    attackerTypes,
    targetTypes,
  ].join('|')
  // built only on a cache miss: most hits of a solve find their distribution
  const input = () =>
    hitInput(ctx.types, move, ctx.battlers[side], ctx.battlers[foe], {
      attackBoost,
      defenseBoost,
      burned: status === 2,
      facadeBoosted: status !== NONE && status !== SLP,
      screened,
      doubled,
      attackerTypes,
      targetTypes,
    })
  return { key, input, crit: critChance(stage) }
}

/** Earthquake on a Pokémon underground, Gust on one in the air, a minimize-flag move on Minimize. */
export function isDoubled(ctx: SolveContext, m: Mode, target: Side, move: Move): boolean {
  if (get(m, target, F.minimize) > 0 && move.flags.minimize) return true
  if (get(m, target, F.invulnerable) === 0) return false
  const hiding = ctx.battlers[target].move.id
  return (hiding === 'dig' && move.id === 'earthquake') || (hiding === 'fly' && move.id === 'gust')
}

/** A move reaches a semi-invulnerable target only if it is the one that can (Earthquake on Dig, …). */
export function reachesHidden(ctx: SolveContext, target: Side, move: Move): boolean {
  const hiding = ctx.battlers[target].move.id
  if (hiding === 'dig') return move.id === 'earthquake'
  return move.id === 'gust' || move.id === 'thunder'
}
