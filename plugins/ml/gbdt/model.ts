import { assertFeatureMatrix, type FeatureMatrix } from './dataset.ts'
import { sigmoid } from './loss.ts'
import type { GbdtParams } from './params.ts'
import { marginPrior, priorMargin } from './prior.ts'

/**
 * All trees in flat arrays. Tree t owns nodes `treeStart[t] .. treeStart[t + 1])`; `left`/`right`
 * are ids local to the tree (0 = its root), `feature` is −1 on leaves. Rule: `x < threshold` → left.
 */
export interface GbdtTrees {
  treeStart: Int32Array
  feature: Int32Array
  threshold: Float32Array
  left: Int32Array
  right: Int32Array
  /** Leaf value (learning rate already applied); 0 on internal nodes. */
  value: Float32Array
  /** Loss change of the split; 0 on leaves. */
  gain: Float64Array
}

/**
 * Per-round log-losses (index i = after tree i) and where early stopping settled. The arrays cover
 * every round that ran, including the rounds after `bestIteration` whose trees were dropped.
 */
export interface TrainingHistory {
  trainLogLoss: number[]
  /** Null when no validation set was given. */
  validLogLoss: number[] | null
  /** Index of the last kept tree: the best validation round, or the last round without early stopping. */
  bestIteration: number
  stoppedEarly: boolean
}

/** Everything that defines a trained model; what `serializeModel` writes. */
export interface GbdtModelData {
  nFeatures: number
  featureNames: string[] | null
  /** Prior probability the margin starts from (weighted mean label unless set). */
  baseScore: number
  /** logit(baseScore) rounded to float32, the value ONNX stores as `base_values`. */
  baseMargin: number
  params: GbdtParams
  trees: GbdtTrees
  history: TrainingHistory
}

/** Gain-based importance, XGBoost's `total_gain`, plus the split count (`weight`). */
export interface FeatureImportance {
  totalGain: Float64Array
  /** totalGain / Σ totalGain (all zeros for a model without splits). */
  normalisedGain: Float64Array
  splitCount: Int32Array
  /** Feature ids, most important first (ties: lower id first). */
  ranking: number[]
}

/**
 * A trained binary model: P(A wins) = σ(baseMargin [+ the row's prior margin, `prior.ts`] + Σ trees).
 *
 * @example
 * const model = trainGbdt(train, { nEstimators: 200 })
 * model.predictProba({ values, nRows, nFeatures }) // Float64Array of P(win)
 */
export class GbdtModel implements GbdtModelData {
  readonly nFeatures: number
  readonly featureNames: string[] | null
  readonly baseScore: number
  readonly baseMargin: number
  readonly params: GbdtParams
  readonly trees: GbdtTrees
  readonly history: TrainingHistory

  constructor(data: GbdtModelData) {
    this.nFeatures = data.nFeatures
    this.featureNames = data.featureNames
    this.baseScore = data.baseScore
    this.baseMargin = data.baseMargin
    this.params = data.params
    this.trees = data.trees
    this.history = data.history
  }

  get nTrees(): number {
    return this.trees.treeStart.length - 1
  }

  /**
   * Raw scores (log-odds). Inputs are float32 and thresholds are float32, so every comparison is the
   * one ONNX Runtime makes. Throws `GBDT_FEATURE_COUNT_MISMATCH` / `GBDT_NON_FINITE_FEATURE`.
   */
  predictMargin(features: FeatureMatrix): Float64Array {
    assertFeatureMatrix(features, { allowEmpty: true, expectedFeatures: this.nFeatures })
    const { values, nRows, nFeatures } = features
    const { treeStart, feature, threshold, left, right, value } = this.trees
    const nTrees = this.nTrees
    const margin = new Float64Array(nRows)
    const prior = marginPrior(this.params, nFeatures)
    for (let r = 0; r < nRows; r++) {
      const base = r * nFeatures
      let sum =
        prior === null ? this.baseMargin : this.baseMargin + priorMargin(prior, values[base + prior.feature]!)
      for (let t = 0; t < nTrees; t++) {
        const start = treeStart[t]!
        let node = start
        let f = feature[node]!
        while (f >= 0) {
          node = start + (values[base + f]! < threshold[node]! ? left[node]! : right[node]!)
          f = feature[node]!
        }
        sum += value[node]!
      }
      margin[r] = sum
    }
    return margin
  }

  /** P(win) per row: σ(margin). */
  predictProba(features: FeatureMatrix): Float64Array {
    const margin = this.predictMargin(features)
    for (let r = 0; r < margin.length; r++) margin[r] = sigmoid(margin[r]!)
    return margin
  }

  /** Total and normalised split gain per feature, over the kept trees. */
  featureImportance(): FeatureImportance {
    const totalGain = new Float64Array(this.nFeatures)
    const splitCount = new Int32Array(this.nFeatures)
    const { feature, gain } = this.trees
    for (let node = 0; node < feature.length; node++) {
      const f = feature[node]!
      if (f < 0) continue
      totalGain[f]! += gain[node]!
      splitCount[f]! += 1
    }
    let sum = 0
    for (const g of totalGain) sum += g
    const normalisedGain = totalGain.map((g) => (sum > 0 ? g / sum : 0))
    const ranking = Array.from(totalGain.keys()).sort((a, b) => totalGain[b]! - totalGain[a]! || a - b)
    return { totalGain, normalisedGain, splitCount, ranking }
  }
}
