import type { BinaryMetrics } from '../gbdt/metrics.ts'
import { type Block, type Inline, toHtml, toMarkdown } from './document.ts'
import { formatCount, formatMetric, formatParam } from './format.ts'
import { chartFiles, PART_NAMES, PART_TITLES, reportCharts, topFeatures } from './report-charts.ts'
import { type ModelReportInput, TEST_PARTS, type TestPart } from './report-input.ts'
import {
  comparisonTable,
  confusionTable,
  keyValueTable,
  scenarioTable,
  searchTable,
} from './report-tables.ts'

/** The rendered report: the same content as Markdown and as one self-contained HTML page. */
export interface ModelReport {
  markdown: string
  html: string
  /** SVG charts by file name; write them next to the Markdown, which links to them. */
  charts: Record<string, string>
}

/** What a rule baseline means, for the "how to read this" section; unknown names print as is. */
const BASELINE_MEANINGS: Readonly<Record<string, string>> = {
  faster: 'the side with the higher level-50 Speed wins',
  bst: 'the side with the higher base-stat total wins',
  turns_to_ko: 'the side needing fewer turns to KO (damage calc) wins, Speed breaking ties',
}

function bestBaseline(
  baselines: Readonly<Record<string, BinaryMetrics>>,
): [string, BinaryMetrics] | undefined {
  return Object.entries(baselines).sort(([, a], [, b]) => a.logLoss - b.logLoss)[0]
}

/** One line: per test part, the model's headline metrics and its log-loss against the best baseline's. */
function summary(input: ModelReportInput): Inline[] {
  const parts = TEST_PARTS.flatMap((part, i): Inline[] => {
    const { model, baselines } = input.evaluations[part]
    const best = bestBaseline(baselines)
    const headline =
      `${i === 0 ? '' : '; '}${PART_NAMES[part]} (${formatCount(model.trials)} battles): accuracy ` +
      `${formatMetric(model.accuracy)}, ROC-AUC ${formatMetric(model.rocAuc)}, log-loss ${formatMetric(model.logLoss)}`
    if (best === undefined) return [headline]
    const verdict = model.logLoss < best[1].logLoss ? 'better than' : 'not better than'
    return [
      `${headline}, ${verdict} the best baseline `,
      { code: best[0] },
      ` (${formatMetric(best[1].logLoss)})`,
    ]
  })
  return [{ strong: 'Summary.' }, ' Model ', { code: input.model.version }, ' on the ', ...parts, '.']
}

function howToRead(input: ModelReportInput): Block[] {
  const baselineNames = [
    ...new Set(TEST_PARTS.flatMap((part) => Object.keys(input.evaluations[part].baselines))),
  ]
  return [
    { kind: 'heading', level: 2, text: 'How to read this' },
    {
      kind: 'paragraph',
      content: [
        'Every figure counts battles: a row where A won w of k simulated battles is k battles, w of them won, ' +
          'all sharing the row’s predicted P(A wins). The pair test holds matchups never seen in training, ' +
          'the species test species never seen in training. In each table the best value of a column is bold ' +
          '(values equal to 4 decimals are all bold).',
      ],
    },
    {
      kind: 'list',
      items: [
        [{ strong: 'Accuracy' }, ': share of battles whose winner is called right (A when P ≥ 0.5).'],
        [{ strong: 'Precision' }, ': of the battles called for A, the share A actually won.'],
        [{ strong: 'Recall' }, ': of the battles A won, the share called for A.'],
        [{ strong: 'F1' }, ': harmonic mean of precision and recall.'],
        [{ strong: 'ROC-AUC' }, ': chance a won battle gets a higher P than a lost one (0.5 = coin flip).'],
        [
          { strong: 'Log-loss' },
          ': mean −ln of the probability given to what happened; lower is better, 0.6931 = always 0.5.',
        ],
        [
          { strong: 'Brier' },
          ': mean squared gap between P and the 0/1 outcome; lower is better, 0.25 = always 0.5.',
        ],
        [
          { strong: 'ECE' },
          ': battle-weighted gap between predicted and observed win rate over 10 bins; lower is better.',
        ],
      ],
    },
    {
      kind: 'paragraph',
      content: [
        'Baselines are rules that name a winner; each verdict is turned into a probability, the win rate that ' +
          'verdict had on the ',
        { strong: 'training rows' },
        ', so baselines are calibrated on training rows and never on the rows they are tested on. ',
        ...baselineNames
          .flatMap((name): Inline[] => [
            { code: name },
            `: ${BASELINE_MEANINGS[name] ?? 'a rule baseline'}.`,
            ' ',
          ])
          .slice(0, -1),
      ],
    },
  ]
}

