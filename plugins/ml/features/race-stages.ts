import { mix } from '../solver/dist.ts'
import type { UseDamage } from './exact-damage.ts'
import { stageAfter } from './race-plan.ts'

/** A stat stage and its probability. */
export type StagePart = readonly [stage: number, p: number]

/**
 * The distribution of a stat's stage after `ownUses` of a move that changes it for certain and
 * `foeUses` of a foe's move that changes it with a chance per hit (Iron Tail: 30 % of −1
 * Defence): the number of secondary drops is binomial, not its mean rounded — two Iron Tails
 * leave the Defence untouched half the time, which the rounded mean (−1) never did. A foe's change
 * that is certain (Growl, Screech) keeps the expected-stage rule of `stageAfter`.
 *
 * @example
 * stageParts(0, 0, -0.3, 2, 1) // [[0, 0.49], [-1, 0.42], [-2, 0.09]]
 */
export function stageParts(
  own: number,
  ownUses: number,
  foe: number,
  foeUses: number,
  foeAccuracy: number,
): StagePart[] {
  const chance = Math.abs(foe)
  if (foe === 0 || foeUses === 0 || chance >= 1 || Number.isInteger(foe))
    return [[stageAfter(own, ownUses, foe, foeUses, foeAccuracy), 1]]
  const base = stageAfter(own, ownUses, 0, 0, 1)
  const p = chance * foeAccuracy
  const sign = Math.sign(foe)
  const byStage = new Map<number, number>()
  // binomial(foeUses, p), built term by term
  let term = (1 - p) ** foeUses
  for (let k = 0; k <= foeUses; k++) {
    const stage = Math.max(-6, Math.min(6, base + sign * k))
    byStage.set(stage, (byStage.get(stage) ?? 0) + term)
    term *= ((foeUses - k) / (k + 1)) * (p / (1 - p))
  }
  return [...byStage].filter(([, q]) => q > 1e-9)
}

/**
 * A mixture of uses: of their damage distributions when every part with weight is one, else the
 * heaviest part (a one-hit KO or Super Fang is not mixed with damage).
 *
 * @example
 * blend([[weak, 0.7], [strong, 0.3]]) // a damage distribution
 */
export function blend(parts: readonly (readonly [UseDamage, number])[]): UseDamage {
  const weighted = parts.filter(([, w]) => w > 0)
  if (weighted.length === 1) return weighted[0]![0]
  const dists = weighted.flatMap(([use, w]) => (use.kind === 'dist' ? [[use.dist, w] as const] : []))
  if (dists.length === weighted.length) return { kind: 'dist', dist: mix(dists) }
  return weighted.reduce((best, part) => (part[1] > best[1] ? part : best))[0]
}
