import { describe, expect, test } from 'bun:test'
import fc from 'fast-check'
import { parseSvg, randomScoredRows } from '../../../../testing/ml/report-fixtures.ts'
import { rocAuc } from '../../gbdt/metrics.ts'
import { createRandom } from '../../gbdt/prng.ts'
import { rocChart } from './roc-chart.ts'
import { rocArea, rocCurve } from './roc-curve.ts'

describe('rocCurve', () => {
  test('walks thresholds from high to low, one vertex per distinct probability', () => {
    const points = rocCurve({ probability: [0.1, 0.4, 0.35, 0.8], wins: [0, 0, 1, 1], trials: [1, 1, 1, 1] })
    expect(points.map((p) => [p.fpr, p.tpr, p.threshold])).toEqual([
      [0, 0, Number.POSITIVE_INFINITY],
      [0, 0.5, 0.8],
      [0.5, 0.5, 0.4],
      [0.5, 1, 0.35],
      [1, 1, 0.1],
    ])
    expect(rocArea(points)).toBe(0.75)
  })

  test('weights by trials: "won 2 of 3" is 2 positives and 1 negative at the same threshold', () => {
    const points = rocCurve({ probability: [0.9, 0.2], wins: [2, 1], trials: [3, 2] })
    // positives 3, negatives 2: the 0.9 row adds TP 2, FP 1 in one diagonal step.
    expect(points.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [0.5, 2 / 3],
      [1, 1],
    ])
  })

  test('merges ties into one diagonal segment (ties count half), not a staircase', () => {
    const points = rocCurve({ probability: [0.5, 0.5, 0.5, 0.5], wins: [1, 0, 1, 0], trials: [1, 1, 1, 1] })
    expect(points.map((p) => [p.fpr, p.tpr])).toEqual([
      [0, 0],
      [1, 1],
    ])
    expect(rocArea(points)).toBe(0.5)
  })

  test('trapezoid area equals metrics.ts rocAuc within 1e-9 on random data with ties', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const rows = randomScoredRows(createRandom(seed), 3_000, { maxTrials: 7, noise: 0.6 })
      const points = rocCurve(rows)
      expect(Math.abs(rocArea(points) - rocAuc(rows))).toBeLessThan(1e-9)
      expect(points[0]).toEqual({ fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY })
      expect(points[points.length - 1]!.fpr).toBeCloseTo(1, 12)
      expect(points[points.length - 1]!.tpr).toBeCloseTo(1, 12)
    }
  })

  test('property: area = rocAuc and the curve is monotone, for any outcomes with both classes', () => {
    const row = fc.record({
      p: fc.integer({ min: 0, max: 20 }).map((i) => i / 20),
      k: fc.integer({ min: 1, max: 6 }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 60 }), (rows) => {
        const wins = rows.map((r) => Math.round(r.share * r.k))
        const input = { probability: rows.map((r) => r.p), wins, trials: rows.map((r) => r.k) }
        const positives = wins.reduce((a, b) => a + b, 0)
        const negatives = rows.reduce((a, r) => a + r.k, 0) - positives
        fc.pre(positives > 0 && negatives > 0)
        const points = rocCurve(input)
        for (let i = 1; i < points.length; i++) {
          expect(points[i]!.fpr).toBeGreaterThanOrEqual(points[i - 1]!.fpr)
          expect(points[i]!.tpr).toBeGreaterThanOrEqual(points[i - 1]!.tpr)
          expect(points[i]!.threshold).toBeLessThan(points[i - 1]!.threshold)
        }
        expect(Math.abs(rocArea(points) - rocAuc(input))).toBeLessThan(1e-9)
      }),
      { numRuns: 300, seed: 42 },
    )
  })

  test('refuses outcomes without both wins and losses, and malformed input, with codes', () => {
    expect(() => rocCurve({ probability: [0.2, 0.8], wins: [1, 2], trials: [1, 2] })).toThrow(
      expect.objectContaining({ code: 'REPORT_ROC_UNDEFINED' }),
    )
    expect(() => rocCurve({ probability: [0.2], wins: [1, 0], trials: [1, 1] })).toThrow(
      expect.objectContaining({ code: 'REPORT_INVALID_INPUT' }),
    )
    expect(() => rocCurve({ probability: [1.2, 0.1], wins: [1, 0], trials: [1, 1] })).toThrow(
      expect.objectContaining({ code: 'REPORT_INVALID_INPUT' }),
    )
    expect(() => rocCurve({ probability: [0.6, 0.1], wins: [3, 0], trials: [2, 1] })).toThrow(
      expect.objectContaining({ code: 'REPORT_INVALID_INPUT' }),
    )
    // Zero-trial rows are refused, as metrics.ts refuses them: both accept the same outcomes.
    expect(() => rocCurve({ probability: [0.6, 0.1, 0.3], wins: [1, 0, 0], trials: [1, 1, 0] })).toThrow(
      expect.objectContaining({ code: 'REPORT_INVALID_INPUT' }),
    )
  })
})

