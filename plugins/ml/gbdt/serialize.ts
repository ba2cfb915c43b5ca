import { z } from 'zod'
import { GbdtError } from './errors.ts'
import { GbdtModel, type GbdtTrees } from './model.ts'
import { canonicalParams, gbdtParamsSchema } from './params.ts'

const formatName = 'predictiondex-gbdt'
const formatVersion = 1

const finite = z.number().finite()
const int = z.number().int()
const modelJsonSchema = z.object({
  format: z.literal(formatName),
  version: z.literal(formatVersion),
  nFeatures: int.min(1),
  featureNames: z.array(z.string()).nullable(),
  baseScore: z.number().gt(0).lt(1),
  baseMargin: finite,
  params: gbdtParamsSchema,
  trees: z.object({
    treeStart: z.array(int.min(0)).min(1),
    feature: z.array(int.min(-1)),
    threshold: z.array(finite),
    left: z.array(int.min(-1)),
    right: z.array(int.min(-1)),
    value: z.array(finite),
    gain: z.array(finite),
  }),
  history: z.object({
    trainLogLoss: z.array(finite),
    validLogLoss: z.array(finite).nullable(),
    bestIteration: int.min(0),
    stoppedEarly: z.boolean(),
  }),
})

/**
 * The model as JSON text with a fixed key order and plain number arrays, so that equal models give
 * byte-identical text (the reproducibility check hashes it). float32 fields are written as their
 * exact double value and read back without loss.
 *
 * @example
 * const json = serializeModel(model)
 * parseModel(json).predictProba(features) // same probabilities as `model`
 */
export function serializeModel(model: GbdtModel): string {
  const { trees, history } = model
  return JSON.stringify({
    format: formatName,
    version: formatVersion,
    nFeatures: model.nFeatures,
    featureNames: model.featureNames,
    baseScore: model.baseScore,
    baseMargin: model.baseMargin,
    params: canonicalParams(model.params),
    trees: {
      treeStart: Array.from(trees.treeStart),
      feature: Array.from(trees.feature),
      threshold: Array.from(trees.threshold),
      left: Array.from(trees.left),
      right: Array.from(trees.right),
      value: Array.from(trees.value),
      gain: Array.from(trees.gain),
    },
    history: {
      trainLogLoss: history.trainLogLoss,
      validLogLoss: history.validLogLoss,
      bestIteration: history.bestIteration,
      stoppedEarly: history.stoppedEarly,
    },
  })
}

/**
 * Reads a model written by `serializeModel`, checking the schema and that every tree is well formed
 * (children inside their tree and numbered after their parent, so prediction always terminates).
 * Any problem → `GBDT_INVALID_MODEL`.
 *
 * @example
 * const model = parseModel(await Bun.file('model.json').text())
 */
export function parseModel(json: string): GbdtModel {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch (error) {
    throw new GbdtError('GBDT_INVALID_MODEL', 'model is not valid JSON', { cause: error })
  }
  const parsed = modelJsonSchema.safeParse(raw)
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ')
    throw new GbdtError('GBDT_INVALID_MODEL', `model JSON does not match the format: ${detail}`, {
      cause: parsed.error,
    })
  }
  const data = parsed.data
  const trees: GbdtTrees = {
    treeStart: Int32Array.from(data.trees.treeStart),
    feature: Int32Array.from(data.trees.feature),
    threshold: Float32Array.from(data.trees.threshold),
    left: Int32Array.from(data.trees.left),
    right: Int32Array.from(data.trees.right),
    value: Float32Array.from(data.trees.value),
    gain: Float64Array.from(data.trees.gain),
  }
  checkTrees(trees, data.nFeatures)
  if (data.featureNames !== null && data.featureNames.length !== data.nFeatures) {
    throw new GbdtError(
      'GBDT_INVALID_MODEL',
      `${data.featureNames.length} feature names for ${data.nFeatures} features`,
    )
  }
  const prior = data.params.baseMarginFeature
  if (prior !== undefined && prior >= data.nFeatures) {
    throw new GbdtError('GBDT_INVALID_MODEL', `margin prior feature ${prior} of ${data.nFeatures} features`)
  }
  return new GbdtModel({ ...data, trees })
}

function checkTrees(trees: GbdtTrees, nFeatures: number): void {
  const { treeStart, feature, left, right } = trees
  const nNodes = feature.length
  const fail = (message: string) => {
    throw new GbdtError('GBDT_INVALID_MODEL', message)
  }
  for (const column of [trees.threshold, left, right, trees.value, trees.gain]) {
    if (column.length !== nNodes) fail('tree arrays have different lengths')
  }
  if (treeStart[0] !== 0 || treeStart[treeStart.length - 1] !== nNodes)
    fail('treeStart does not cover the nodes')
  for (let t = 0; t + 1 < treeStart.length; t++) {
    const start = treeStart[t]!
    const size = treeStart[t + 1]! - start
    if (size < 1) fail(`tree ${t} has no nodes`)
    for (let local = 0; local < size; local++) {
      const node = start + local
      const f = feature[node]!
      if (f >= nFeatures) fail(`tree ${t} node ${local} uses feature ${f} of ${nFeatures}`)
      if (f < 0) continue
      for (const child of [left[node]!, right[node]!]) {
        if (child <= local || child >= size)
          fail(`tree ${t} node ${local} has child ${child} outside the tree`)
      }
    }
  }
}
