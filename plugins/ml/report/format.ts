/**
 * Number formatting shared by the Markdown, the HTML and the charts, so one figure reads the same
 * everywhere. Locale is pinned to `en-US` (never the machine's): the report must be byte-identical
 * wherever it is rendered, and tests compare strings.
 */

const counts = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })

/**
 * A metric with exactly 4 decimals (accuracy, AUC, log-loss…); non-finite values print as `n/a`.
 *
 * @example
 * formatMetric(0.712345) // '0.7123'
 */
export function formatMetric(value: number): string {
  if (!Number.isFinite(value)) return 'n/a'
  const text = value.toFixed(4)
  return text === '-0.0000' ? '0.0000' : text
}

/**
 * A count with thousands separators; trial-weighted counts may be fractional, so up to 2 decimals.
 *
 * @example
 * formatCount(1234567) // '1,234,567'
 */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? counts.format(value) : 'n/a'
}

/**
 * A hyper-parameter value as written in a table: numbers without trailing noise (0.1 not
 * 0.10000000000000001), anything else as JSON.
 *
 * @example
 * formatParam(0.1 + 0.2) // '0.3'
 */
export function formatParam(value: unknown): string {
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)))
  if (typeof value === 'string') return value
  if (value === undefined) return '—'
  return JSON.stringify(value)
}
