import { BattleError } from './errors.ts'

/**
 * A battle seed: four 16-bit words, the seed format of the engine's Gen 5 PRNG. The same seed,
 * sets and policies always give the same battle.
 */
export type BattleSeed = readonly [number, number, number, number]

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number

/**
 * Throws unless `seed` is four integers in 0…65535.
 *
 * @example
 * assertBattleSeed([1, 2, 3, 4]) // ok
 */
export function assertBattleSeed(seed: readonly number[]): asserts seed is BattleSeed {
  const valid =
    seed.length === 4 && seed.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffff)
  if (!valid) {
    throw new BattleError(
      'BATTLE_INVALID_SEED',
      `seed must be four integers in 0…65535, got [${seed.join(', ')}]`,
    )
  }
}

/**
 * Seed of the `index`-th battle of a series: a hash of (base, index), so neighbouring series
 * (base seeds that differ by one) do not share battles the way `base + index` would.
 *
 * @example
 * deriveSeed([1, 2, 3, 4], 0) // a fixed, well-mixed seed
 */
export function deriveSeed(base: BattleSeed, index: number): BattleSeed {
  const high = mix32(((base[0] << 16) | base[1]) ^ mix32(index))
  const low = mix32(((base[2] << 16) | base[3]) ^ mix32(high + index + 0x9e3779b9))
  return [high >>> 16, high & 0xffff, low >>> 16, low & 0xffff]
}

/**
 * A fast seeded PRNG (sfc32) for policies. `stream` separates independent sequences drawn from
 * one seed (e.g. side A and side B of the same battle), so the two sides never mirror each other.
 * It never touches the battle's own PRNG: a policy's dice cannot change the engine's rolls.
 *
 * @example
 * const random = createPrng([1, 2, 3, 4], 1)
 * random() // same number every run
 */
export function createPrng(seed: BattleSeed, stream = 0): RandomSource {
  let a = mix32(((seed[0] << 16) | seed[1]) ^ Math.imul(stream + 1, 0x9e3779b9))
  let b = mix32(((seed[2] << 16) | seed[3]) ^ Math.imul(stream + 1, 0x85ebca6b))
  let c = mix32(a ^ 0xc2b2ae35)
  let counter = 1
  const next = (): number => {
    const t = (((a + b) | 0) + counter) | 0
    counter = (counter + 1) | 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) | 0
    c = (c << 21) | (c >>> 11)
    c = (c + t) | 0
    return (t >>> 0) / 4294967296
  }
  for (let i = 0; i < 12; i++) next()
  return next
}

/** MurmurHash3's 32-bit finaliser: every input bit flips about half the output bits. */
function mix32(value: number): number {
  let h = value | 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}
