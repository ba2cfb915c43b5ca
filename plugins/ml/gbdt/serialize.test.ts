import { describe, expect, test } from 'bun:test'
import { makeSyntheticBattles } from '../../../testing/ml/synthetic-battles.ts'
import { GbdtError } from './errors.ts'
import { parseModel, serializeModel } from './serialize.ts'
import { trainGbdt } from './train.ts'

const data = makeSyntheticBattles({ nRows: 1500, nFeatures: 8, seed: 6, maxTrials: 3 })
const model = trainGbdt(
  data,
  { nEstimators: 12, subsample: 0.9, seed: 1 },
  { featureNames: 'abcdefgh'.split('') },
)

const codeOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return error instanceof GbdtError ? error.code : 'not a GbdtError'
  }
  return 'no error'
}

describe('serializeModel / parseModel', () => {
  test('round-trips to identical predictions and identical bytes', () => {
    const json = serializeModel(model)
    const back = parseModel(json)
    expect(Array.from(back.predictProba(data.features))).toEqual(
      Array.from(model.predictProba(data.features)),
    )
    expect(serializeModel(back)).toBe(json)
    expect(back.featureNames).toEqual('abcdefgh'.split(''))
    expect(back.params).toEqual(model.params)
    expect(back.history).toEqual(model.history)
  })

  test('keeps float32 thresholds and leaf values exact', () => {
    const back = parseModel(serializeModel(model))
    expect(Array.from(back.trees.threshold)).toEqual(Array.from(model.trees.threshold))
    expect(Array.from(back.trees.value)).toEqual(Array.from(model.trees.value))
  })

  test('rejects text that is not a model with GBDT_INVALID_MODEL', () => {
    expect(codeOf(() => parseModel('{not json'))).toBe('GBDT_INVALID_MODEL')
    expect(codeOf(() => parseModel('{"format":"something-else"}'))).toBe('GBDT_INVALID_MODEL')
  })

  test('rejects structurally broken trees (a child pointing outside its tree, a cycle, a bad feature)', () => {
    const corrupt = (edit: (raw: any) => void) => {
      const raw = JSON.parse(serializeModel(model))
      edit(raw)
      return () => parseModel(JSON.stringify(raw))
    }
    expect(codeOf(corrupt((raw) => (raw.trees.left[0] = 9999)))).toBe('GBDT_INVALID_MODEL')
    expect(codeOf(corrupt((raw) => (raw.trees.right[0] = 0)))).toBe('GBDT_INVALID_MODEL')
    expect(codeOf(corrupt((raw) => (raw.trees.feature[0] = 8)))).toBe('GBDT_INVALID_MODEL')
    expect(codeOf(corrupt((raw) => raw.trees.value.pop()))).toBe('GBDT_INVALID_MODEL')
    expect(codeOf(corrupt((raw) => (raw.featureNames = ['x'])))).toBe('GBDT_INVALID_MODEL')
  })
})
