import { ReportError } from '../errors.ts'
import { linearScale, niceTicks, pathThrough } from './axes.ts'
import { chartFrame, margins } from './chart-frame.ts'
import { seriesStyle } from './legend.ts'
import { element, escapeXml, text } from './xml.ts'

export interface LineChartOptions {
  title: string
  xLabel: string
  yLabel: string
  series: readonly { label: string; points: readonly (readonly [number, number])[] }[]
  /** Vertical reference lines, e.g. the best boosting round. */
  markers?: readonly { x: number; label: string }[]
}

const plotWidth = 460
const plotHeight = 280

/**
 * Line chart of several numeric series on shared, "nice" axes — made for training and validation
 * log-loss per boosting round. The y axis is fitted to the data (not forced to 0) because the
 * interesting part of a loss curve is its last few hundredths. A one-point series is drawn as a dot.
 *
 * @example
 * lineChart({ title: 'Log-loss per round', xLabel: 'Round', yLabel: 'Log-loss',
 *   series: [{ label: 'train', points: history.trainLogLoss.map((v, i) => [i + 1, v]) }] })
 */
export function lineChart(options: LineChartOptions): string {
  const markers = options.markers ?? []
  const xs: number[] = markers.map((m) => m.x)
  const ys: number[] = []
  for (const s of options.series)
    s.points.forEach(([px, py], i) => {
      if (!(Number.isFinite(px) && Number.isFinite(py)))
        throw new ReportError('REPORT_INVALID_INPUT', `line series "${s.label}" point ${i} is not finite`)
      xs.push(px)
      ys.push(py)
    })
  const hasData = ys.length > 0
  // Loops, not Math.min(...xs): spreading 100k+ values overflows the call stack.
  const extent = (values: number[]) =>
    values.reduce<[number, number]>(
      ([lo, hi], v) => [Math.min(lo, v), Math.max(hi, v)],
      [Infinity, -Infinity],
    )
  const xTicks = hasData ? niceTicks(...extent(xs), 6) : niceTicks(0, 1, 5)
  const yTicks = hasData ? niceTicks(...extent(ys), 5) : niceTicks(0, 1, 5)
  const area = { left: margins.left, top: margins.top, width: plotWidth, height: plotHeight }
  const x = {
    scale: linearScale(xTicks.domain, [area.left, area.left + area.width]),
    ticks: xTicks.ticks,
    label: options.xLabel,
    format: (value: number) => value.toFixed(xTicks.decimals),
  }
  const y = {
    scale: linearScale(yTicks.domain, [area.top + area.height, area.top]),
    ticks: yTicks.ticks,
    label: options.yLabel,
    format: (value: number) => value.toFixed(yTicks.decimals),
  }
  const lines = options.series.map((s, i) => {
    const style = seriesStyle(i)
    const at = s.points.map(([px, py]) => [x.scale.map(px), y.scale.map(py)] as const)
    if (at.length === 0) return ''
    if (at.length === 1)
      return element('circle', { class: 'point', cx: at[0]![0], cy: at[0]![1], r: 3.5, fill: style.colour })
    return element('path', {
      class: 'series',
      d: pathThrough(at),
      fill: 'none',
      stroke: style.colour,
      'stroke-width': 2,
      'stroke-dasharray': style.dash,
      'stroke-linejoin': 'round',
    })
  })
  const rules = markers.map((m) => {
    const px = x.scale.map(m.x)
    return element(
      'g',
      { class: 'marker' },
      element('line', {
        x1: px,
        y1: area.top,
        x2: px,
        y2: area.top + area.height,
        stroke: '#6b7280',
        'stroke-dasharray': '3 3',
      }) +
        text(m.label, { x: px + 4, y: area.top + 12, 'font-size': 11, fill: '#374151' }) +
        element('title', {}, escapeXml(m.label)),
    )
  })
  const summary = options.series
    .map((s) => {
      const last = s.points[s.points.length - 1]
      return last
        ? `${s.label}: ${s.points.length} points, last (${last[0]}, ${last[1].toPrecision(4)})`
        : `${s.label}: empty`
    })
    .join('; ')
  return chartFrame({
    title: options.title,
    description: `Line chart of ${options.yLabel} against ${options.xLabel}. ${summary || 'No series.'}`,
    area,
    x,
    y,
    body: rules.join('') + lines.join(''),
    legend:
      options.series.length > 1
        ? options.series.map((s, i) => ({ label: s.label, style: seriesStyle(i), marker: 'line' as const }))
        : [],
    ...(hasData ? {} : { note: 'no data' }),
  })
}
