import { FEATURE_NAMES, FEATURE_SPEC_VERSION } from '../features/vector.ts'
import { renderModelReport } from '../report/index.ts'
import type { ReportContext } from './pipeline.ts'

/**
 * Turns a training run into the report files written next to the model: `report.md`,
 * `report.html` (self-contained) and the SVG charts (calibration, ROC, importance, loss).
 *
 * @example
 * const files = renderTrainingReport(context) // { 'report.md': …, 'calibration.svg': … }
 */
export function renderTrainingReport(context: ReportContext): Record<string, string> {
  const importance = context.model.featureImportance()
  const part = (e: ReportContext['evaluations']['pair_test']) => ({
    model: e.model,
    baselines: e.baselines,
    scenarios: e.perScenario,
  })
  const report = renderModelReport({
    model: {
      version: context.createdAt.slice(0, 10),
      createdAt: context.createdAt,
      featureSpecVersion: String(FEATURE_SPEC_VERSION),
      parameters: context.model.params as Record<string, unknown>,
    },
    dataset: {
      name: context.datasetName,
      manifestHash: context.datasetHash,
      rowsPerSplit: context.rowsPerSplit,
    },
    evaluations: {
      pair_test: part(context.evaluations.pair_test),
      species_test: part(context.evaluations.species_test),
    },
    roc: {
      pair_test: { model: context.evaluations.pair_test.scores },
      species_test: { model: context.evaluations.species_test.scores },
    },
    featureImportance: FEATURE_NAMES.map((feature, i) => ({ feature, gain: importance.totalGain[i] ?? 0 })),
    history: context.model.history,
    ...(context.search.length > 0
      ? {
          search: {
            rows: context.search.map((s) => ({
              params: s.params as Record<string, unknown>,
              cvLogLossMean: s.cvLogLoss,
              cvLogLossStd: s.cvLogLossStd,
            })),
            chosenIndex: 0,
            description: 'grouped k-fold CV by unordered pair; early stopping on the validation split',
          },
        }
      : {}),
  })
  return { 'report.md': report.markdown, 'report.html': report.html, ...report.charts }
}
