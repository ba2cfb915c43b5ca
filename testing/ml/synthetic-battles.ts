import type { LabelledData } from '../../plugins/ml/gbdt/dataset.ts'
import { sigmoid } from '../../plugins/ml/gbdt/loss.ts'
import { createRandom } from '../../plugins/ml/gbdt/prng.ts'

/** Shape of a synthetic battle dataset. */
export interface SyntheticOptions {
  nRows: number
  /** At least 6: features 0–5 carry the signal, the rest are noise. */
  nFeatures: number
  seed?: number
  /** Trials per row are drawn from 1..maxTrials (1 = hard 0/1 labels). */
  maxTrials?: number
}

/**
 * A deterministic synthetic "battle" set with a non-linear truth, for tests and the benchmark:
 *
 *   margin = 3·sign(x0)·sign(x1) + 1.5·x2 + sin(3·x3) + x4·x5
 *
 * The XOR-like first term cannot be learnt by any single split, only by an interaction. Features
 * are uniform on [−1, 1]; every fifth noise feature is rounded to a 0.25 grid so that low-cardinality
 * columns (like type multipliers) are exercised too. Wins ~ Binomial(trials, σ(margin)).
 *
 * @example
 * const { features, wins, trials } = makeSyntheticBattles({ nRows: 10_000, nFeatures: 20, seed: 1 })
 */
export function makeSyntheticBattles(
  options: SyntheticOptions,
): LabelledData & { probability: Float64Array } {
  const { nRows, nFeatures } = options
  if (nFeatures < 6) throw new RangeError('makeSyntheticBattles needs at least 6 features')
  const random = createRandom(options.seed ?? 1)
  const maxTrials = options.maxTrials ?? 1
  const values = new Float32Array(nRows * nFeatures)
  const wins = new Float64Array(nRows)
  const trials = new Float64Array(nRows)
  const probability = new Float64Array(nRows)
  for (let r = 0; r < nRows; r++) {
    const base = r * nFeatures
    for (let f = 0; f < nFeatures; f++) {
      const x = random() * 2 - 1
      values[base + f] = f >= 6 && f % 5 === 0 ? Math.round(x * 4) / 4 : x
    }
    const x = (f: number) => values[base + f]!
    const margin = 3 * Math.sign(x(0)) * Math.sign(x(1)) + 1.5 * x(2) + Math.sin(3 * x(3)) + x(4) * x(5)
    const p = sigmoid(margin)
    const k = 1 + Math.floor(random() * maxTrials)
    let w = 0
    for (let i = 0; i < k; i++) if (random() < p) w++
    probability[r] = p
    wins[r] = w
    trials[r] = k
  }
  return { features: { values, nRows, nFeatures }, wins, trials, probability }
}

/**
 * Splits rows into two sets at `fraction` (first rows / last rows); the generator's rows are i.i.d.,
 * so a head/tail split is a fair random split.
 *
 * @example
 * const [train, test] = splitRows(data, 0.8)
 */
export function splitRows(data: LabelledData, fraction: number): [LabelledData, LabelledData] {
  const { values, nRows, nFeatures } = data.features
  const cut = Math.round(nRows * fraction)
  const part = (from: number, to: number): LabelledData => ({
    features: { values: values.slice(from * nFeatures, to * nFeatures), nRows: to - from, nFeatures },
    wins: Array.from(data.wins).slice(from, to),
    trials: Array.from(data.trials).slice(from, to),
  })
  return [part(0, cut), part(cut, nRows)]
}

/**
 * The same rows with one more column, last: an estimate of P(win) from the first two features (a
 * logistic of x0 − x1), exactly 0 on every 97th row and 1 on every 89th so a clamp is reached — the
 * kind of feature a margin prior (`gbdt/prior.ts`) starts from.
 *
 * @example
 * const data = withEstimateColumn(makeSyntheticBattles({ nRows: 3000, nFeatures: 8, seed: 5 }))
 */
export function withEstimateColumn(data: LabelledData): LabelledData {
  const { nRows, nFeatures } = data.features
  const width = nFeatures + 1
  const values = new Float32Array(nRows * width)
  for (let r = 0; r < nRows; r++) {
    const row = data.features.values.subarray(r * nFeatures, (r + 1) * nFeatures)
    values.set(row, r * width)
    values[r * width + nFeatures] = r % 97 === 0 ? 0 : r % 89 === 0 ? 1 : sigmoid(row[0]! - row[1]!)
  }
  return { ...data, features: { values, nRows, nFeatures: width } }
}
