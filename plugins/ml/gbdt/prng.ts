/**
 * A seeded 32-bit PRNG (mulberry32). Why our own: `Math.random` cannot be seeded, and training must
 * be reproducible bit for bit from `seed` (same seed → identical serialised model).
 *
 * @example
 * const next = createRandom(42)
 * next() // a float in [0, 1), the same sequence every run
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Picks `count` distinct indices out of `0..total-1` (partial Fisher–Yates), returned ascending so
 * that histogram scans visit features in a stable order whatever the draw.
 *
 * @example
 * sampleSortedIndices(60, 30, createRandom(1)) // Int32Array of 30 ascending feature ids
 */
export function sampleSortedIndices(total: number, count: number, random: () => number): Int32Array {
  const pool = new Int32Array(total)
  for (let i = 0; i < total; i++) pool[i] = i
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (total - i))
    const swap = pool[i]!
    pool[i] = pool[j]!
    pool[j] = swap
  }
  return pool.slice(0, count).sort()
}
