import { ReportError } from '../errors.ts'
import { linearScale, niceTicks } from './axes.ts'
import { chartFrame, margins } from './chart-frame.ts'
import { seriesStyle } from './legend.ts'
import { element, escapeXml, text, textWidth, truncate } from './xml.ts'

export interface BarChartOptions {
  title: string
  items: readonly { label: string; value: number }[]
  /** Right end of the value axis (e.g. 1 for shares); default: the largest value. */
  max?: number
  /** How many bars to draw, largest first (default 20: more bars are unreadable). */
  limit?: number
  /** Value-axis title (default "Value"). */
  xLabel?: string
  /** How a bar's value label reads (default 4 decimals). */
  formatValue?: (value: number) => string
}

const rowHeight = 22
const barHeight = 14
const plotWidth = 420
const maxLabelChars = 40

/**
 * Horizontal bars, largest first, each with its value printed — made for gain-based feature
 * importance. Values must be finite and ≥ 0 (gains are); anything else is `REPORT_INVALID_INPUT`
 * rather than a silently wrong bar. Long labels are cut with "…" and kept whole in a tooltip.
 *
 * @example
 * barChart({ title: 'Feature importance (gain share)', items: [{ label: 'speed_diff', value: 0.31 }], max: 1 })
 */
export function barChart(options: BarChartOptions): string {
  options.items.forEach((item, i) => {
    if (!(Number.isFinite(item.value) && item.value >= 0))
      throw new ReportError(
        'REPORT_INVALID_INPUT',
        `bar "${item.label}" (item ${i}): value ${item.value} must be ≥ 0`,
      )
  })
  if (options.max !== undefined && !(options.max > 0 && Number.isFinite(options.max)))
    throw new ReportError('REPORT_INVALID_INPUT', `bar chart max ${options.max} must be a positive number`)
  const format = options.formatValue ?? ((value: number) => value.toFixed(4))
  const limit = options.limit ?? 20
  const items = options.items
    .map((item, index) => ({ ...item, index }))
    .sort((a, b) => b.value - a.value || a.index - b.index)
    .slice(0, limit)
  const labels = items.map((item) => truncate(item.label, maxLabelChars))
  const labelWidth = Math.max(60, ...labels.map((label) => textWidth(label)))
  const area = {
    left: Math.max(margins.left, 16 + labelWidth + 12),
    top: margins.top,
    width: plotWidth,
    height: Math.max(1, items.length) * rowHeight,
  }
  const largest = Math.max(0, ...items.map((item) => item.value))
  const ticks = niceTicks(0, options.max ?? (largest > 0 ? largest : 1), 5)
  const x = {
    scale: linearScale(ticks.domain, [area.left, area.left + area.width]),
    ticks: ticks.ticks,
    label: options.xLabel ?? 'Value',
    format: (value: number) => value.toFixed(ticks.decimals),
  }
  const y = {
    scale: linearScale([0, 1], [area.top + area.height, area.top]),
    ticks: [],
    label: '',
    format: String,
  }
  const colour = seriesStyle(0).colour
  const bars = items.map((item, i) => {
    const top = area.top + i * rowHeight + (rowHeight - barHeight) / 2
    const end = x.scale.map(Math.min(item.value, ticks.domain[1]))
    const width = end - area.left
    const valueText = format(item.value)
    // Why inside/outside: a label after a long bar would run off the canvas; inside it fits.
    const inside = textWidth(valueText, 11) + 8 < width && end > area.left + area.width * 0.75
    const bar = element(
      'rect',
      { class: 'bar', x: area.left, y: top, width: Math.max(0, width), height: barHeight, fill: colour },
      element('title', {}, escapeXml(`${item.label}: ${valueText}`)),
    )
    const middle = top + barHeight / 2 + 4
    const value = text(valueText, {
      class: 'value',
      x: inside ? end - 4 : end + 4,
      y: middle,
      'text-anchor': inside ? 'end' : 'start',
      'font-size': 11,
      fill: inside ? '#ffffff' : '#111827',
    })
    const label = text(labels[i]!, { x: area.left - 8, y: middle, 'text-anchor': 'end', fill: '#111827' })
    return bar + value + label
  })
  const shown =
    items.length < options.items.length
      ? `the top ${items.length} of ${options.items.length}`
      : `${items.length}`
  return chartFrame({
    title: options.title,
    description:
      `Horizontal bar chart of ${shown} items, largest first: ` +
      (items.map((item) => `${item.label} ${format(item.value)}`).join(', ') || 'none') +
      '.',
    area,
    x,
    y,
    body: bars.join(''),
    ...(items.length === 0 ? { note: 'no data' } : {}),
  })
}
