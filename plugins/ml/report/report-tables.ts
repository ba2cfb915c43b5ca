import type { BinaryMetrics, ConfusionMatrix } from '../gbdt/metrics.ts'
import type { Block, Column, Inline } from './document.ts'
import { formatCount, formatMetric, formatParam } from './format.ts'
import type { ModelReportInput, SearchRow } from './report-input.ts'

type MetricKey =
  | 'accuracy'
  | 'precision'
  | 'recall'
  | 'f1'
  | 'rocAuc'
  | 'logLoss'
  | 'brier'
  | 'expectedCalibrationError'

/** The compared metrics, in table order, and which direction is better. */
export const METRIC_COLUMNS: readonly { key: MetricKey; title: string; better: 'higher' | 'lower' }[] = [
  { key: 'accuracy', title: 'Accuracy', better: 'higher' },
  { key: 'precision', title: 'Precision', better: 'higher' },
  { key: 'recall', title: 'Recall', better: 'higher' },
  { key: 'f1', title: 'F1', better: 'higher' },
  { key: 'rocAuc', title: 'ROC-AUC', better: 'higher' },
  { key: 'logLoss', title: 'Log-loss', better: 'lower' },
  { key: 'brier', title: 'Brier', better: 'lower' },
  { key: 'expectedCalibrationError', title: 'ECE', better: 'lower' },
]

const right = (title: string): Column => ({ title, align: 'right' })

/**
 * The best entry of each column is bold. Comparison happens on the **printed** values, so two rows
 * that read the same (equal to 4 decimals) are both bold — a reader could not tell them apart.
 */
function boldBest(values: readonly number[], better: 'higher' | 'lower'): Inline[] {
  const printed = values.map(formatMetric)
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return printed
  const best = formatMetric(better === 'higher' ? Math.max(...finite) : Math.min(...finite))
  return printed.map((text) => (text === best ? { strong: text } : text))
}

/**
 * "Model vs baselines" for one test part: one row per predictor, the 8 metrics as columns.
 *
 * @example
 * comparisonTable('Pair test', 'model v3', evaluation.model, evaluation.baselines)
 */
export function comparisonTable(
  caption: string,
  modelLabel: string,
  model: BinaryMetrics,
  baselines: Readonly<Record<string, BinaryMetrics>>,
): Block {
  const predictors: [Inline, BinaryMetrics][] = [
    [{ code: modelLabel }, model],
    ...Object.entries(baselines).map(([name, metrics]): [Inline, BinaryMetrics] => [{ code: name }, metrics]),
  ]
  const columns = METRIC_COLUMNS.map((c) =>
    boldBest(
      predictors.map(([, metrics]) => metrics[c.key]),
      c.better,
    ),
  )
  return {
    kind: 'table',
    caption,
    columns: [{ title: 'Predictor' }, ...METRIC_COLUMNS.map((c) => right(c.title))],
    rows: predictors.map(([name], r) => [name, ...columns.map((column) => column[r]!)]),
  }
}

/**
 * The model's trial-weighted confusion matrix at p ≥ 0.5, with row totals.
 *
 * @example
 * confusionTable('Pair test', evaluation.model.confusion)
 */
export function confusionTable(caption: string, matrix: ConfusionMatrix): Block {
  const { truePositive: tp, falsePositive: fp, trueNegative: tn, falseNegative: fn } = matrix
  return {
    kind: 'table',
    caption,
    columns: [{ title: 'Actual / predicted' }, right('A wins'), right('B wins'), right('Total')],
    rows: [
      ['A won', formatCount(tp), formatCount(fn), formatCount(tp + fn)],
      ['B won', formatCount(fp), formatCount(tn), formatCount(fp + tn)],
      ['Total', formatCount(tp + fp), formatCount(fn + tn), formatCount(tp + fp + tn + fn)],
    ],
  }
}

/**
 * The model per scenario: battles and the probability metrics (no bold: scenarios are not rivals).
 *
 * @example
 * scenarioTable('Pair test', evaluation.scenarios)
 */
export function scenarioTable(caption: string, scenarios: Readonly<Record<string, BinaryMetrics>>): Block {
  const keys: MetricKey[] = ['accuracy', 'rocAuc', 'logLoss', 'brier', 'expectedCalibrationError']
  const titles = keys.map((key) => METRIC_COLUMNS.find((c) => c.key === key)!.title)
  return {
    kind: 'table',
    caption,
    columns: [{ title: 'Scenario' }, right('Battles'), ...titles.map(right)],
    rows: Object.entries(scenarios).map(([name, m]) => [
      { code: name },
      formatCount(m.trials),
      ...keys.map((key) => formatMetric(m[key])),
    ]),
  }
}

/** Parameter names whose value differs between candidates (the searched axes), first-seen order. */
function searchedKeys(rows: readonly SearchRow[]): string[] {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row.params)))]
  const varying = keys.filter((key) => new Set(rows.map((row) => formatParam(row.params[key]))).size > 1)
  return varying.length > 0 ? varying : keys
}

/**
 * The `limit` best candidates by mean CV log-loss (ties keep grid order); the chosen one is marked
 * and always listed, even when it is not among them (e.g. picked by a one-standard-error rule).
 *
 * @example
 * searchTable(input.search)
 */
export function searchTable(search: NonNullable<ModelReportInput['search']>, limit = 10): Block {
  const ranked = search.rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => a.row.cvLogLossMean - b.row.cvLogLossMean || a.index - b.index)
  const shown = ranked.slice(0, limit)
  const chosen = ranked.find((entry) => entry.index === search.chosenIndex)
  if (chosen !== undefined && !shown.includes(chosen)) shown.push(chosen)
  const keys = searchedKeys(search.rows)
  const bestMean = ranked[0] === undefined ? '' : formatMetric(ranked[0].row.cvLogLossMean)
  return {
    kind: 'table',
    caption:
      `Top ${Math.min(limit, ranked.length)} of ${formatCount(ranked.length)} configurations by CV log-loss` +
      (shown.length > limit ? ', plus the chosen one' : ''),
    columns: [
      right('Rank'),
      ...keys.map((key) => right(key)),
      right('CV log-loss'),
      right('± std'),
      { title: 'Chosen' },
    ],
    rows: shown.map(({ row, index }) => {
      const mean = formatMetric(row.cvLogLossMean)
      return [
        String(ranked.findIndex((entry) => entry.index === index) + 1),
        ...keys.map((key) => formatParam(row.params[key])),
        mean === bestMean ? { strong: mean } : mean,
        formatMetric(row.cvLogLossStd),
        index === search.chosenIndex ? { strong: 'chosen' } : '',
      ]
    }),
  }
}

/**
 * A two-column key/value table (model identity, parameters, rows per split).
 *
 * @example
 * keyValueTable('Parameters', [[{ code: 'maxDepth' }, '6']])
 */
export function keyValueTable(
  caption: string,
  rows: readonly (readonly [Inline, Inline])[],
  titles: readonly [Column, Column] = [{ title: 'Name' }, { title: 'Value' }],
): Block {
  return { kind: 'table', caption, columns: titles, rows: rows.map(([name, value]) => [name, value]) }
}
