import { z } from 'zod'
import { GbdtError } from './errors.ts'

/**
 * Hyper-parameters of the trainer. Names follow XGBoost's scikit-learn wrapper (camelCased) and
 * the defaults are XGBoost's, so a grid tuned there means the same thing here:
 * `gamma` is XGBoost's `min_split_loss`, compared with the un-halved loss change (see split.ts).
 * `baseScore` is a probability; left out, it is the weighted mean label (XGBoost ≥ 2.0 behaviour),
 * or 0.5 when `baseMarginFeature` gives each row its own starting point.
 */
export const gbdtParamsSchema = z.object({
  nEstimators: z.number().int().min(1).max(100_000).default(100),
  maxDepth: z.number().int().min(1).max(16).default(6),
  learningRate: z.number().gt(0).max(1).default(0.3),
  subsample: z.number().gt(0).max(1).default(1),
  colsampleBytree: z.number().gt(0).max(1).default(1),
  minChildWeight: z.number().min(0).default(1),
  regLambda: z.number().min(0).default(1),
  gamma: z.number().min(0).default(0),
  maxBin: z.number().int().min(2).max(65_536).default(256),
  earlyStoppingRounds: z.number().int().min(1).optional(),
  seed: z.number().int().min(0).max(0xffff_ffff).default(0),
  baseScore: z.number().gt(0).lt(1).optional(),
  /**
   * A feature holding a probability each row's margin starts from (its clamped log-odds, added to
   * the base margin): boosting then learns that feature's error (see `prior.ts`).
   */
  baseMarginFeature: z.number().int().min(0).optional(),
  /** Clamp of that probability to [clip, 1 − clip] (default 0.001). */
  baseMarginClip: z.number().gt(0).lt(0.5).optional(),
})

/** Parsed parameters, every default filled in. */
export type GbdtParams = z.output<typeof gbdtParamsSchema>
/** What callers may pass: any subset, defaults fill the rest. */
export type GbdtParamsInput = z.input<typeof gbdtParamsSchema>

/**
 * Validates user parameters and fills defaults; zod's issues end up in the error's `cause`.
 *
 * @example
 * parseGbdtParams({ maxDepth: 4 }).learningRate // 0.3
 */
export function parseGbdtParams(input: GbdtParamsInput = {}): GbdtParams {
  const parsed = gbdtParamsSchema.safeParse(input)
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')
    throw new GbdtError('GBDT_INVALID_PARAMS', `invalid GBDT parameters: ${detail}`, { cause: parsed.error })
  }
  return parsed.data
}

/**
 * The parameters in a fixed key order, so the serialised model is byte-identical for equal inputs
 * (object key order would otherwise follow whatever order the caller wrote).
 */
export function canonicalParams(params: GbdtParams): GbdtParams {
  const ordered: GbdtParams = {
    nEstimators: params.nEstimators,
    maxDepth: params.maxDepth,
    learningRate: params.learningRate,
    subsample: params.subsample,
    colsampleBytree: params.colsampleBytree,
    minChildWeight: params.minChildWeight,
    regLambda: params.regLambda,
    gamma: params.gamma,
    maxBin: params.maxBin,
    seed: params.seed,
  }
  if (params.earlyStoppingRounds !== undefined) ordered.earlyStoppingRounds = params.earlyStoppingRounds
  if (params.baseScore !== undefined) ordered.baseScore = params.baseScore
  if (params.baseMarginFeature !== undefined) ordered.baseMarginFeature = params.baseMarginFeature
  if (params.baseMarginClip !== undefined) ordered.baseMarginClip = params.baseMarginClip
  return ordered
}
