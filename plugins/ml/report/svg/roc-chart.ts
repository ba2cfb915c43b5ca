import { ReportError } from '../errors.ts'
import { formatMetric } from '../format.ts'
import { pathThrough, unitAxis } from './axes.ts'
import { chartFrame, margins } from './chart-frame.ts'
import { seriesStyle } from './legend.ts'
import { element } from './xml.ts'

/** One curve: its points (e.g. from `rocCurve`) in drawing order, and the AUC shown in the legend. */
export interface RocSeries {
  label: string
  points: readonly { fpr: number; tpr: number }[]
  auc: number
}

const side = 400

/**
 * ROC curves of several predictors on one test set, the chance diagonal, and each AUC in the legend.
 *
 * @example
 * const points = rocCurve(scored)
 * rocChart([{ label: 'model', points, auc: rocArea(points) }])
 */
export function rocChart(series: readonly RocSeries[], options: { title?: string } = {}): string {
  const area = { left: margins.left, top: margins.top, width: side, height: side }
  const x = unitAxis([area.left, area.left + side], 'False positive rate')
  const y = unitAxis([area.top + side, area.top], 'True positive rate')
  const diagonal = element('path', {
    class: 'diagonal',
    d: `M${x.scale.map(0)} ${y.scale.map(0)}L${x.scale.map(1)} ${y.scale.map(1)}`,
    stroke: '#9ca3af',
    'stroke-dasharray': '4 4',
    fill: 'none',
  })
  const curves = series.map((s, i) => {
    s.points.forEach((p, j) => {
      if (!(Number.isFinite(p.fpr) && Number.isFinite(p.tpr)))
        throw new ReportError('REPORT_INVALID_INPUT', `ROC series "${s.label}" point ${j} is not finite`)
    })
    const style = seriesStyle(i)
    const d = pathThrough(s.points.map((p) => [x.scale.map(p.fpr), y.scale.map(p.tpr)] as const))
    if (d === '') return ''
    return element('path', {
      class: 'series',
      d,
      fill: 'none',
      stroke: style.colour,
      'stroke-width': 2,
      'stroke-dasharray': style.dash,
      'stroke-linejoin': 'round',
    })
  })
  const summary = series.map((s) => `${s.label}: AUC ${formatMetric(s.auc)}`).join('; ')
  return chartFrame({
    title: options.title ?? 'ROC curve',
    description:
      `Receiver operating characteristic: true positive rate against false positive rate as the ` +
      `decision threshold falls; the dashed diagonal is a random guess. ${summary || 'No series.'}`,
    area,
    x,
    y,
    body: diagonal + curves.join(''),
    legend: series.map((s, i) => ({
      label: `${s.label} (AUC ${formatMetric(s.auc)})`,
      style: seriesStyle(i),
      marker: 'line' as const,
    })),
    ...(series.length === 0 ? { note: 'no data' } : {}),
  })
}
