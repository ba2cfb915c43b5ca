import { GbdtError } from './errors.ts'

/**
 * A dense feature matrix, **row-major**: feature `f` of row `r` is `values[r * nFeatures + f]`.
 * Why row-major: histogram building walks one row's features together (one cache line per row),
 * which is XGBoost's dense layout too. Values must be finite: NaN/±Infinity are rejected because
 * the trainer does not learn default directions for missing values.
 */
export interface FeatureMatrix {
  values: Float32Array
  nRows: number
  nFeatures: number
}

/**
 * Battle outcomes as binomial counts: row `r` means "A won `wins[r]` of `trials[r]` battles".
 * Training uses the soft label wins/trials with sample weight `trials`, which is exactly the
 * log-likelihood of all individual battles.
 */
export interface LabelledData {
  features: FeatureMatrix
  wins: ArrayLike<number>
  trials: ArrayLike<number>
}

/** Soft labels and weights derived from win/trial counts, ready for the loss. */
export interface Targets {
  label: Float64Array
  weight: Float64Array
  totalWins: number
  totalTrials: number
}

/**
 * Checks shape and finiteness of a feature matrix; `expectedFeatures` enforces the model's width.
 *
 * @example
 * assertFeatureMatrix({ values: new Float32Array(6), nRows: 2, nFeatures: 3 }, { allowEmpty: false })
 */
export function assertFeatureMatrix(
  matrix: FeatureMatrix,
  options: { allowEmpty: boolean; expectedFeatures?: number; name?: string },
): void {
  const name = options.name ?? 'features'
  const { values, nRows, nFeatures } = matrix
  if (!Number.isInteger(nRows) || nRows < 0 || !Number.isInteger(nFeatures) || nFeatures < 1) {
    throw new GbdtError(
      'GBDT_SHAPE_MISMATCH',
      `${name}: nRows=${nRows}, nFeatures=${nFeatures} is not a shape`,
    )
  }
  if (options.expectedFeatures !== undefined && nFeatures !== options.expectedFeatures) {
    throw new GbdtError(
      'GBDT_FEATURE_COUNT_MISMATCH',
      `${name}: has ${nFeatures} features, the model expects ${options.expectedFeatures}`,
    )
  }
  if (!(values instanceof Float32Array)) {
    throw new GbdtError('GBDT_SHAPE_MISMATCH', `${name}: values must be a Float32Array`)
  }
  if (values.length !== nRows * nFeatures) {
    throw new GbdtError(
      'GBDT_SHAPE_MISMATCH',
      `${name}: ${values.length} values, expected nRows × nFeatures = ${nRows} × ${nFeatures}`,
    )
  }
  if (nRows === 0 && !options.allowEmpty) throw new GbdtError('GBDT_EMPTY_DATASET', `${name}: no rows`)
  for (let i = 0; i < values.length; i++) {
    // x - x is NaN exactly for NaN and ±Infinity: one cheap test per value.
    const v = values[i]!
    if (v - v !== 0) {
      const row = Math.floor(i / nFeatures)
      throw new GbdtError(
        'GBDT_NON_FINITE_FEATURE',
        `${name}: row ${row}, feature ${i - row * nFeatures} is ${v}; features must be finite`,
      )
    }
  }
}

/**
 * Validates counts and turns them into soft labels + weights.
 * `requireBothClasses` is set for training: a base score and a logistic fit need some wins and some
 * losses overall (all-zero or all-one labels are rejected with `GBDT_SINGLE_CLASS`).
 *
 * @example
 * toTargets([1, 0], [2, 1], 2, { requireBothClasses: true }) // label [0.5, 0], weight [2, 1]
 */
export function toTargets(
  wins: ArrayLike<number>,
  trials: ArrayLike<number>,
  nRows: number,
  options: { requireBothClasses: boolean; name?: string },
): Targets {
  const name = options.name ?? 'labels'
  if (wins.length !== nRows || trials.length !== nRows) {
    throw new GbdtError(
      'GBDT_SHAPE_MISMATCH',
      `${name}: ${wins.length} wins and ${trials.length} trials for ${nRows} rows`,
    )
  }
  const label = new Float64Array(nRows)
  const weight = new Float64Array(nRows)
  let totalWins = 0
  let totalTrials = 0
  for (let r = 0; r < nRows; r++) {
    const k = trials[r]!
    const w = wins[r]!
    if (!(k > 0 && Number.isFinite(k)) || !(w >= 0 && w <= k)) {
      throw new GbdtError('GBDT_INVALID_LABEL', `${name}: row ${r} has ${w} wins of ${k} trials`)
    }
    label[r] = w / k
    weight[r] = k
    totalWins += w
    totalTrials += k
  }
  if (options.requireBothClasses && (totalWins <= 0 || totalWins >= totalTrials)) {
    throw new GbdtError(
      'GBDT_SINGLE_CLASS',
      `${name}: ${totalWins} wins of ${totalTrials} trials; training needs both wins and losses`,
    )
  }
  return { label, weight, totalWins, totalTrials }
}

/**
 * Validates a labelled set in one call (features, then counts).
 *
 * @example
 * validateLabelledData(train, { name: 'training', requireBothClasses: true })
 */
export function validateLabelledData(
  data: LabelledData,
  options: { name: string; requireBothClasses: boolean; expectedFeatures?: number },
): Targets {
  assertFeatureMatrix(data.features, { allowEmpty: false, ...options })
  return toTargets(data.wins, data.trials, data.features.nRows, options)
}
