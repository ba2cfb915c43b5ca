import { describe, expect, test } from 'bun:test'
import { makeSyntheticBattles } from '../../../testing/ml/synthetic-battles.ts'
import { GbdtError } from './errors.ts'
import { recordLayout } from './row-store.ts'
import { serializeModel } from './serialize.ts'
import { allocateSharedTraining, SEGMENT_ROWS } from './shared-training.ts'
import { createTrainingTeam } from './team.ts'
import { trainGbdt } from './train.ts'

// More rows than two segments, so partitions, margins and histograms really are shared out.
const data = makeSyntheticBattles({ nRows: 2 * SEGMENT_ROWS + 3000, nFeatures: 9, seed: 4, maxTrials: 3 })

describe('training on several threads', () => {
  test('1, 2 and 3 threads give byte-identical models', () => {
    const params = { nEstimators: 12, maxDepth: 5, seed: 9 }
    const [one, two, three] = [1, 2, 3].map((threads) => serializeModel(trainGbdt(data, params, { threads })))
    expect(two).toBe(one!)
    expect(three).toBe(one!)
  })

  test('row and column subsampling stay identical across thread counts', () => {
    const params = { nEstimators: 8, maxDepth: 4, subsample: 0.6, colsampleBytree: 0.5, seed: 2 }
    const one = serializeModel(trainGbdt(data, params, { threads: 1 }))
    expect(serializeModel(trainGbdt(data, params, { threads: 2 }))).toBe(one)
  })

  test('a run on the memory another run used (shelved, reused) gives the bytes of the first', () => {
    const params = { nEstimators: 6, maxDepth: 5, seed: 3 }
    const other = makeSyntheticBattles({ nRows: data.features.nRows, nFeatures: 9, seed: 8, maxTrials: 5 })
    const first = serializeModel(trainGbdt(data, params, { threads: 2 }))
    trainGbdt(other, { ...params, seed: 5 }, { threads: 2 })
    expect(serializeModel(trainGbdt(data, params, { threads: 2 }))).toBe(first)
  })

  test('a thread count outside 1..64 is refused with GBDT_INVALID_PARAMS', () => {
    for (const threads of [0, 1.5, 65]) {
      expect(() => trainGbdt(data, { nEstimators: 1 }, { threads })).toThrow(
        expect.objectContaining({ code: 'GBDT_INVALID_PARAMS' }),
      )
    }
  })

  test('a task that throws on a worker surfaces as GBDT_THREAD_FAILED, and the team still closes', () => {
    const shared = allocateSharedTraining(recordLayout(4, 1), 10, 16, 2, new Float32Array(40), true)
    const team = createTrainingTeam(shared, 2)
    try {
      shared.intArgs[0] = 99 // no such operation: every task throws, on both threads
      let caught: unknown
      try {
        team.run(8)
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(GbdtError)
      expect((caught as GbdtError).code).toBe('GBDT_THREAD_FAILED')
      expect((caught as GbdtError).message).toContain('unknown training operation 99')
    } finally {
      team.close()
    }
    team.close()
  })
})