function identity(input: ModelReportInput): Block[] {
  const { model, dataset } = input
  return [
    { kind: 'heading', level: 2, text: 'Model and data' },
    keyValueTable('Identity', [
      ['Model version', { code: model.version }],
      ['Created', model.createdAt],
      ['Feature spec version', { code: model.featureSpecVersion }],
      ['Dataset', { code: dataset.name }],
      ['Manifest hash', { code: dataset.manifestHash }],
    ]),
    keyValueTable(
      'Rows per split',
      Object.entries(dataset.rowsPerSplit).map(([split, rows]): [Inline, Inline] => [
        { code: split },
        formatCount(rows),
      ]),
      [{ title: 'Split' }, { title: 'Rows', align: 'right' }],
    ),
    keyValueTable(
      'Training parameters',
      Object.entries(model.parameters).map(([key, value]): [Inline, Inline] => [
        { code: key },
        formatParam(value),
      ]),
    ),
  ]
}

function testPart(input: ModelReportInput, part: TestPart, charts: Record<string, string>): Block[] {
  const evaluation = input.evaluations[part]
  const title = PART_TITLES[part]
  const file = chartFiles.roc(part)
  return [
    { kind: 'heading', level: 2, text: title },
    comparisonTable(
      `Model vs baselines — ${title}, ${formatCount(evaluation.model.trials)} battles`,
      'model',
      evaluation.model,
      evaluation.baselines,
    ),
    ...(charts[file] === undefined
      ? []
      : [
          {
            kind: 'figure',
            file,
            alt: `ROC ${title}`,
            caption: `ROC curves on the ${title.toLowerCase()}.`,
          } as const,
        ]),
    confusionTable(
      `Confusion matrix of the model at P ≥ 0.5 (battles) — ${title}`,
      evaluation.model.confusion,
    ),
    scenarioTable(`The model per scenario — ${title}`, evaluation.scenarios),
  ]
}

function training(input: ModelReportInput): Block[] {
  const { trainLogLoss, validLogLoss, bestIteration } = input.history
  const bestValid = validLogLoss?.[bestIteration]
  const search = input.search
  return [
    { kind: 'heading', level: 2, text: 'Training' },
    {
      kind: 'paragraph',
      content: [
        `${formatCount(trainLogLoss.length)} boosting rounds ran; the model keeps ${formatCount(bestIteration + 1)} trees` +
          (bestValid === undefined
            ? '.'
            : ` (validation log-loss ${formatMetric(bestValid)} at the best round).`),
      ],
    },
    {
      kind: 'figure',
      file: chartFiles.trainingLoss,
      alt: 'training loss',
      caption: 'Training and validation log-loss per round; the dashed line marks the kept round.',
    },
    { kind: 'heading', level: 2, text: 'Hyper-parameter search' },
    ...(search === undefined
      ? [{ kind: 'paragraph', content: ['No search: the parameters above were fixed.'] } as const]
      : [
          ...(search.description === undefined
            ? []
            : [{ kind: 'paragraph', content: [search.description] } as const]),
          searchTable(search),
        ]),
  ]
}

/**
 * Renders the evaluation report of one trained model: a summary line, how to read the metrics,
 * model and data identity, per test part the model against the baselines (best value of each
 * column bold), ROC curves, confusion matrix and per-scenario metrics, then calibration, feature
 * importance, the training curve and the hyper-parameter search. Pure: no I/O, same input → same
 * bytes. Throws `REPORT_ROC_UNDEFINED` if a test part's ROC input has only wins or only losses.
 *
 * @example
 * const { markdown, html, charts } = renderModelReport(input)
 * await Bun.write('report.md', markdown)
 * for (const [file, svg] of Object.entries(charts)) await Bun.write(file, svg)
 */
export function renderModelReport(input: ModelReportInput): ModelReport {
  const charts = reportCharts(input, TEST_PARTS)
  const title = `Model report — ${input.model.version}`
  const blocks: Block[] = [
    { kind: 'heading', level: 1, text: title },
    { kind: 'paragraph', content: summary(input) },
    ...howToRead(input),
    ...identity(input),
    ...TEST_PARTS.flatMap((part) => testPart(input, part, charts)),
    { kind: 'heading', level: 2, text: 'Calibration' },
    {
      kind: 'figure',
      file: chartFiles.calibration,
      alt: 'calibration',
      caption: 'Reliability diagram: observed win rate per bin of predicted P(A wins); dot area ∝ battles.',
    },
    { kind: 'heading', level: 2, text: 'Feature importance' },
    {
      kind: 'figure',
      file: chartFiles.featureImportance,
      alt: 'feature importance',
      caption: `The ${Math.min(topFeatures, input.featureImportance.length)} features with the largest share of total split gain.`,
    },
    ...training(input),
  ]
  return { markdown: toMarkdown(blocks), html: toHtml(title, blocks, charts), charts }
}
