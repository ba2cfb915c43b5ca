import { FEATURE_NAMES, FEATURE_SPEC_VERSION } from '../../plugins/ml/features/vector.ts'
import type { ModelMetadata } from '../../plugins/ml/model/files.ts'

/**
 * Metadata of a model folder that passes `readModelDir`'s checks (this code's feature spec), for
 * tests that write folders with `writeModelDir` without training anything.
 */
export function modelMetadata(
  overrides: Partial<Omit<ModelMetadata, 'dir' | 'sha256'>> = {},
): Omit<ModelMetadata, 'dir' | 'sha256'> {
  return {
    format: 'predictiondex-model/1',
    createdAt: '2026-11-26T00:00:00.000Z',
    gitCommit: null,
    featureSpec: { version: FEATURE_SPEC_VERSION, names: [...FEATURE_NAMES] },
    params: {},
    bestIteration: 0,
    trees: 1,
    dataset: { name: 'd', contentHash: 'h', rows: {} },
    engine: {},
    metrics: {},
    reference: [],
    runId: null,
    ...overrides,
  }
}
