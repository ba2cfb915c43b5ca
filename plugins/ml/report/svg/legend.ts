import { element, text, truncate } from './xml.ts'

/**
 * Series styles: the Okabe–Ito colour-blind-safe palette, each colour paired with its own dash
 * pattern so series stay distinguishable in greyscale prints too.
 */
const palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999933']
const dashes = [undefined, '7 4', '2 3', '9 3 2 3', '4 2', '12 4', '1 2', '6 2 2 2']

export interface SeriesStyle {
  colour: string
  dash: string | undefined
}

/**
 * The style of the `index`-th series (cycles after 8).
 *
 * @example
 * seriesStyle(0) // { colour: '#0072B2', dash: undefined }
 */
export function seriesStyle(index: number): SeriesStyle {
  return { colour: palette[index % palette.length]!, dash: dashes[index % dashes.length] }
}

export interface LegendEntry {
  label: string
  style: SeriesStyle
  /** `line` draws a stroke sample, `point` adds a dot on it (series drawn with markers). */
  marker: 'line' | 'point'
}

/** Height of one legend row in px; charts add `legendHeight(n)` below the plot. */
export const legendRowHeight = 18

export function legendHeight(entries: number): number {
  return entries === 0 ? 0 : entries * legendRowHeight + 8
}

/**
 * A legend stacked one entry per row from (x, y) — below the plot, so it can never hide data.
 *
 * @example
 * legend(60, 420, [{ label: 'model', style: seriesStyle(0), marker: 'line' }])
 */
export function legend(x: number, y: number, entries: readonly LegendEntry[]): string {
  const rows = entries.map((entry, i) => {
    const rowY = y + i * legendRowHeight + legendRowHeight / 2
    const sample = element('line', {
      x1: x,
      y1: rowY,
      x2: x + 28,
      y2: rowY,
      stroke: entry.style.colour,
      'stroke-width': 2.5,
      'stroke-dasharray': entry.style.dash,
    })
    const dot =
      entry.marker === 'point'
        ? element('circle', { cx: x + 14, cy: rowY, r: 4, fill: entry.style.colour })
        : ''
    const label = text(truncate(entry.label, 72), { x: x + 36, y: rowY + 4, fill: '#111827' })
    return sample + dot + label
  })
  return element('g', { class: 'legend' }, rows.join(''))
}
