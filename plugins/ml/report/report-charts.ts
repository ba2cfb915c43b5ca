import type { ModelReportInput, TestPart } from './report-input.ts'
import { barChart } from './svg/bar-chart.ts'
import { calibrationChart } from './svg/calibration-chart.ts'
import { lineChart } from './svg/line-chart.ts'
import { rocChart } from './svg/roc-chart.ts'
import { rocArea, rocCurve } from './svg/roc-curve.ts'

/** Display names of the test parts, used in headings, captions and chart titles. */
export const PART_TITLES: Readonly<Record<TestPart, string>> = {
  pair_test: 'Pair test (unseen matchups)',
  species_test: 'Species test (unseen species)',
}

/** The same, short and lower-case, for running text. */
export const PART_NAMES: Readonly<Record<TestPart, string>> = {
  pair_test: 'pair test',
  species_test: 'species test',
}

/** File names of the charts; the Markdown links to them and the HTML inlines them. */
export const chartFiles = {
  calibration: 'calibration.svg',
  roc: (part: TestPart) => `roc-${part.replace(/_/g, '-')}.svg`,
  featureImportance: 'feature-importance.svg',
  trainingLoss: 'training-loss.svg',
} as const

/** How many features the importance chart shows: beyond ~20 bars nobody reads the tail. */
export const topFeatures = 20

/**
 * Every chart of the report, by file name. A test part without ROC inputs gets no ROC chart.
 *
 * @example
 * reportCharts(input)['calibration.svg'] // '<svg …'
 */
export function reportCharts(input: ModelReportInput, parts: readonly TestPart[]): Record<string, string> {
  const charts: Record<string, string> = {}
  charts[chartFiles.calibration] = calibrationChart(
    parts.map((part) => ({
      label: `model · ${PART_TITLES[part]}`,
      bins: input.evaluations[part].model.calibrationCurve,
    })),
    { title: 'Calibration of the model on the test parts' },
  )
  for (const part of parts) {
    const scored = input.roc[part]
    if (scored === undefined || Object.keys(scored).length === 0) continue
    // The model first, so it always gets the first (strongest) colour.
    const names = Object.keys(scored).sort((a, b) => Number(b === 'model') - Number(a === 'model'))
    const series = names.map((name) => {
      const points = rocCurve(scored[name]!)
      return { label: name, points, auc: rocArea(points) }
    })
    charts[chartFiles.roc(part)] = rocChart(series, { title: `ROC — ${PART_TITLES[part]}` })
  }
  const totalGain = input.featureImportance.reduce((sum, f) => sum + f.gain, 0)
  charts[chartFiles.featureImportance] = barChart({
    title: `Feature importance (top ${topFeatures} by gain)`,
    items: input.featureImportance.map((f) => ({
      label: f.feature,
      value: totalGain > 0 ? f.gain / totalGain : f.gain,
    })),
    limit: topFeatures,
    xLabel: 'Share of total gain',
  })
  const { trainLogLoss, validLogLoss, bestIteration } = input.history
  const rounds = (values: readonly number[]) => values.map((v, i) => [i + 1, v] as const)
  charts[chartFiles.trainingLoss] = lineChart({
    title: 'Log-loss per boosting round',
    xLabel: 'Boosting round',
    yLabel: 'Log-loss',
    series: [
      { label: 'training', points: rounds(trainLogLoss) },
      ...(validLogLoss === null ? [] : [{ label: 'validation', points: rounds(validLogLoss) }]),
    ],
    markers:
      trainLogLoss.length > 0 ? [{ x: bestIteration + 1, label: `best round ${bestIteration + 1}` }] : [],
  })
  return charts
}
