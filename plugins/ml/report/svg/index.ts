/**
 * Dependency-free SVG charts: pure functions from data to a standalone SVG string (valid XML,
 * `viewBox`, `<title>`/`<desc>`, system fonts, escaped text), for the evaluation report and the UI.
 */
export { type BarChartOptions, barChart } from './bar-chart.ts'
export { type CalibrationSeries, calibrationChart } from './calibration-chart.ts'
export { type LineChartOptions, lineChart } from './line-chart.ts'
export { type RocSeries, rocChart } from './roc-chart.ts'
export { type RocInput, type RocPoint, rocArea, rocCurve } from './roc-curve.ts'
export { escapeXml } from './xml.ts'
