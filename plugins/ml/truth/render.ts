import type { ErrorStats, ModelTruth } from '../../../core/contracts/model-truth.ts'

const pct = (x: number) => `${(100 * x).toFixed(2)} %`
const num = (x: number, d = 4) => x.toFixed(d)
const mark = (ok: boolean) => (ok ? '✔' : '✘')

/**
 * The truth report as Markdown (`models/<dir>/truth.md`): the model against the exact solver.
 *
 * @example
 * await writeFile('truth.md', renderTruth(report, { solving: 'manifest: 1,001,000 pairs in 9.1 h' }))
 */
export function renderTruth(r: ModelTruth, context: { solving?: string } = {}): string {
  const o = r.overall
  const line = (name: string, s: ErrorStats) =>
    `| ${name} | ${s.pairs.toLocaleString('en')} | ${num(s.mae)} | ${pct(s.shareOver01)} | ${num(s.maxError, 3)} |`
  return [
    `# ${r.modelDir}: the model against the exact solver`,
    '',
    `Exact answers: dataset \`${r.truth.dataset}\` — random covered pairs (any form, any learnable move,`,
    `status moves included), each solved exactly${r.truth.partial ? ' (**the solve is still running: this covers the pairs finished so far, a prefix of the seeded draw**)' : ''}.`,
    `${r.truth.skipped} drawn pairs the solver declined (answered by engine battles) are left out.`,
    context.solving ? `Solving: ${context.solving}.` : '',
    `Scoring: ${o.pairs.toLocaleString('en')} pairs in ${r.scoring.seconds.toFixed(0)} s (${Math.round(r.scoring.pairsPerSecond)} pairs/s, features + trees).`,
    '',
    '| measure | value | target | met |',
    '| --- | ---: | ---: | --- |',
    `| pairs | ${o.pairs.toLocaleString('en')} | ≥ 1,000,000 | ${mark(o.pairs >= 1_000_000)} |`,
    `| MAE | ${num(o.mae)} | ≤ ${r.targets.mae} | ${mark(r.passed.mae)} |`,
    `| share off by > 0.1 | ${pct(o.shareOver01)} | ≤ ${pct(r.targets.shareOver01)} | ${mark(r.passed.shareOver01)} |`,
    `| worst mechanic class MAE | ${num(r.byMechanic[0]?.mae ?? 0)} (${r.byMechanic[0]?.mechanic ?? '—'}) | ≤ ${r.targets.mechanicMae} | ${mark(r.passed.mechanics)} |`,
    `| RMSE | ${num(o.rmse)} | | |`,
    `| share off by > 0.05 | ${pct(o.shareOver005)} | | |`,
    `| max error | ${num(o.maxError, 3)} | | |`,
    '',
    r.unseenMatchups
      ? `Matchups the model never trained or validated on (pair split of its training data): ${r.unseenMatchups.pairs.toLocaleString('en')} pairs, MAE ${num(r.unseenMatchups.mae)}, ${pct(r.unseenMatchups.shareOver01)} off by > 0.1.`
      : '',
    '',
    '## Error by move mechanic',
    '',
    'A pair counts in the classes of both its moves, and in the pair classes.',
    '',
    '| mechanic | pairs | MAE | off by > 0.1 | max |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...r.byMechanic.map((c) => line(c.mechanic, c)),
    '',
    '## Calibration',
    '',
    '| predicted | pairs | mean predicted | mean exact |',
    '| --- | ---: | ---: | ---: |',
    ...r.calibration.map(
      (b) =>
        `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.pairs.toLocaleString('en')} | ${num(b.predicted, 3)} | ${num(b.exact, 3)} |`,
    ),
    '',
    '## Worst errors',
    '',
    '| A | move | B | move | model | exact |',
    '| --- | --- | --- | --- | ---: | ---: |',
    ...r.worst.map(
      (w) => `| ${w.a} | ${w.moveA} | ${w.b} | ${w.moveB} | ${num(w.predicted, 3)} | ${num(w.exact, 3)} |`,
    ),
    '',
  ]
    .filter((l, i, all) => !(l === '' && all[i - 1] === ''))
    .join('\n')
}
