import { LOST, type OptimalAnswer, UNREACHABLE } from './answer.ts'
import type { OptimalVerification, ScenarioCheck } from './verify.ts'

/** The acceptance figures of a verification run, as numbers and as the lines a report prints. */
export interface VerificationSummary {
  readonly scenarios: number
  readonly agree: number
  readonly agreeRate: number
  readonly unexploitable: number
  readonly maxExploit: number
  readonly againstPass: number
  readonly againstTotal: number
  readonly meanGain: number
  readonly maxGain: number
  /** Scenarios where optimal play gains more than 0.1 point over the best single move. */
  readonly gainers: number
  /** value − the fixed-move figure (B repeating one move too): mean and extremes. */
  readonly fixedGap: { readonly mean: number; readonly min: number; readonly max: number }
  readonly example: string
  readonly lines: readonly string[]
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`

/** @example summarize(verifyOptimal(…)).agreeRate // ≥ 0.98 */
export function summarize(report: OptimalVerification): VerificationSummary {
  const checks = report.checks
  const agree = checks.filter((c) => c.pass).length
  // a scenario whose battles left the explored game is a disagreement
  const total = checks.length + report.broken.length
  const unexploitable = checks.filter((c) => c.unexploitable).length
  const maxExploit = Math.max(
    0,
    ...checks.map((c) =>
      Math.max(c.answer.winA - c.bestResponse.againstA, c.bestResponse.againstB - c.answer.winA),
    ),
  )
  const against = checks.flatMap((c) => c.against)
  const gains = checks.map((c) => c.gain)
  const meanGain = gains.reduce((x, y) => x + y, 0) / Math.max(1, gains.length)
  const gaps = checks.map((c) => c.answer.winA - c.fixed.value)
  const fixedGap = {
    mean: gaps.reduce((x, y) => x + y, 0) / Math.max(1, gaps.length),
    min: Math.min(0, ...gaps),
    max: Math.max(0, ...gaps),
  }
  const gainers = gains.filter((g) => g > 0.001).length
  const top = [...checks].sort((x, y) => y.gain - x.gain)[0]
  const example = top ? describeGain(top) : 'no scenario'
  const lines = [
    `${checks.length} contested scenarios (${report.oneSided.length} one-sided and ${report.refused.length} over a budget set aside), ${report.battles} engine battles`,
    `engine (both optimal) within 4 SE of the value: ${agree}/${total} (${pct(agree / Math.max(1, total))})${report.broken.length ? `; ${report.broken.length} left the explored game` : ''}`,
    `best responses within 1e-6 of the value: ${unexploitable}/${checks.length} (largest gain of a best response ${maxExploit.toExponential(2)})`,
    `A's strategy wins at least the value against fixed/random/best (4 SE): ${against.filter((a) => a.pass).length}/${against.length}`,
    `gain over the best single move (B choosing every turn in both): mean ${pct(meanGain)}, largest ${pct(Math.max(0, ...gains))}; more than 0.1 point in ${gainers}/${checks.length} scenarios`,
    `value − the fixed-move figure (B repeating one move too): mean ${pct(fixedGap.mean)}, from ${pct(fixedGap.min)} to ${pct(fixedGap.max)}`,
    `example: ${example}`,
  ]
  return {
    scenarios: checks.length,
    agree,
    agreeRate: agree / Math.max(1, total),
    unexploitable,
    maxExploit,
    againstPass: against.filter((a) => a.pass).length,
    againstTotal: against.length,
    meanGain,
    maxGain: Math.max(0, ...gains),
    gainers,
    fixedGap,
    example,
    lines,
  }
}

/**
 * What optimal play does that the best fixed move does not, in a player's words: the moves it
 * switches to and over which HP range of the opponent (and of A), in the battle's plain state.
 */
export function describeGain(check: ScenarioCheck): string {
  const { scenario, answer, single } = check
  const name = (id: string) => id
  const regions = regionsOf(answer, scenario.a.moves, single.moveA)
  const parts = regions.map(
    (r) =>
      `${name(r.move)} when the foe has ${r.bMin}–${r.bMax} HP and ${scenario.a.species} ${r.aMin}–${r.aMax} HP (${pct(r.share)} of the HP pairs a battle reaches)`,
  )
  return (
    `${scenario.a.species} (${scenario.a.moves.join(', ')}) vs ${scenario.b.species} (${scenario.b.moves.join(', ')}): ` +
    `the best single move ${single.moveA} every turn wins ${pct(single.value)} against ${scenario.b.species} choosing its moves; ` +
    `optimal play wins ${pct(answer.winA)} (+${pct(check.gain)}) by using ${answer.strategyA.map((c) => c.move).join('/')} now` +
    (parts.length ? ` and switching to ${parts.join('; ')}` : '')
  )
}

interface Region {
  move: string
  share: number
  aMin: number
  aMax: number
  bMin: number
  bMax: number
}

