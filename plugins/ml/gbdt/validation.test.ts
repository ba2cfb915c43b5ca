import { describe, expect, test } from 'bun:test'
import { makeSyntheticBattles } from '../../../testing/ml/synthetic-battles.ts'
import type { LabelledData } from './dataset.ts'
import { GbdtError, type GbdtErrorCode } from './errors.ts'
import { trainGbdt } from './train.ts'

const good = makeSyntheticBattles({ nRows: 200, nFeatures: 6, seed: 1 })

function captured(run: () => unknown): GbdtError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(GbdtError)
    return error as GbdtError
  }
  throw new Error('expected a GbdtError, nothing was thrown')
}

function expectCode(run: () => unknown, code: GbdtErrorCode): void {
  const error = captured(run)
  expect(error.code).toBe(code)
  expect(error.plugin).toBe('ml')
}

const withValues = (values: Float32Array, nRows = good.features.nRows, nFeatures = 6): LabelledData => ({
  ...good,
  features: { values, nRows, nFeatures },
})

describe('training input validation', () => {
  test('an empty dataset → GBDT_EMPTY_DATASET', () => {
    expectCode(
      () =>
        trainGbdt({
          features: { values: new Float32Array(0), nRows: 0, nFeatures: 6 },
          wins: [],
          trials: [],
        }),
      'GBDT_EMPTY_DATASET',
    )
  })

  test('all losses or all wins → GBDT_SINGLE_CLASS', () => {
    const trials = Array.from(good.trials)
    expectCode(() => trainGbdt({ ...good, wins: trials.map(() => 0) }), 'GBDT_SINGLE_CLASS')
    expectCode(() => trainGbdt({ ...good, wins: trials }), 'GBDT_SINGLE_CLASS')
  })

  test('NaN and ±Infinity features → GBDT_NON_FINITE_FEATURE naming the cell', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const values = good.features.values.slice()
      values[3 * 6 + 2] = bad
      expectCode(() => trainGbdt(withValues(values)), 'GBDT_NON_FINITE_FEATURE')
    }
    const values = good.features.values.slice()
    values[3 * 6 + 2] = Number.NaN
    expect(() => trainGbdt(withValues(values))).toThrow('row 3, feature 2')
  })

  test('shape mismatches → GBDT_SHAPE_MISMATCH', () => {
    expectCode(() => trainGbdt(withValues(good.features.values.slice(1))), 'GBDT_SHAPE_MISMATCH')
    expectCode(() => trainGbdt({ ...good, wins: Array.from(good.wins).slice(1) }), 'GBDT_SHAPE_MISMATCH')
    expectCode(() => trainGbdt({ ...good, trials: [...Array.from(good.trials), 1] }), 'GBDT_SHAPE_MISMATCH')
    expectCode(() => trainGbdt(good, {}, { featureNames: ['a', 'b'] }), 'GBDT_SHAPE_MISMATCH')
  })

  test('impossible counts → GBDT_INVALID_LABEL', () => {
    const wins = Array.from(good.wins)
    wins[0] = 2 // of 1 trial
    expectCode(() => trainGbdt({ ...good, wins }), 'GBDT_INVALID_LABEL')
    const trials = Array.from(good.trials)
    trials[5] = 0
    expectCode(() => trainGbdt({ ...good, trials }), 'GBDT_INVALID_LABEL')
  })

  test('bad parameters → GBDT_INVALID_PARAMS with the zod issues as cause', () => {
    expectCode(() => trainGbdt(good, { maxDepth: 0 }), 'GBDT_INVALID_PARAMS')
    expectCode(() => trainGbdt(good, { subsample: 1.5 }), 'GBDT_INVALID_PARAMS')
    expectCode(() => trainGbdt(good, { earlyStoppingRounds: 5 }), 'GBDT_INVALID_PARAMS')
    const error = captured(() => trainGbdt(good, { learningRate: -1 }))
    expect(error.cause).toBeDefined()
    expect(error.message).toContain('learningRate')
  })

  test('a validation set of another width → GBDT_FEATURE_COUNT_MISMATCH', () => {
    const narrow = makeSyntheticBattles({ nRows: 50, nFeatures: 7, seed: 2 })
    expectCode(() => trainGbdt(good, {}, { validation: narrow }), 'GBDT_FEATURE_COUNT_MISMATCH')
  })
})

describe('prediction input validation', () => {
  const model = trainGbdt(good, { nEstimators: 3 })

  test('another feature count → GBDT_FEATURE_COUNT_MISMATCH', () => {
    const values = new Float32Array(10 * 7)
    expectCode(() => model.predictProba({ values, nRows: 10, nFeatures: 7 }), 'GBDT_FEATURE_COUNT_MISMATCH')
  })

  test('non-finite or mis-shaped input → coded errors; zero rows → empty result', () => {
    const values = new Float32Array(12)
    values[7] = Number.NaN
    expectCode(() => model.predictMargin({ values, nRows: 2, nFeatures: 6 }), 'GBDT_NON_FINITE_FEATURE')
    expectCode(() => model.predictMargin({ values, nRows: 3, nFeatures: 6 }), 'GBDT_SHAPE_MISMATCH')
    expect(model.predictProba({ values: new Float32Array(0), nRows: 0, nFeatures: 6 })).toHaveLength(0)
  })
})
