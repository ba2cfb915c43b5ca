import { describe, expect, test } from 'bun:test'
import { makeSyntheticBattles, withEstimateColumn } from '../../../testing/ml/synthetic-battles.ts'
import { GbdtError } from './errors.ts'
import { logit } from './loss.ts'
import { parseModel, serializeModel } from './serialize.ts'
import { trainGbdt } from './train.ts'

const data = withEstimateColumn(makeSyntheticBattles({ nRows: 3000, nFeatures: 8, seed: 5, maxTrials: 4 }))
const estimateColumn = data.features.nFeatures - 1
const estimateOf = (r: number) => data.features.values[r * data.features.nFeatures + estimateColumn]!

describe('margin prior (baseMarginFeature)', () => {
  test('every row starts from the clamped log-odds of its estimate, not from a constant', () => {
    // one tree that barely moves: the predictions are the prior itself
    const model = trainGbdt(data, { nEstimators: 1, learningRate: 1e-6, baseMarginFeature: estimateColumn })
    expect(model.baseScore).toBe(0.5)
    const margin = model.predictMargin(data.features)
    for (const r of [0, 1, 2, 89, 97, 500]) {
      const clamped = Math.min(0.999, Math.max(0.001, estimateOf(r)))
      expect(margin[r]!).toBeCloseTo(logit(clamped), 4)
    }
    const clipped = trainGbdt(data, {
      nEstimators: 1,
      learningRate: 1e-6,
      baseMarginFeature: estimateColumn,
      baseMarginClip: 0.1,
    })
    expect(clipped.predictMargin(data.features)[97]!).toBeCloseTo(logit(0.1), 4)
  })

  test('boosting learns the estimate’s error: a better fit than the same trees from a constant', () => {
    const params = { nEstimators: 30, maxDepth: 3, learningRate: 0.1, seed: 3 }
    const plain = trainGbdt(data, params)
    const fromPrior = trainGbdt(data, { ...params, baseMarginFeature: estimateColumn })
    const last = (m: typeof plain) => m.history.trainLogLoss.at(-1)!
    expect(last(fromPrior)).toBeLessThan(last(plain))
  })

  test('the prior travels with the model: serialised and read back, same margins; same bytes on 1 and 2 threads', () => {
    const params = {
      nEstimators: 12,
      maxDepth: 4,
      subsample: 0.8,
      seed: 9,
      baseMarginFeature: estimateColumn,
    }
    const one = trainGbdt(data, params, { threads: 1 })
    const two = trainGbdt(data, params, { threads: 2 })
    expect(serializeModel(two)).toBe(serializeModel(one))
    const back = parseModel(serializeModel(one))
    expect(back.params.baseMarginFeature).toBe(estimateColumn)
    expect(Array.from(back.predictMargin(data.features))).toEqual(
      Array.from(one.predictMargin(data.features)),
    )
  })

  test('a prior column outside the data is refused with a coded error', () => {
    let error: unknown
    try {
      trainGbdt(data, { nEstimators: 1, baseMarginFeature: data.features.nFeatures })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(GbdtError)
    expect((error as GbdtError).code).toBe('GBDT_INVALID_PARAMS')
  })
})
