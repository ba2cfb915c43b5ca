import { join } from 'node:path'

/** The metrics shown on the model page, in display order (keys of the evaluation metrics). */
export const METRIC_KEYS = ['accuracy', 'logLoss', 'brier', 'rocAuc', 'expectedCalibrationError'] as const
export type MetricKey = (typeof METRIC_KEYS)[number]
export type MetricRow = Partial<Record<MetricKey, number>>

/** The two test parts of every evaluation, as named in `modelInfo().metrics`. */
export const TEST_PARTS = ['pair_test', 'species_test'] as const
export type TestPart = (typeof TEST_PARTS)[number]

/** Baseline rules the report compares the model with. */
export const BASELINES = ['faster', 'bst', 'turns_to_ko'] as const

/** Report column header → metric key (the report is English; the page translates). */
const COLUMNS: Record<string, MetricKey> = {
  Accuracy: 'accuracy',
  'Log-loss': 'logLoss',
  Brier: 'brier',
  'ROC-AUC': 'rocAuc',
  ECE: 'expectedCalibrationError',
}
const SECTIONS: Record<TestPart, string> = { pair_test: 'Pair test', species_test: 'Species test' }

const cells = (line: string) =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.replace(/[*`]/g, '').trim())

/**
 * Baseline metrics per test part, read from the "Model vs baselines" tables of `report.md`.
 *
 * Why parse the report: the trainer computes baselines for the report only; neither
 * `modelInfo()` nor `metadata.json` carries them. Parsing is tolerant on purpose: a missing file
 * or a changed layout yields no baselines (the page then links the full report) instead of an error.
 *
 * @example
 * parseBaselines(markdown).pair_test.turns_to_ko?.logLoss // 0.4766
 */
export function parseBaselines(markdown: string): Record<TestPart, Record<string, MetricRow>> {
  const out: Record<TestPart, Record<string, MetricRow>> = { pair_test: {}, species_test: {} }
  for (const section of markdown.split(/^## /m)) {
    const part = TEST_PARTS.find((p) => section.startsWith(SECTIONS[p]))
    if (!part) continue
    const lines = section.split('\n')
    const start = lines.findIndex((l) => l.includes('Model vs baselines'))
    if (start < 0) continue
    const table = lines.slice(start + 1).filter((l) => l.trim().startsWith('|'))
    const header = table[0] ? cells(table[0]) : []
    for (const line of table.slice(2)) {
      const [name, ...values] = cells(line)
      if (!name || !(BASELINES as readonly string[]).includes(name)) continue
      const row: MetricRow = {}
      values.forEach((value, i) => {
        const key = COLUMNS[header[i + 1] ?? '']
        const number = Number(value)
        if (key && value !== '' && Number.isFinite(number)) row[key] = number
      })
      out[part][name] = row
    }
  }
  return out
}

/** Reads and parses `<modelsDir>/<dir>/report.md`; no file → no baselines. */
export async function readBaselines(modelsDir: string, dir: string) {
  const file = Bun.file(join(modelsDir, dir, 'report.md'))
  return parseBaselines((await file.exists()) ? await file.text() : '')
}

/** The model's own metrics for one part, keeping only finite numbers. */
export function modelMetrics(metrics: Record<string, unknown>, part: TestPart): MetricRow {
  const raw = metrics[part]
  const row: MetricRow = {}
  if (typeof raw !== 'object' || raw === null) return row
  for (const key of METRIC_KEYS) {
    const value = (raw as Record<string, unknown>)[key]
    if (typeof value === 'number' && Number.isFinite(value)) row[key] = value
  }
  return row
}
