import { GbdtError } from './errors.ts'
import { logit } from './loss.ts'
import type { GbdtParams } from './params.ts'

/** Clamp of the prior probability when `baseMarginClip` is not set: logit(0.001) ≈ −6.9. */
export const DEFAULT_BASE_MARGIN_CLIP = 0.001

/**
 * Where each row's margin starts: a constant (`baseMargin`), plus, when `baseMarginFeature` is
 * set, the log-odds of that feature read as a probability (clamped to [clip, 1 − clip]). This is
 * XGBoost's per-row `base_margin`, taken from a feature so that serving needs nothing but the
 * features.
 *
 * Why: when one feature already estimates the answer well (PredictionDex's race estimate of the
 * battle), trees that start from a constant spend most of their splits re-drawing that feature as
 * a staircase, and the staircase's steps are errors where the feature was right. Starting from it,
 * the trees learn only its error (on exact labels: share of pairs off by more than 0.1, 3.05 % →
 * 2.82 %; docs/model.md). The clamp keeps a confident but wrong estimate correctable in a few
 * rounds (|logit| ≤ 6.9 at the default).
 */
export interface MarginPrior {
  readonly feature: number
  readonly clip: number
}

/**
 * The prior of a parameter set, or null when margins start from the constant alone.
 *
 * @throws GbdtError `GBDT_INVALID_PARAMS` when the feature is not a column of the data.
 */
export function marginPrior(params: GbdtParams, nFeatures: number): MarginPrior | null {
  if (params.baseMarginFeature === undefined) return null
  if (params.baseMarginFeature >= nFeatures) {
    throw new GbdtError(
      'GBDT_INVALID_PARAMS',
      `baseMarginFeature ${params.baseMarginFeature} is not a column (${nFeatures} features)`,
    )
  }
  return { feature: params.baseMarginFeature, clip: params.baseMarginClip ?? DEFAULT_BASE_MARGIN_CLIP }
}

/** logit(clamp(p, clip, 1 − clip)); a NaN feature has been refused before it gets here. */
export function priorMargin(prior: MarginPrior, p: number): number {
  return logit(Math.min(1 - prior.clip, Math.max(prior.clip, p)))
}

/**
 * Adds each row's prior margin to `margin` (row-major float32 features). Does nothing without a
 * prior, so callers need no branch.
 *
 * @example
 * addPriorMargins(marginPrior(params, nFeatures), values, nFeatures, margin)
 */
export function addPriorMargins(
  prior: MarginPrior | null,
  values: Float32Array,
  nFeatures: number,
  margin: Float64Array,
): void {
  if (prior === null) return
  for (let r = 0; r < margin.length; r++)
    margin[r]! += priorMargin(prior, values[r * nFeatures + prior.feature]!)
}
