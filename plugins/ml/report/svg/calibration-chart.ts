import type { CalibrationBin } from '../../gbdt/metrics.ts'
import { formatCount, formatMetric } from '../format.ts'
import { pathThrough, unitAxis } from './axes.ts'
import { chartFrame, margins } from './chart-frame.ts'
import { seriesStyle } from './legend.ts'
import { element, escapeXml } from './xml.ts'

/** One predictor's reliability curve, e.g. `evaluateBinary(…).calibrationCurve`. */
export interface CalibrationSeries {
  label: string
  bins: readonly CalibrationBin[]
}

const side = 400
const minRadius = 2.5
const maxRadius = 11

type FilledBin = CalibrationBin & { meanPredicted: number; observedRate: number }

const isFilled = (bin: CalibrationBin): bin is FilledBin =>
  bin.trials > 0 && bin.meanPredicted !== null && bin.observedRate !== null

/**
 * Reliability diagram: for each non-empty bin, the mean predicted P(win) against the observed win
 * rate, a dot whose **area** is proportional to the bin's battles (radius ∝ √trials, one scale for
 * all series so sizes compare), lines joining the non-empty bins in order, and the diagonal of
 * perfect calibration. Empty bins are skipped: they have no rate to draw.
 *
 * @example
 * calibrationChart([{ label: 'model · pair test', bins: metrics.calibrationCurve }])
 */
export function calibrationChart(
  series: readonly CalibrationSeries[],
  options: { title?: string } = {},
): string {
  const area = { left: margins.left, top: margins.top, width: side, height: side }
  const x = unitAxis([area.left, area.left + side], 'Mean predicted P(A wins)')
  const y = unitAxis([area.top + side, area.top], 'Observed win rate')
  const filled = series.map((s) => s.bins.filter(isFilled))
  const largest = Math.max(0, ...filled.flat().map((bin) => bin.trials))
  const radius = (trials: number) =>
    largest > 0 ? minRadius + (maxRadius - minRadius) * Math.sqrt(trials / largest) : minRadius
  const diagonal = element('path', {
    class: 'diagonal',
    d: `M${x.scale.map(0)} ${y.scale.map(0)}L${x.scale.map(1)} ${y.scale.map(1)}`,
    stroke: '#9ca3af',
    'stroke-dasharray': '4 4',
    fill: 'none',
  })
  const layers = series.map((s, i) => {
    const style = seriesStyle(i)
    const bins = filled[i]!
    const at = (bin: FilledBin) => [x.scale.map(bin.meanPredicted), y.scale.map(bin.observedRate)] as const
    const line =
      bins.length > 1
        ? element('path', {
            class: 'series',
            d: pathThrough(bins.map(at), 0),
            fill: 'none',
            stroke: style.colour,
            'stroke-width': 2,
            'stroke-dasharray': style.dash,
          })
        : ''
    const dots = bins.map((bin) => {
      const [cx, cy] = at(bin)
      const tip =
        `${s.label}, p in [${bin.lower.toFixed(2)}, ${bin.upper.toFixed(2)}): mean predicted ` +
        `${formatMetric(bin.meanPredicted)}, observed ${formatMetric(bin.observedRate)}, ` +
        `${formatCount(bin.trials)} battles`
      return element(
        'circle',
        {
          class: 'point',
          cx,
          cy,
          r: radius(bin.trials),
          fill: style.colour,
          'fill-opacity': 0.8,
          stroke: '#ffffff',
          'stroke-width': 1,
        },
        element('title', {}, escapeXml(tip)),
      )
    })
    return element('g', { class: 'calibration-series' }, line + dots.join(''))
  })
  const points = filled.reduce((n, bins) => n + bins.length, 0)
  return chartFrame({
    title: options.title ?? 'Calibration (reliability diagram)',
    description:
      `Observed win rate against mean predicted probability per probability bin for ` +
      `${series.map((s) => s.label).join(', ') || 'no series'}; dot area is proportional to the ` +
      `number of battles in the bin; the dashed diagonal is perfect calibration.`,
    area,
    x,
    y,
    body: diagonal + layers.join(''),
    legend:
      series.length > 1
        ? series.map((s, i) => ({ label: s.label, style: seriesStyle(i), marker: 'point' as const }))
        : [],
    ...(points === 0 ? { note: 'no data' } : {}),
  })
}
