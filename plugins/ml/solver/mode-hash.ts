import type { Mode } from './mode.ts'

/**
 * The hash of a state, additive over its fields: Σ Mᵢ·stateᵢ (mod 2³²) with a random odd
 * multiplier per field. Why additive: a state that differs from a known one in a few fields (a
 * turn's start from its turn state, an outcome cache's key, a shared leaf given back its counts)
 * gets its hash from the known one's in a few operations (`rehashField`) instead of a pass over
 * every field — hashing was ≈ 8 % of an optimal-play exploration (an extra hash per interning cost
 * that much). Two states differing in a few small fields collide only when those multipliers
 * happen to sum to 0 (≈ 2⁻³² a pair); tables mix the sum before using its low bits (`mixHash`).
 *
 * @example rehashField(hashMode(a), 3, a[3], 7) === hashMode(a with a[3] = 7)
 */
export function hashMode(mode: Mode): number {
  const n = mode.length
  if (n > MULTIPLIERS.length) throw new RangeError(`a state of ${n} fields, more than ${MULTIPLIERS.length}`)
  // four lanes: a quarter of the dependency chain
  let a = 0
  let b = 0
  let c = 0
  let d = 0
  let i = 0
  for (; i + 3 < n; i += 4) {
    a = (a + Math.imul(mode[i]!, MULTIPLIERS[i]!)) | 0
    b = (b + Math.imul(mode[i + 1]!, MULTIPLIERS[i + 1]!)) | 0
    c = (c + Math.imul(mode[i + 2]!, MULTIPLIERS[i + 2]!)) | 0
    d = (d + Math.imul(mode[i + 3]!, MULTIPLIERS[i + 3]!)) | 0
  }
  for (; i < n; i++) a = (a + Math.imul(mode[i]!, MULTIPLIERS[i]!)) | 0
  return (a + b + c + d) | 0
}

/** `hashMode` of a state whose field `at` went from `before` to `after`, from the hash before. */
export function rehashField(hash: number, at: number, before: number, after: number): number {
  return (hash + Math.imul(MULTIPLIERS[at]!, after - before)) | 0
}

/** The additive sum mixed (murmur3's finaliser), so that its low bits depend on every field. */
export function mixHash(hash: number): number {
  let h = hash ^ (hash >>> 16)
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return h ^ (h >>> 16)
}

/** Per field: a random odd multiplier (splitmix32 from a fixed seed: the same in every process). */
const MULTIPLIERS = (() => {
  const out = new Int32Array(256)
  let seed = 0x9e3779b9
  for (let i = 0; i < out.length; i++) {
    seed = (seed + 0x9e3779b9) | 0
    let z = seed
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
    out[i] = (z ^ (z >>> 16)) | 1
  }
  return out
})()
