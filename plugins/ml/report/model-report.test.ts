import { describe, expect, test } from 'bun:test'
import { parseSvg, sampleReportInput } from '../../../testing/ml/report-fixtures.ts'
import { formatMetric } from './format.ts'
import { renderModelReport } from './model-report.ts'

const input = sampleReportInput(3)
const report = renderModelReport(input)

/** The Markdown table rows that follow the line `*<caption>*`. */
function tableAfter(markdown: string, caption: string): string[][] {
  const lines = markdown.split('\n')
  const start = lines.indexOf(`*${caption}*`)
  expect(start).toBeGreaterThanOrEqual(0)
  const rows: string[][] = []
  for (let i = start + 2; i < lines.length && lines[i]!.startsWith('|'); i++)
    rows.push(
      lines[i]!.slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((cell) => cell.trim()),
    )
  return rows
}

describe('renderModelReport: Markdown', () => {
  test('starts with a title and a one-line summary with the headline metrics of both test parts', () => {
    const [title, , summary] = report.markdown.split('\n')
    expect(title).toBe(`# Model report — ${input.model.version}`)
    const pair = input.evaluations.pair_test.model
    expect(summary).toStartWith('**Summary.**')
    expect(summary).toContain(
      `pair test (${pair.trials.toLocaleString('en-US')} battles): accuracy ${formatMetric(pair.accuracy)}`,
    )
    expect(summary).toContain(
      `log-loss ${formatMetric(pair.logLoss)}, better than the best baseline \`faster\``,
    )
    expect(summary).toContain('species test')
  })

  test('the model-vs-baselines tables hold every metric, with the best value of each column in bold', () => {
    for (const [part, title] of [
      ['pair_test', 'Pair test (unseen matchups)'],
      ['species_test', 'Species test (unseen species)'],
    ] as const) {
      const evaluation = input.evaluations[part]
      const rows = tableAfter(
        report.markdown,
        `Model vs baselines — ${title}, ${evaluation.model.trials.toLocaleString('en-US')} battles`,
      )
      expect(rows[0]).toEqual([
        'Predictor',
        'Accuracy',
        'Precision',
        'Recall',
        'F1',
        'ROC-AUC',
        'Log-loss',
        'Brier',
        'ECE',
      ])
      const body = rows.slice(2)
      expect(body.map((row) => row[0])).toEqual(['`model`', '`faster`', '`bst`', '`turns_to_ko`'])
      const predictors = [evaluation.model, ...Object.values(evaluation.baselines)]
      const keys = [
        'accuracy',
        'precision',
        'recall',
        'f1',
        'rocAuc',
        'logLoss',
        'brier',
        'expectedCalibrationError',
      ] as const
      keys.forEach((key, c) => {
        const values = predictors.map((m) => formatMetric(m[key]))
        const lowerIsBetter = c >= 5
        const best = [...values].sort((a, b) =>
          lowerIsBetter ? Number(a) - Number(b) : Number(b) - Number(a),
        )[0]
        body.forEach((row, r) => {
          expect(row[c + 1]).toBe(values[r] === best ? `**${values[r]}**` : values[r]!)
        })
      })
    }
  })

  test('confusion matrix, per-scenario and search tables are present and formatted', () => {
    const { confusion } = input.evaluations.pair_test.model
    const matrix = tableAfter(
      report.markdown,
      'Confusion matrix of the model at P ≥ 0.5 (battles) — Pair test (unseen matchups)',
    )
    expect(matrix[2]).toEqual([
      'A won',
      confusion.truePositive.toLocaleString('en-US'),
      confusion.falseNegative.toLocaleString('en-US'),
      (confusion.truePositive + confusion.falseNegative).toLocaleString('en-US'),
    ])
    const scenarios = tableAfter(report.markdown, 'The model per scenario — Species test (unseen species)')
    expect(scenarios.slice(2).map((row) => row[0])).toEqual([
      '`best_move`',
      '`random_move`',
      '`all_combinations`',
    ])
    expect(scenarios[2]![2]).toMatch(/^0\.\d{4}$/)
    const splits = tableAfter(report.markdown, 'Rows per split')
    expect(splits).toContainEqual(['`species_test`', '240,512'])
  })

  test('search table: the 10 best by mean CV log-loss, best mean bold, the chosen one marked even outside the top 10', () => {
    const rows = tableAfter(
      report.markdown,
      'Top 10 of 15 configurations by CV log-loss, plus the chosen one',
    )
    expect(rows[0]).toEqual(['Rank', 'maxDepth', 'learningRate', 'CV log-loss', '± std', 'Chosen'])
    const body = rows.slice(2)
    const sorted = [...input.search!.rows].sort((a, b) => a.cvLogLossMean - b.cvLogLossMean)
    expect(body.slice(0, 10).map((row) => row[3]!.replace(/\*/g, ''))).toEqual(
      sorted.slice(0, 10).map((r) => formatMetric(r.cvLogLossMean)),
    )
    expect(body[0]![3]).toBe(`**${formatMetric(sorted[0]!.cvLogLossMean)}**`)
    const chosen = input.search!.rows[input.search!.chosenIndex]!
    expect(body.filter((row) => row[5] === '**chosen**')).toEqual([
      [
        String(sorted.indexOf(chosen) + 1),
        String(chosen.params.maxDepth),
        String(chosen.params.learningRate),
        formatMetric(chosen.cvLogLossMean),
        formatMetric(chosen.cvLogLossStd),
        '**chosen**',
      ],
    ])
  })

  test('links every chart by file name, the calibration one as ![calibration](calibration.svg)', () => {
    expect(report.markdown).toContain('![calibration](calibration.svg)')
    for (const file of Object.keys(report.charts)) expect(report.markdown).toContain(`](${file})`)
    expect(Object.keys(report.charts).sort()).toEqual([
      'calibration.svg',
      'feature-importance.svg',
      'roc-pair-test.svg',
      'roc-species-test.svg',
      'training-loss.svg',
    ])
  })

  test('explains every metric in one line and says baselines are calibrated on training rows', () => {
    for (const metric of ['Accuracy', 'Precision', 'Recall', 'F1', 'ROC-AUC', 'Log-loss', 'Brier', 'ECE'])
      expect(report.markdown).toMatch(new RegExp(`^- \\*\\*${metric}\\*\\*: .+$`, 'm'))
    expect(report.markdown).toContain('baselines are calibrated on training rows')
  })
})

