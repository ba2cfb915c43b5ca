/**
 * A discrete probability distribution over non-negative integers (damage amounts), stored dense
 * from `min` to `max` so that applying it to an HP row is a contiguous loop. Probabilities sum to 1
 * (a sub-distribution is scaled by the branch probability that carries it, never inside).
 */
export interface Dist {
  readonly min: number
  readonly max: number
  /** `probs[i]` = P(value = min + i). */
  readonly probs: Float64Array
}

/**
 * Distribution of equally likely values (e.g. the 16 damage rolls).
 *
 * @example
 * uniformOf([10, 10, 11]).probs // [2/3, 1/3]
 */
export function uniformOf(values: readonly number[]): Dist {
  return weightedOf(values.map((value) => [value, 1 / values.length] as const))
}

/**
 * Distribution from (value, probability) pairs; equal values merge. Weights are normalised.
 *
 * @example
 * weightedOf([[5, 0.25], [7, 0.75]]).max // 7
 */
export function weightedOf(pairs: readonly (readonly [number, number])[]): Dist {
  let min = Number.POSITIVE_INFINITY
  let max = Number.NEGATIVE_INFINITY
  let total = 0
  for (const [value, p] of pairs) {
    if (p <= 0) continue
    if (value < min) min = value
    if (value > max) max = value
    total += p
  }
  if (total <= 0) throw new Error('an empty distribution')
  const probs = new Float64Array(max - min + 1)
  for (const [value, p] of pairs) if (p > 0) probs[value - min]! += p / total
  return { min, max, probs }
}

/**
 * A point mass. Small amounts (every HP amount of the game) are made once and shared: the rules
 * make one per fixed hit, recoil or residual damage (≈ 2,000 per optimal-play exploration of a
 * 4-vs-4 game), and a typed array kept in a leaf's ops is among the dearest things an exploration
 * allocates. Safe to share: no code writes into a `Dist`, and fixed amounts compare by value.
 */
export function constantDist(value: number): Dist {
  const shared = value >= 0 && value < CONSTANT_LIMIT && Number.isInteger(value)
  const known = shared ? constants[value] : undefined
  if (known) return known
  // not `new Float64Array([1])`: no array to build and convert
  const probs = new Float64Array(1)
  probs[0] = 1
  const dist = { min: value, max: value, probs }
  if (shared) constants[value] = dist
  return dist
}

/** Amounts below this are shared by `constantDist` (above the most HP a Let's Go battler has). */
const CONSTANT_LIMIT = 4096
const constants: (Dist | undefined)[] = []

/**
 * Mixture `Σ wᵢ·distᵢ` (weights normalised).
 *
 * @example
 * mix([[constantDist(1), 0.5], [constantDist(3), 0.5]]).probs // [0.5, 0, 0.5]
 */
export function mix(parts: readonly (readonly [Dist, number])[]): Dist {
  const pairs: [number, number][] = []
  for (const [dist, weight] of parts) {
    for (let i = 0; i < dist.probs.length; i++) pairs.push([dist.min + i, dist.probs[i]! * weight])
  }
  return weightedOf(pairs)
}

/**
 * Distribution of the sum of two independent variables (e.g. the two hits of Double Kick).
 *
 * @example
 * sum(constantDist(2), uniformOf([1, 2])).probs // values 3, 4 with 1/2 each
 */
export function sum(x: Dist, y: Dist): Dist {
  const probs = new Float64Array(x.probs.length + y.probs.length - 1)
  for (let i = 0; i < x.probs.length; i++) {
    const px = x.probs[i]!
    if (px === 0) continue
    for (let j = 0; j < y.probs.length; j++) probs[i + j]! += px * y.probs[j]!
  }
  return { min: x.min + y.min, max: x.max + y.max, probs }
}

/** Sum of `n` independent copies (n ≥ 1). */
export function power(dist: Dist, n: number): Dist {
  let result = dist
  for (let i = 1; i < n; i++) result = sum(result, dist)
  return result
}

/** (value, probability) pairs with non-zero probability, ascending. */
export function entries(dist: Dist): [number, number][] {
  const out: [number, number][] = []
  for (let i = 0; i < dist.probs.length; i++) if (dist.probs[i]! > 0) out.push([dist.min + i, dist.probs[i]!])
  return out
}

/** P(value ≥ threshold). */
export function tailAtLeast(dist: Dist, threshold: number): number {
  let total = 0
  for (let i = Math.max(0, threshold - dist.min); i < dist.probs.length; i++) total += dist.probs[i]!
  return total
}