describe('rocChart', () => {
  const rows = randomScoredRows(createRandom(9), 800)
  const points = rocCurve(rows)

  test('draws the diagonal and one curve per series, with each AUC in the legend', () => {
    const verdict = (p: number) => (p > 0.6 ? 0.7 : p < 0.4 ? 0.3 : 0.5)
    const coarse = rocCurve({ ...rows, probability: rows.truth.map(verdict) })
    const svg = rocChart([
      { label: 'model', points, auc: rocArea(points) },
      { label: 'faster', points: coarse, auc: rocArea(coarse) },
    ])
    const root = parseSvg(svg)
    expect(root.getAttribute('viewBox')).toMatch(/^0 0 \d+ \d+$/)
    expect(root.querySelectorAll('path.diagonal')).toHaveLength(1)
    expect(root.querySelectorAll('path.series')).toHaveLength(2)
    const legend = root.querySelector('g.legend')!.textContent
    expect(legend).toContain(`model (AUC ${rocArea(points).toFixed(4)})`)
    expect(legend).toContain(`faster (AUC ${rocArea(coarse).toFixed(4)})`)
    // The coarse predictor has 3 distinct probabilities: its path is exactly 3 segments from (0, 0).
    const d = root.querySelectorAll('path.series')[1]!.getAttribute('d')!
    expect(d.match(/L/g)).toHaveLength(3)
  })

  test('a single series still gets its AUC in a legend; labels are escaped', () => {
    const svg = rocChart([{ label: '<script>alert(1)</script>', points, auc: 0.5 }])
    expect(svg).not.toContain('<script>')
    expect(svg).toContain('&lt;script&gt;')
    const root = parseSvg(svg)
    expect(root.querySelectorAll('path.series')).toHaveLength(1)
    expect(root.querySelector('g.legend')!.textContent).toContain('<script>alert(1)</script> (AUC 0.5000)')
  })

  test('thins sub-pixel vertices: a 50k-row curve stays a small file', () => {
    const big = rocCurve(randomScoredRows(createRandom(3), 50_000, { maxTrials: 1, noise: 0.3, decimals: 9 }))
    expect(big.length).toBeGreaterThan(40_000)
    const svg = rocChart([{ label: 'model', points: big, auc: rocArea(big) }])
    const d = parseSvg(svg).querySelector('path.series')!.getAttribute('d')!
    expect(d.split('L').length).toBeLessThan(1_200)
    expect(d.endsWith('L472 44')).toBe(true) // (1, 1) is always kept: plot right edge, plot top
  })

  test('no series: the frame, the diagonal and a "no data" note', () => {
    const root = parseSvg(rocChart([]))
    expect(root.querySelectorAll('path.series')).toHaveLength(0)
    expect(root.querySelector('.note')!.textContent).toBe('no data')
  })

  test('non-finite points are refused', () => {
    expect(() => rocChart([{ label: 'x', points: [{ fpr: Number.NaN, tpr: 0 }], auc: 0.5 }])).toThrow(
      expect.objectContaining({ code: 'REPORT_INVALID_INPUT' }),
    )
  })
})
