/**
 * Speed of optimal play (plugins/ml/optimal): the two-player game, 4 vs 4 from full HP.
 *
 *   bun bench/optimal.ts [--scenarios 100] [--threads 2|1] [--pair] [--warm-up 200] [--values out.json] [--compare before.json]
 *   (or `bun bench/solver.ts --optimal`)
 *
 * `--threads 2` (the default, as served: `ML_OPTIMAL_THREADS`) sweeps each large game with a
 * second thread (`SweepTeam`), `--threads 1` keeps every solve on one core; `--pair` solves every
 * scenario with one thread and with two, alternating which goes first, in one process (both see
 * the same load: the fair comparison on a shared machine) and checks that the answers are equal.
 *
 * Seeded random scenarios (forms and 4 damaging moves drawn as in `ml:verify-optimal`), one solve
 * each: median and p99 of wall and CPU time (the machine is shared: CPU time is the steadier
 * figure), discrete states and valued cells, and how many were refused over the default budget.
 * Target: ≤ 50 ms median on the 2-core machine, for a served process: `--warm-up` other matchups
 * are solved first (see `warmUpOptimalPlay`; `--warm-up 0` measures a fresh process). What a
 * request of `POST /api/v1/predict/optimal` costs beyond the solve: `bench/optimal-request.ts`.
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { drawScenarios } from '../plugins/ml/optimal/scenarios.ts'
import { createSweepTeam, DEFAULT_TEAM_OPTIONS } from '../plugins/ml/optimal/sweep-team.ts'
import { median } from './median.ts'
import { measureThreadPair, printThreadPair } from './optimal-pair.ts'
import {
  benchTools,
  emptyFigures,
  type OptimalPlayFigures,
  quantile,
  record,
  SKIPPED_FIRST,
  timeSolve,
} from './optimal-solves.ts'
import { DEFAULT_WARM_UP, warmUpOptimalPlay } from './optimal-warm-up.ts'

/**
 * Solves `count` seeded 4-vs-4 scenarios from full HP (after `warmUp` other ones: see
 * `warmUpOptimalPlay`) and measures each solve. Refusals over the default budget are counted, not timed: they are answered
 * by a coded 422 without solving. With `threads` 2 each sweep has a second thread (CPU time is
 * then the process's: both threads).
 */
export function measureOptimalPlay(
  count: number,
  seed = 20_261_202,
  threads = 1,
  warmUp = 0,
): OptimalPlayFigures {
  const tools = benchTools()
  const team = threads > 1 ? createSweepTeam(DEFAULT_TEAM_OPTIONS) : undefined
  const figures = emptyFigures()
  try {
    warmUpOptimalPlay(tools.engine, tools.store, team, warmUp, tools.factory)
    drawScenarios(tools.engine, tools.factory.legal, count + SKIPPED_FIRST, seed).forEach((scenario, i) => {
      const solve = timeSolve(tools, scenario, team)
      if (i >= SKIPPED_FIRST) record(figures, solve)
    })
  } finally {
    team?.close()
  }
  return figures
}

/**
 * Prints the optimal-play figures (the section `bench/solver.ts --optimal` appends); returns them
 * so that a caller can keep or compare the values.
 */
export function printOptimalPlay(count: number, threads = 2, warmUp = DEFAULT_WARM_UP): OptimalPlayFigures {
  const f = measureOptimalPlay(count, undefined, threads, warmUp)
  const ms = (x: number) => `${x.toFixed(1)} ms`
  console.log(
    `optimal play, 4 vs 4 from full HP, ${threads} thread${threads > 1 ? 's' : ''}: ${f.solved} solved, ${f.refused} refused over the default budget; ${warmedUp(warmUp)}`,
  )
  console.log(
    `  wall time  median ${ms(median(f.wallMs))}, p99 ${ms(quantile(f.wallMs, 0.99))} — target ≤ 50 ms median`,
  )
  console.log(`  CPU time   median ${ms(median(f.cpuMs))}, p99 ${ms(quantile(f.cpuMs, 0.99))}`)
  console.log(
    `  states     median ${median(f.states).toFixed(0)}, p99 ${quantile(f.states, 0.99)}, max ${Math.max(...f.states)}`,
  )
  console.log(
    `  cells      median ${median(f.cells).toFixed(0)}, p99 ${quantile(f.cells, 0.99)}, max ${Math.max(...f.cells)} (states × HP pairs a battle can reach, interchangeable states merged; rows where A has lost are not swept)`,
  )
  return f
}

const warmedUp = (solves: number) =>
  solves > 0
    ? `a served process: ${solves} other matchups solved first, every form's stats read (as a served worker does while idle)`
    : 'a fresh process (no warm-up: the code is still being compiled)'

/**
 * Largest |difference| between two runs' values (scenario by scenario), and how many scenarios one
 * run solved and the other refused (over the scenarios both ran): a faster solver must give the same
 * values.
 */
export function compareValues(
  before: readonly (number | null)[],
  after: readonly (number | null)[],
): { readonly maxDifference: number; readonly compared: number; readonly unmatched: number } {
  let maxDifference = 0
  let compared = 0
  let unmatched = 0
  for (let i = 0; i < Math.min(before.length, after.length); i++) {
    const x = before[i] ?? null
    const y = after[i] ?? null
    if (x === null || y === null) {
      if (x !== y) unmatched++
      continue
    }
    compared++
    maxDifference = Math.max(maxDifference, Math.abs(x - y))
  }
  return { maxDifference, compared, unmatched }
}

if (import.meta.main) {
  const { values: flags } = parseArgs({
    options: {
      scenarios: { type: 'string', default: '100' },
      // --values FILE writes each scenario's value; --compare FILE compares them with such a file
      values: { type: 'string' },
      compare: { type: 'string' },
      // the served default (`ML_OPTIMAL_THREADS`); 1 measures one core alone
      threads: { type: 'string', default: '2' },
      pair: { type: 'boolean', default: false },
      'warm-up': { type: 'string', default: String(DEFAULT_WARM_UP) },
    },
  })
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; load ${load()}; ${new Date().toISOString()}`)
  const warmUp = Number(flags['warm-up'])
  for (const [flag, value] of [
    ['--scenarios', Number(flags.scenarios)],
    ['--warm-up', warmUp],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      console.error(`${flag} must be a whole number ≥ 0`)
      process.exit(2)
    }
  }
  if (flags.pair) {
    const pair = measureThreadPair(Number(flags.scenarios), undefined, warmUp)
    console.log(`  ${warmedUp(warmUp)}`)
    printThreadPair(pair)
    console.log(`load after: ${load()}`)
    process.exit(pair.different === 0 ? 0 : 1)
  }
  const figures = printOptimalPlay(Number(flags.scenarios), Number(flags.threads), warmUp)
  console.log(`load after: ${load()}`)
  if (flags.values) await Bun.write(flags.values, JSON.stringify(figures.values))
  if (flags.compare) {
    const before = (await Bun.file(flags.compare).json()) as (number | null)[]
    const { maxDifference, compared, unmatched } = compareValues(before, figures.values)
    console.log(
      `values vs ${flags.compare}: ${compared} compared, max |difference| ${maxDifference.toExponential(2)}, ${unmatched} solved by one run only`,
    )
  }
}
