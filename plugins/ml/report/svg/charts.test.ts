import { describe, expect, test } from 'bun:test'
import { parseSvg, randomScoredRows } from '../../../../testing/ml/report-fixtures.ts'
import { type CalibrationBin, calibration } from '../../gbdt/metrics.ts'
import { createRandom } from '../../gbdt/prng.ts'
import { barChart } from './bar-chart.ts'
import { calibrationChart } from './calibration-chart.ts'
import { lineChart } from './line-chart.ts'

const hostile = '<script>alert("x")</script> & co'

/** Every chart must be standalone and inert: no scripts, no external fonts, images or styles. */
function expectStandalone(svg: string) {
  const root = parseSvg(svg)
  expect(root.getAttribute('viewBox')).toMatch(/^0 0 [\d.]+ [\d.]+$/)
  expect(root.firstElementChild!.tagName).toBe('title')
  expect(root.firstElementChild!.nextElementSibling!.tagName).toBe('desc')
  expect(root.querySelector('title')!.textContent!.length).toBeGreaterThan(0)
  expect(svg).not.toMatch(/<script|href=|@import|@font-face|url\(|<image|<foreignObject/i)
  return root
}

const bins = (rows: number, seed: number) => calibration(randomScoredRows(createRandom(seed), rows)).bins

describe('calibrationChart', () => {
  test('one dot per non-empty bin, one line per series, a legend for several series', () => {
    const a = bins(2_000, 1)
    const b = bins(800, 2)
    const root = expectStandalone(
      calibrationChart([
        { label: 'pair test', bins: a },
        { label: 'species test', bins: b },
      ]),
    )
    const series = root.querySelectorAll('g.calibration-series')
    expect(series).toHaveLength(2)
    expect(series[0]!.querySelectorAll('circle.point')).toHaveLength(a.filter((bin) => bin.trials > 0).length)
    expect(series[0]!.querySelectorAll('path.series')).toHaveLength(1)
    expect(root.querySelectorAll('path.diagonal')).toHaveLength(1)
    expect(root.querySelector('g.legend')!.textContent).toBe('pair testspecies test')
  })

  test('empty bins are skipped and the line joins the remaining ones in order', () => {
    // Only bins 0.1–0.2, 0.5–0.6 and 0.9–1 hold rows.
    const sparse = calibration({
      probability: [0.15, 0.55, 0.95, 0.95],
      wins: [0, 1, 2, 1],
      trials: [1, 2, 2, 1],
    }).bins
    const root = expectStandalone(calibrationChart([{ label: 'model', bins: sparse }]))
    const dots = root.querySelectorAll('circle.point')
    expect(dots).toHaveLength(3)
    const d = root.querySelector('path.series')!.getAttribute('d')!
    expect(d.match(/[ML]/g)).toEqual(['M', 'L', 'L'])
    // Dot area follows trials: the 3-battle bin is drawn bigger than the 1-battle bin.
    const radius = (i: number) => Number(dots[i]!.getAttribute('r'))
    expect(radius(2)).toBeGreaterThan(radius(0))
    expect(dots[2]!.querySelector('title')!.textContent).toContain('3 battles')
  })

  test('a single series gets no legend; a single filled bin gets a dot but no line', () => {
    const one = calibration({ probability: [0.42, 0.44], wins: [1, 0], trials: [1, 1] }).bins
    const root = expectStandalone(calibrationChart([{ label: 'model', bins: one }]))
    expect(root.querySelector('g.legend')).toBeNull()
    expect(root.querySelectorAll('circle.point')).toHaveLength(1)
    expect(root.querySelectorAll('path.series')).toHaveLength(0)
  })

  test('all bins empty (or no series): the frame and a "no data" note', () => {
    const empty: CalibrationBin[] = Array.from({ length: 10 }, (_, i) => ({
      lower: i / 10,
      upper: (i + 1) / 10,
      rows: 0,
      trials: 0,
      meanPredicted: null,
      observedRate: null,
    }))
    for (const svg of [calibrationChart([{ label: 'model', bins: empty }]), calibrationChart([])]) {
      const root = expectStandalone(svg)
      expect(root.querySelectorAll('circle.point')).toHaveLength(0)
      expect(root.querySelector('.note')!.textContent).toBe('no data')
    }
  })

  test('hostile labels are escaped in legend, tooltips and description', () => {
    const svg = calibrationChart([
      { label: hostile, bins: bins(300, 3) },
      { label: 'b', bins: bins(300, 4) },
    ])
    expect(svg).not.toContain('<script')
    const root = expectStandalone(svg)
    expect(root.querySelector('g.legend')!.textContent).toContain(hostile)
    expect(root.querySelector('desc')!.textContent).toContain(hostile)
  })
})

describe('barChart', () => {
  const items = Array.from({ length: 30 }, (_, i) => ({ label: `feature_${i}`, value: (i * 7) % 30 }))

  test('draws the 20 largest values, largest first, each with its value label', () => {
    const root = expectStandalone(barChart({ title: 'Importance', items }))
    const bars = root.querySelectorAll('rect.bar')
    expect(bars).toHaveLength(20)
    const values = Array.from(root.querySelectorAll('text.value'), (t: Element) => Number(t.textContent))
    expect(values).toEqual([...items.map((i) => i.value)].sort((a, b) => b - a).slice(0, 20))
    const widths = Array.from(bars, (b) => Number(b.getAttribute('width')))
    expect(widths).toEqual([...widths].sort((a, b) => b - a))
    expect(root.querySelector('desc')!.textContent).toContain('the top 20 of 30 items')
  })

  test('`max` fixes the axis end; `limit` and `formatValue` are honoured', () => {
    const svg = barChart({
      title: 'Shares',
      items: [
        { label: 'a', value: 0.5 },
        { label: 'b', value: 0.25 },
        { label: 'c', value: 0.1 },
      ],
      max: 1,
      limit: 2,
      formatValue: (v) => `${(v * 100).toFixed(1)} %`,
    })
    const root = expectStandalone(svg)
    const bars = root.querySelectorAll('rect.bar')
    expect(bars).toHaveLength(2)
    // With max 1, the 0.5 bar is half the plot and the 0.25 bar half of that.
    expect(Number(bars[0]!.getAttribute('width'))).toBeCloseTo(2 * Number(bars[1]!.getAttribute('width')), 1)
    expect(Array.from(root.querySelectorAll('text.value'), (t: Element) => t.textContent)).toEqual([
      '50.0 %',
      '25.0 %',
    ])
  })

  test('long and hostile labels are cut and escaped, the full text kept in a tooltip', () => {
    const label = `${'x'.repeat(60)}${hostile}`
    const svg = barChart({ title: hostile, items: [{ label, value: 1 }] })
    expect(svg).not.toContain('<script')
    const root = expectStandalone(svg)
    expect(root.querySelector('rect.bar title')!.textContent).toBe(`${label}: 1.0000`)
  })

  test('no items: a "no data" note; negative or non-finite values are refused', () => {
    expect(
      expectStandalone(barChart({ title: 'Empty', items: [] })).querySelector('.note')!.textContent,
    ).toBe('no data')
    for (const value of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => barChart({ title: 't', items: [{ label: 'a', value }] })).toThrow(
        expect.objectContaining({ code: 'REPORT_INVALID_INPUT' }),
      )
  })
})

describe('lineChart', () => {
  const train = Array.from({ length: 300 }, (_, i) => [i + 1, 0.3 + 0.4 * Math.exp(-i / 50)] as const)
  const valid = train.map(([x, y]) => [x, y + 0.05] as const)

  test('one path per series, a legend, a marker, and y ticks fitted to the data', () => {
    const root = expectStandalone(
      lineChart({
        title: 'Log-loss',
        xLabel: 'Round',
        yLabel: 'Log-loss',
        series: [
          { label: 'training', points: train },
          { label: 'validation', points: valid },
        ],
        markers: [{ x: 120, label: 'best round 120' }],
      }),
    )
    expect(root.querySelectorAll('path.series')).toHaveLength(2)
    expect(root.querySelector('g.legend')!.textContent).toBe('trainingvalidation')
    expect(root.querySelector('g.marker')!.textContent).toContain('best round 120')
    const labels = Array.from(root.querySelectorAll('g.axes text'), (t: Element) => t.textContent)
    expect(labels).toContain('0.3')
    expect(labels).not.toContain('0.0') // the axis is not forced to zero
  })

  test('a single series has no legend; a one-point series is a dot', () => {
    const root = expectStandalone(
      lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ label: 'only', points: [[1, 0.5]] }] }),
    )
    expect(root.querySelector('g.legend')).toBeNull()
    expect(root.querySelectorAll('circle.point')).toHaveLength(1)
  })

  test('no points: a "no data" note; non-finite points are refused', () => {
    const root = expectStandalone(
      lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ label: 'a', points: [] }] }),
    )
    expect(root.querySelector('.note')!.textContent).toBe('no data')
    expect(() =>
      lineChart({
        title: 't',
        xLabel: 'x',
        yLabel: 'y',
        series: [{ label: 'a', points: [[1, Number.NaN]] }],
      }),
    ).toThrow(expect.objectContaining({ code: 'REPORT_INVALID_INPUT' }))
  })

  test('hostile axis labels and titles are escaped', () => {
    const svg = lineChart({
      title: hostile,
      xLabel: hostile,
      yLabel: hostile,
      series: [{ label: hostile, points: train }],
    })
    expect(svg).not.toContain('<script')
    expectStandalone(svg)
  })
})
