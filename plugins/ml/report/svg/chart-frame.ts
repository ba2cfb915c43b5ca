import { type AxisSpec, axes, type PlotArea } from './axes.ts'
import { type LegendEntry, legend, legendHeight } from './legend.ts'
import { element, svgDocument, text, truncate } from './xml.ts'

/** Space around the plot for the visible title (top) and tick labels and axis titles (bottom, left). */
export const margins = { top: 44, right: 28, bottom: 52, left: 72 }

/**
 * Assembles one chart: visible title, grid and axes, the data layer, and a legend below the plot.
 * The document height grows with the legend, so a legend never covers data.
 *
 * @example
 * chartFrame({ title: 'ROC', description: '…', area, x, y, body: paths, legend: entries })
 */
export function chartFrame(options: {
  title: string
  description: string
  area: PlotArea
  x: AxisSpec
  y: AxisSpec
  /** The data layer, already serialised. */
  body: string
  legend?: readonly LegendEntry[]
  /** Text drawn in the middle of the plot (e.g. "no data"). */
  note?: string
}): string {
  const { area } = options
  const entries = options.legend ?? []
  const width = area.left + area.width + margins.right
  const plotBottom = area.top + area.height + margins.bottom
  const height = plotBottom + legendHeight(entries.length)
  const heading = text(truncate(options.title, 90), {
    x: area.left,
    y: 26,
    'font-size': 15,
    'font-weight': 600,
    fill: '#111827',
  })
  const note =
    options.note === undefined
      ? ''
      : text(options.note, {
          x: area.left + area.width / 2,
          y: area.top + area.height / 2,
          'text-anchor': 'middle',
          fill: '#6b7280',
          class: 'note',
        })
  const body =
    heading +
    axes(area, options.x, options.y) +
    element('g', { class: 'data' }, options.body) +
    note +
    (entries.length > 0 ? legend(area.left, plotBottom, entries) : '')
  return svgDocument({ width, height, title: options.title, description: options.description, body })
}