describe('renderModelReport: charts and HTML', () => {
  test('every chart is well-formed SVG; the ROC charts have the model and the three baselines', () => {
    for (const svg of Object.values(report.charts)) parseSvg(svg)
    const roc = parseSvg(report.charts['roc-pair-test.svg']!)
    expect(roc.querySelectorAll('path.series')).toHaveLength(4)
    expect(roc.querySelector('g.legend')!.textContent).toContain(
      `model (AUC ${formatMetric(input.evaluations.pair_test.model.rocAuc)})`,
    )
    expect(parseSvg(report.charts['feature-importance.svg']!).querySelectorAll('rect.bar')).toHaveLength(20)
    expect(parseSvg(report.charts['calibration.svg']!).querySelectorAll('g.calibration-series')).toHaveLength(
      2,
    )
  })

  test('the HTML page inlines every chart and references no external asset', () => {
    const { html } = report
    expect(html.match(/<svg[\s>]/g)).toHaveLength(Object.keys(report.charts).length)
    expect(html).not.toMatch(/https?:\/\//)
    expect(html).not.toMatch(/<script|<link|<img|src=|@import|url\(/i)
    expect(html).toContain('<strong>Summary.</strong>')
    expect(html).toContain('<td class="num"><strong>')
    expect(html).toContain('<caption>Rows per split</caption>')
  })

  test('hostile input text is escaped in Markdown, HTML and charts', () => {
    const hostile = sampleReportInput(5)
    const evil = '<script>alert(1)</script>'
    const out = renderModelReport({
      ...hostile,
      dataset: { ...hostile.dataset, name: evil },
      featureImportance: [{ feature: evil, gain: 5 }, ...hostile.featureImportance],
    })
    expect(out.markdown).toContain('`<script>alert(1)</script>`') // inside a code span: shown, not run
    expect(out.html).not.toContain('<script')
    expect(out.html).toContain('<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>')
    expect(out.charts['feature-importance.svg']).not.toContain('<script')
  })

  test('is deterministic and works without a search and without validation history', () => {
    expect(renderModelReport(sampleReportInput(3))).toEqual(report)
    const { search: _search, ...rest } = sampleReportInput(4)
    const out = renderModelReport({ ...rest, history: { ...rest.history, validLogLoss: null } })
    expect(out.markdown).toContain('No search: the parameters above were fixed.')
    expect(parseSvg(out.charts['training-loss.svg']!).querySelectorAll('path.series')).toHaveLength(1)
  })
})
