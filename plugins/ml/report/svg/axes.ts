import { coord, element, text } from './xml.ts'

/** A linear map from data values to SVG coordinates. */
export interface LinearScale {
  domain: readonly [number, number]
  range: readonly [number, number]
  map(value: number): number
}

/**
 * @example
 * linearScale([0, 1], [40, 440]).map(0.5) // 240
 */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain
  const [r0, r1] = range
  const span = d1 - d0 || 1
  return { domain, range, map: (value) => r0 + ((value - d0) / span) * (r1 - r0) }
}

/** Ticks and a domain widened to whole steps, plus how many decimals a tick label needs. */
export interface NiceTicks {
  domain: [number, number]
  ticks: number[]
  decimals: number
}

/**
 * "Nice" ticks (steps of 1, 2 or 5 × 10^k) covering [min, max] with about `count` intervals;
 * the domain is widened to the outer ticks so the data never touches an unlabelled edge.
 *
 * @example
 * niceTicks(0.43, 0.71) // { domain: [0.4, 0.75], ticks: [0.4, 0.45, …, 0.75], decimals: 2 }
 */
export function niceTicks(min: number, max: number, count = 5): NiceTicks {
  let lo = Number.isFinite(min) ? min : 0
  let hi = Number.isFinite(max) ? max : 1
  if (hi < lo) [lo, hi] = [hi, lo]
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1
    lo -= pad
    hi += pad
  }
  const raw = (hi - lo) / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const mantissa = raw / magnitude
  const step = (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10) * magnitude
  const first = Math.floor(lo / step + 1e-9)
  const last = Math.ceil(hi / step - 1e-9)
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9))
  const ticks: number[] = []
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toFixed(decimals)))
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks, decimals }
}

/** The rectangle the data is drawn in, in SVG coordinates. */
export interface PlotArea {
  left: number
  top: number
  width: number
  height: number
}

export interface AxisSpec {
  scale: LinearScale
  ticks: readonly number[]
  label: string
  format: (value: number) => string
}

const gridColour = '#e5e7eb'
const axisColour = '#374151'

/**
 * Grid lines, both axes with ticks and tick labels, and the axis titles (y title rotated). Drawn
 * first so data sits on top of the grid.
 *
 * @example
 * axes(area, { scale: x, ticks: [0, 0.5, 1], label: 'FPR', format: String }, { … })
 */
export function axes(area: PlotArea, x: AxisSpec, y: AxisSpec): string {
  const bottom = area.top + area.height
  const right = area.left + area.width
  const parts: string[] = []
  for (const tick of x.ticks) {
    const px = x.scale.map(tick)
    parts.push(element('line', { x1: px, y1: area.top, x2: px, y2: bottom, stroke: gridColour }))
    parts.push(element('line', { x1: px, y1: bottom, x2: px, y2: bottom + 5, stroke: axisColour }))
    parts.push(text(x.format(tick), { x: px, y: bottom + 18, 'text-anchor': 'middle', fill: axisColour }))
  }
  for (const tick of y.ticks) {
    const py = y.scale.map(tick)
    parts.push(element('line', { x1: area.left, y1: py, x2: right, y2: py, stroke: gridColour }))
    parts.push(element('line', { x1: area.left - 5, y1: py, x2: area.left, y2: py, stroke: axisColour }))
    parts.push(text(y.format(tick), { x: area.left - 8, y: py + 4, 'text-anchor': 'end', fill: axisColour }))
  }
  const frame = `M${coord(area.left)} ${coord(area.top)}V${coord(bottom)}H${coord(right)}`
  parts.push(element('path', { d: frame, fill: 'none', stroke: axisColour, 'stroke-width': 1 }))
  if (x.label !== '')
    parts.push(
      text(x.label, {
        x: area.left + area.width / 2,
        y: bottom + 38,
        'text-anchor': 'middle',
        'font-size': 13,
        fill: '#111827',
      }),
    )
  const yMid = area.top + area.height / 2
  if (y.label !== '')
    parts.push(
      text(y.label, {
        x: area.left - 48,
        y: yMid,
        'text-anchor': 'middle',
        'font-size': 13,
        fill: '#111827',
        transform: `rotate(-90 ${coord(area.left - 48)} ${coord(yMid)})`,
      }),
    )
  return element('g', { class: 'axes' }, parts.join(''))
}

/**
 * An SVG path through points, dropping points that land within `minStep` px of the last kept one.
 * Why: a ROC curve over 100k test rows has 100k vertices; below a pixel they add bytes, not ink.
 * The first and last points are always kept.
 *
 * @example
 * pathThrough([[0, 0], [0.2, 0.1], [10, 10]]) // 'M0 0L10 10'
 */
export function pathThrough(points: readonly (readonly [number, number])[], minStep = 0.75): string {
  if (points.length === 0) return ''
  const [x0, y0] = points[0]!
  let d = `M${coord(x0)} ${coord(y0)}`
  let lastX = x0
  let lastY = y0
  for (let i = 1; i < points.length; i++) {
    const [px, py] = points[i]!
    const isLast = i === points.length - 1
    if (!isLast && Math.abs(px - lastX) < minStep && Math.abs(py - lastY) < minStep) continue
    d += `L${coord(px)} ${coord(py)}`
    lastX = px
    lastY = py
  }
  return d
}

/**
 * An axis over [0, 1] with ticks every 0.2 — probabilities and rates, the ROC and reliability axes.
 *
 * @example
 * unitAxis([72, 472], 'False positive rate').scale.map(0.5) // 272
 */
export function unitAxis(range: readonly [number, number], label: string): AxisSpec {
  return {
    scale: linearScale([0, 1], range),
    ticks: [0, 0.2, 0.4, 0.6, 0.8, 1],
    label,
    format: (value) => value.toFixed(1),
  }
}
