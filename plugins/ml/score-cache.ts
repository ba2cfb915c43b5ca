import type { PairInput } from '../../core/contracts/predictor.ts'
import { createLru } from './advice/lru.ts'

/** What scoring one pair gave: its feature row (for drift), the model's P(A wins), and `extra`. */
export interface ScoredRow<E> {
  readonly row: Float32Array
  readonly p: number
  readonly extra: E
}

/** Feature rows and model answers of recent pairs, for one loaded model. */
export type ScoreCache<E> = ReturnType<typeof createLru<string, ScoredRow<E>>>

/** A cache per loaded model: a model's answer for a pair never changes while it is served. */
export function createScoreCache<E>(capacity: number): ScoreCache<E> {
  return createLru<string, ScoredRow<E>>(capacity)
}

const keyOf = (p: PairInput) => `${p.a}|${p.moveA}|${p.b}|${p.moveB}`

/**
 * Scores `pairs` with the model, computing features and running inference only for pairs the
 * cache does not hold (a best-move request repeats the same 16 pairs; serving them again cost a
 * feature pass and a round trip to the inference worker each time). Returns every pair's feature
 * row and answer in request order, so monitoring (drift) still sees every request as if scored
 * afresh. The rows are the cache's own: read them, never write to them.
 *
 * @param write writes the features of a pair at `offset` of `into` and returns its `extra`
 * @param infer the model's P(A wins) for `n` rows of `width` features
 * @example
 * const scored = await scoreWithCache(cache, pairs, width, write, infer)
 * drift.observe(scored)
 */
export async function scoreWithCache<E>(
  cache: ScoreCache<E>,
  pairs: readonly PairInput[],
  width: number,
  write: (pair: PairInput, into: Float32Array, offset: number) => E,
  infer: (values: Float32Array, n: number) => Promise<ArrayLike<number>>,
): Promise<ScoredRow<E>[]> {
  const found = pairs.map((pair) => cache.get(keyOf(pair)))
  const missing = found.flatMap((hit, i) => (hit ? [] : [i]))
  if (missing.length > 0) {
    const fresh = new Float32Array(missing.length * width)
    const extras = missing.map((i, j) => write(pairs[i]!, fresh, j * width))
    const p = await infer(fresh, missing.length)
    for (const [j, i] of missing.entries()) {
      const entry = { row: fresh.slice(j * width, (j + 1) * width), p: p[j]!, extra: extras[j]! }
      cache.set(keyOf(pairs[i]!), entry)
      found[i] = entry
    }
  }
  return found as ScoredRow<E>[]
}
