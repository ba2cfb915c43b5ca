import { describe, expect, test } from 'bun:test'
import { makeSyntheticBattles, splitRows } from '../../../testing/ml/synthetic-battles.ts'
import type { LabelledData } from './dataset.ts'
import { rocAuc } from './metrics.ts'
import type { GbdtModel } from './model.ts'
import { createRandom } from './prng.ts'
import { serializeModel } from './serialize.ts'
import { trainGbdt } from './train.ts'

/** label = (x0 > 0) XOR (x1 > 0), no noise; features 2.. are pure noise. */
function xorData(nRows: number, nFeatures: number, seed: number): LabelledData {
  const random = createRandom(seed)
  const values = new Float32Array(nRows * nFeatures)
  const wins: number[] = []
  for (let r = 0; r < nRows; r++) {
    for (let f = 0; f < nFeatures; f++) values[r * nFeatures + f] = random() * 2 - 1
    wins.push(values[r * nFeatures]! > 0 !== values[r * nFeatures + 1]! > 0 ? 1 : 0)
  }
  return { features: { values, nRows, nFeatures }, wins, trials: wins.map(() => 1) }
}

const auc = (model: GbdtModel, data: LabelledData) =>
  rocAuc({ probability: model.predictProba(data.features), wins: data.wins, trials: data.trials })

describe('trainGbdt learning', () => {
  test('learns an XOR interaction that no single split can (held-out AUC > 0.95)', () => {
    const [train, test] = splitRows(xorData(5000, 6, 11), 0.8)
    const model = trainGbdt(train, { nEstimators: 60, maxDepth: 4 })
    expect(auc(model, test)).toBeGreaterThan(0.95)
    // Stumps cannot represent the interaction: the same budget stays near chance.
    const stumps = trainGbdt(train, { nEstimators: 60, maxDepth: 1 })
    expect(auc(stumps, test)).toBeLessThan(0.65)
  })

  test('the training log-loss never rises from one round to the next', () => {
    const data = makeSyntheticBattles({ nRows: 4000, nFeatures: 10, seed: 5, maxTrials: 4 })
    const { trainLogLoss } = trainGbdt(data, { nEstimators: 80, maxDepth: 5 }).history
    expect(trainLogLoss).toHaveLength(80)
    for (let i = 1; i < trainLogLoss.length; i++)
      expect(trainLogLoss[i]!).toBeLessThanOrEqual(trainLogLoss[i - 1]!)
    expect(trainLogLoss.at(-1)!).toBeLessThan(trainLogLoss[0]! - 0.1)
  })

  test('predictions from the float thresholds reproduce the binned training margins', () => {
    const data = makeSyntheticBattles({ nRows: 3000, nFeatures: 12, seed: 8, maxTrials: 3 })
    const model = trainGbdt(data, { nEstimators: 30, subsample: 0.7, colsampleBytree: 0.5, seed: 3 })
    const p = model.predictProba(data.features)
    let loss = 0
    let trials = 0
    for (let r = 0; r < p.length; r++) {
      const w = Number(data.wins[r])
      const k = Number(data.trials[r])
      loss -= w * Math.log(p[r]!) + (k - w) * Math.log(1 - p[r]!)
      trials += k
    }
    expect(loss / trials).toBeCloseTo(model.history.trainLogLoss.at(-1)!, 10)
  })

  test('the base score is the trial-weighted win rate unless given', () => {
    const data = makeSyntheticBattles({ nRows: 500, nFeatures: 6, seed: 2, maxTrials: 5 })
    const totalWins = Array.from(data.wins).reduce((a, b) => a + b, 0)
    const totalTrials = Array.from(data.trials).reduce((a, b) => a + b, 0)
    expect(trainGbdt(data, { nEstimators: 1 }).baseScore).toBeCloseTo(totalWins / totalTrials, 12)
    const fixed = trainGbdt(data, { nEstimators: 1, baseScore: 0.3 })
    expect(fixed.baseScore).toBe(0.3)
    expect(fixed.baseMargin).toBeCloseTo(Math.log(0.3 / 0.7), 6)
  })
})

describe('trainGbdt reproducibility', () => {
  const data = makeSyntheticBattles({ nRows: 3000, nFeatures: 10, seed: 4, maxTrials: 2 })
  const params = { nEstimators: 25, subsample: 0.8, colsampleBytree: 0.6 }

  test('the same seed gives byte-identical serialised models', () => {
    const first = serializeModel(trainGbdt(data, { ...params, seed: 42 }))
    const second = serializeModel(trainGbdt(data, { ...params, seed: 42 }))
    expect(second).toBe(first)
  })

  test('another seed with subsampling gives another model', () => {
    const first = serializeModel(trainGbdt(data, { ...params, seed: 42 }))
    const other = serializeModel(trainGbdt(data, { ...params, seed: 43 }))
    expect(other).not.toBe(first)
  })
})

describe('trainGbdt early stopping', () => {
  test('stops once the validation loss has not improved for earlyStoppingRounds rounds', () => {
    // Pure noise: validation loss bottoms out almost at once while training keeps overfitting.
    const random = createRandom(9)
    const noise = (n: number): LabelledData => {
      const values = Float32Array.from({ length: n * 8 }, () => random())
      const wins = Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0))
      return { features: { values, nRows: n, nFeatures: 8 }, wins, trials: wins.map(() => 1) }
    }
    const model = trainGbdt(
      noise(2000),
      { nEstimators: 200, earlyStoppingRounds: 5 },
      { validation: noise(1000) },
    )
    const { validLogLoss, bestIteration, stoppedEarly, trainLogLoss } = model.history
    expect(stoppedEarly).toBe(true)
    expect(validLogLoss).not.toBeNull()
    expect(validLogLoss!.length).toBe(bestIteration + 6)
    expect(trainLogLoss.length).toBe(validLogLoss!.length)
    expect(model.nTrees).toBe(bestIteration + 1)
    expect(Math.min(...validLogLoss!)).toBe(validLogLoss![bestIteration]!)
    expect(model.nTrees).toBeLessThan(200)
  })

  test('without early stopping a validation set is only tracked', () => {
    const [train, valid] = splitRows(makeSyntheticBattles({ nRows: 1000, nFeatures: 6, seed: 3 }), 0.7)
    const model = trainGbdt(train, { nEstimators: 15 }, { validation: valid })
    expect(model.nTrees).toBe(15)
    expect(model.history.validLogLoss).toHaveLength(15)
    expect(model.history.bestIteration).toBe(14)
  })
})
