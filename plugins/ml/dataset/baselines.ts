import { estimateDamage } from '../features/damage.ts'
import type { RosterIndex } from '../features/roster-index.ts'
import { type BinaryMetrics, evaluateBinary } from '../gbdt/metrics.ts'
import type { DatasetRow } from './rows.ts'

/**
 * The cheap rules a model must beat, evaluated on the same rows:
 * - `faster`: the side with the higher level-50 Speed wins;
 * - `bst`: the side with the higher base-stat total wins;
 * - `turns_to_ko`: the side whose best move (among the moves it had in the row) needs fewer
 *   expected turns to KO the other wins, speed breaking ties — the predecessor's formula.
 *
 * A rule gives a verdict (A, B or tie); to score it with log-loss and Brier we turn each verdict
 * into the win rate observed for that verdict on the **training** part, so a rule is judged as a
 * calibrated predictor and never on the rows it is tested on.
 */
export type Verdict = 'A' | 'B' | 'tie'
export const BASELINES = ['faster', 'bst', 'turns_to_ko'] as const
export type Baseline = (typeof BASELINES)[number]

const compare = (a: number, b: number): Verdict => (a > b ? 'A' : a < b ? 'B' : 'tie')

export function verdicts(index: RosterIndex, row: DatasetRow): Record<Baseline, Verdict> {
  const a = index.forms.get(String(row.a_slug))!
  const b = index.forms.get(String(row.b_slug))!
  const bst = (f: typeof a) => f.hp + f.atk + f.def + f.spa + f.spd + f.spe
  const fastest = (own: typeof a, foe: typeof b, moves: string) =>
    Math.min(
      ...moves
        .split('|')
        .map((m) => estimateDamage(own.data, foe.data, index.moves.get(m)!.data, index.chart).turnsToKo),
    )
  const speed = compare(a.data.stats.spe, b.data.stats.spe)
  const ttk = compare(fastest(b, a, String(row.b_moves)), fastest(a, b, String(row.a_moves)))
  return { faster: speed, bst: compare(bst(a), bst(b)), turns_to_ko: ttk === 'tie' ? speed : ttk }
}

/**
 * Scores every baseline on `test` rows, calibrated on `train` rows.
 *
 * @example
 * evaluateBaselines(index, train, test).turns_to_ko.logLoss
 */
export function evaluateBaselines(
  index: RosterIndex,
  train: readonly DatasetRow[],
  test: readonly DatasetRow[],
): Record<Baseline, BinaryMetrics> {
  const trainVerdicts = train.map((r) => verdicts(index, r))
  const testVerdicts = test.map((r) => verdicts(index, r))
  const out = {} as Record<Baseline, BinaryMetrics>
  for (const baseline of BASELINES) {
    const rate: Record<Verdict, { wins: number; trials: number }> = {
      A: { wins: 0, trials: 0 },
      B: { wins: 0, trials: 0 },
      tie: { wins: 0, trials: 0 },
    }
    train.forEach((r, i) => {
      const v = trainVerdicts[i]![baseline]
      rate[v].wins += Number(r.wins)
      rate[v].trials += Number(r.k)
    })
    const overall =
      train.reduce((n, r) => n + Number(r.wins), 0) /
      Math.max(
        1,
        train.reduce((n, r) => n + Number(r.k), 0),
      )
    const p = (v: Verdict) => (rate[v].trials > 0 ? rate[v].wins / rate[v].trials : overall)
    out[baseline] = evaluateBinary({
      probability: testVerdicts.map((v) => Math.min(1 - 1e-6, Math.max(1e-6, p(v[baseline])))),
      wins: test.map((r) => Number(r.wins)),
      trials: test.map((r) => Number(r.k)),
    })
  }
  return out
}

/** A Markdown table of accuracy, log-loss and Brier per baseline. */
export function baselineTable(results: Record<Baseline, BinaryMetrics>): string {
  const lines = ['| baseline | accuracy | log-loss | Brier | ROC-AUC |', '| --- | --- | --- | --- | --- |']
  for (const b of BASELINES) {
    const m = results[b]
    lines.push(
      `| ${b} | ${m.accuracy.toFixed(4)} | ${m.logLoss.toFixed(4)} | ${m.brier.toFixed(4)} | ${m.rocAuc.toFixed(4)} |`,
    )
  }
  return lines.join('\n')
}
