import { BattleError } from './errors.ts'

/** z for a two-sided 95 % interval. */
const Z_95 = 1.959963984540054

/**
 * Wilson score interval for a binomial proportion `successes / trials`. Unlike the normal
 * ("Wald") interval it stays inside [0, 1] and is not degenerate at 0 or K wins, which matters
 * here: many matchups are won 100 % of the time.
 *
 * @returns `[lo, hi]`; `[0, 1]` when there are no trials (nothing is known).
 * @example
 * wilsonInterval(50, 100) // ≈ [0.404, 0.596]
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): [number, number] {
  if (
    !Number.isInteger(trials) ||
    trials < 0 ||
    !Number.isInteger(successes) ||
    successes < 0 ||
    successes > trials
  ) {
    throw new BattleError(
      'BATTLE_INVALID_ARGUMENT',
      `need 0 ≤ successes ≤ trials (integers), got ${successes}/${trials}`,
    )
  }
  if (trials === 0) return [0, 1]
  const p = successes / trials
  const z2 = z * z
  const denominator = 1 + z2 / trials
  const center = (p + z2 / (2 * trials)) / denominator
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator
  // Exact at the edges: floating point would otherwise give 1e-17 instead of 0.
  const lo = successes === 0 ? 0 : Math.max(0, center - halfWidth)
  const hi = successes === trials ? 1 : Math.min(1, center + halfWidth)
  return [lo, hi]
}
