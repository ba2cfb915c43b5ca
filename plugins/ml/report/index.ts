/**
 * The model evaluation report (Markdown + self-contained HTML + SVG charts) and the SVG charts it
 * is made of. Internal to the `ml` plugin.
 */
export { ReportError, type ReportErrorCode } from './errors.ts'
export { formatCount, formatMetric } from './format.ts'
export { type ModelReport, renderModelReport } from './model-report.ts'
export {
  type ModelReportInput,
  type SearchRow,
  TEST_PARTS,
  type TestPart,
  type TestPartEvaluation,
} from './report-input.ts'
export * from './svg/index.ts'