function regionsOf(answer: OptimalAnswer, moves: readonly string[], fixedMove: string): Region[] {
  const { hiA, hiB, runs } = answer.policyA
  const byMove = new Map<number, Region>()
  // shares of the cells a battle reaches (the others are not valued: see `UNREACHABLE`)
  let reached = 0
  for (let a = 1; a <= hiA; a++) {
    const row = runs[a - 1]!
    for (let i = 0; i < row.length; i += 2) {
      const to = i + 2 < row.length ? row[i + 2]! - 1 : hiB
      if (row[i + 1] !== UNREACHABLE) reached += to - row[i]! + 1
    }
  }
  for (let a = 1; a <= hiA; a++) {
    const row = runs[a - 1]!
    for (let i = 0; i < row.length; i += 2) {
      const from = row[i]!
      const to = i + 2 < row.length ? row[i + 2]! - 1 : hiB
      const choice = row[i + 1]!
      // cells out of reach, or where A has lost whatever it plays: no move to name
      if (choice === UNREACHABLE || choice === LOST) continue
      const move = choice < 0 ? 'a mix' : choice === 4 ? 'struggle' : moves[choice]!
      if (move === fixedMove) continue
      const region = byMove.get(choice) ?? { move, share: 0, aMin: a, aMax: a, bMin: from, bMax: to }
      region.share += (to - from + 1) / reached
      region.aMin = Math.min(region.aMin, a)
      region.aMax = Math.max(region.aMax, a)
      region.bMin = Math.min(region.bMin, from)
      region.bMax = Math.max(region.bMax, to)
      byMove.set(choice, region)
    }
  }
  return [...byMove.values()].sort((x, y) => y.share - x.share)
}

/** The verification as a Markdown report (docs/optimal-verification.md). */
export function renderOptimalVerification(
  report: OptimalVerification,
  input: { scenarios: number; battles: number; seed: number },
  /** Where and when it ran (machine, load, duration): engine battles are slow on a busy machine. */
  context: readonly string[] = [],
): string {
  const summary = summarize(report)
  const row = (c: ScenarioCheck) =>
    `| ${c.scenario.index} | ${c.scenario.a.species} (${c.scenario.a.moves.join(', ')}) | ${c.scenario.b.species} (${c.scenario.b.moves.join(', ')}) | ${c.answer.winA.toFixed(4)} | ${(c.engine.wins / c.engine.battles).toFixed(4)} | ${c.pass ? 'yes' : '**no**'} | ${(c.answer.winA - c.bestResponse.againstA).toExponential(1)} | ${c.against.map((a) => `${(a.wins / a.battles).toFixed(3)}${a.pass ? '' : ' **low**'}`).join(' / ')} | ${c.single.moveA} ${c.single.value.toFixed(4)} | ${c.gain.toFixed(4)} | ${c.fixed.value.toFixed(4)} | ${c.answer.states.total} | ${Math.round(c.solveMs)} |`
  return [
    '# Optimal play checked against the engine',
    '',
    `Generated by \`bun run stage ml:verify-optimal -- --scenarios ${input.scenarios} --battles ${input.battles} --seed ${input.seed}\`.`,
    'Scenarios: seeded random forms with 4 random damaging moves each (see `plugins/ml/optimal/scenarios.ts`);',
    'only contested ones are checked (value of A between 2 % and 98 %): where one side wins almost surely',
    'whatever is played, every check passes trivially. The one-sided draws are listed at the end.',
    '',
    "Columns: *engine* is A's win rate when both sides play the solver's strategy on the engine; *A vs fixed /",
    "random / best* is A's strategy on the engine against B's best fixed move, `random` and `best`; *best single",
    'move* is A repeating one move while B chooses every turn (a single-agent problem), and *gain* is the value',
    "minus it: what choosing every turn is worth to A. The *fixed-move figure* is what the predictor's exact",
    'ranking shows (A repeats its best move, B its worst reply, both fixed): B choosing its moves can do much',
    'better than that, so the value may be below it.',
    ...context.map((line) => `${line}  `),
    '',
    ...summary.lines.map((line) => `- ${line}`),
    '',
    '| # | A | B | value | engine | within 4 SE | value − best response to A | A vs fixed / random / best | best single move | gain | fixed-move figure | states | solve ms |',
    '| - | - | - | - | - | - | - | - | - | - | - | - | - |',
    ...report.checks.map(row),
    '',
    ...(report.refused.length
      ? [
          '## Refused (over a budget)',
          '',
          ...report.refused.map(
            (r) =>
              `- ${r.scenario.a.species} (${r.scenario.a.moves.join(', ')}) vs ${r.scenario.b.species} (${r.scenario.b.moves.join(', ')}): ${r.reason}`,
          ),
          '',
        ]
      : []),
    ...(report.broken.length
      ? [
          '## Broken (the engine met a state the game never explored)',
          '',
          ...report.broken.map(
            (r) =>
              `- ${r.scenario.a.species} (${r.scenario.a.moves.join(', ')}) vs ${r.scenario.b.species} (${r.scenario.b.moves.join(', ')}): ${r.reason}`,
          ),
          '',
        ]
      : []),
    ...(report.oneSided.length
      ? [
          '## Set aside (one-sided: the value of A is below 2 % or above 98 %)',
          '',
          ...report.oneSided.map(
            (r) =>
              `- ${r.scenario.a.species} (${r.scenario.a.moves.join(', ')}) vs ${r.scenario.b.species} (${r.scenario.b.moves.join(', ')}): ${r.value.toFixed(4)}`,
          ),
          '',
        ]
      : []),
  ].join('\n')
}
