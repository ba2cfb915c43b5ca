/**
 * Speed of optimal play (plugins/ml/optimal): the two-player game, 4 vs 4 from full HP.
 *
 *   bun bench/optimal.ts [--scenarios 100] [--threads 2|1] [--pair] [--values out.json] [--compare before.json]
 *   (or `bun bench/solver.ts --optimal`)
 *
 * `--threads 2` (the default, as served: `ML_OPTIMAL_THREADS`) sweeps each large game with a
 * second thread (`SweepTeam`), `--threads 1` keeps every solve on one core; `--pair` solves every
 * scenario with one thread and with two, alternating which goes first, in one process (both see
 * the same load: the fair comparison on a shared machine) and checks that the answers are equal.
 *
 * Seeded random scenarios (forms and 4 damaging moves drawn as in `ml:verify-optimal`), one solve
 * each after a warm-up: median and p99 of wall and CPU time (the machine is shared: CPU time is the
 * steadier figure), discrete states and valued cells, and how many were refused over the default
 * budget. Target: ≤ 50 ms median on the 2-core machine.
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { createLgpeEngine, type LgpeEngine } from '../plugins/ml/battle/engine.ts'
import { OptimalLimitError } from '../plugins/ml/optimal/errors.ts'
import { reachableCells } from '../plugins/ml/optimal/reach.ts'
import { drawScenarios, type Scenario } from '../plugins/ml/optimal/scenarios.ts'
import { DEFAULT_LIMITS, solveGame } from '../plugins/ml/optimal/solve.ts'
import {
  createSweepTeam,
  DEFAULT_TEAM_OPTIONS,
  type HandOver,
  type SweepTeam,
} from '../plugins/ml/optimal/sweep-team.ts'
import { type BattlerFactory, createBattlerFactory } from '../plugins/ml/solver/battler.ts'
import { type BufferStore, createBufferStore } from '../plugins/ml/solver/grid.ts'
import { median } from './median.ts'

const WARM_UP = 3

/** The figures of one run of the optimal-play benchmark. */
export interface OptimalPlayFigures {
  readonly solved: number
  readonly refused: number
  readonly wallMs: readonly number[]
  readonly cpuMs: readonly number[]
  readonly states: readonly number[]
  readonly cells: readonly number[]
  /** Per scenario (after the warm-up): P(A wins), or null when refused — to compare two versions. */
  readonly values: readonly (number | null)[]
}

/** The p-quantile (nearest rank) of a list: p99 of 100 solves is the 99th slowest, not the worst. */
export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}

/** One timed solve: null when refused over the budget. */
interface Solve {
  readonly wallMs: number
  readonly cpuMs: number
  readonly states: number
  readonly cells: number
  readonly value: number
  /** The strategies' pure choices, to check that two ways of solving agree to the bit. */
  readonly fingerprint: string
}

/** A solve refused over a budget, with the limit's code. */
interface Refused {
  readonly refused: string
}

const isRefused = (s: Solve | Refused): s is Refused => 'refused' in s

function timeSolve(
  tools: { engine: LgpeEngine; factory: BattlerFactory; store: BufferStore },
  scenario: Scenario,
  team: SweepTeam | undefined,
): Solve | Refused {
  const started = performance.now()
  const cpuStart = process.cpuUsage()
  try {
    const request = { a: scenario.a, b: scenario.b }
    const solved = solveGame(tools.engine, tools.factory, tools.store, request, DEFAULT_LIMITS, team)
    const wallMs = performance.now() - started
    const used = process.cpuUsage(cpuStart)
    const cells = reachableCells(solved.reach)
    let hash = 0
    for (const table of [...solved.strategies.row, ...solved.strategies.col])
      for (const x of table ?? []) hash = (Math.imul(hash, 31) + x) | 0
    const mixed = solved.strategies.mixed.flatMap((cells) =>
      [...(cells ?? [])].map(([c, p]) => `${c}:${p.join()}`),
    )
    return {
      wallMs,
      cpuMs: used.user / 1000,
      states: solved.graph.nodes.length,
      cells,
      value: solved.value,
      fingerprint: `${solved.value}|${hash}|${mixed.sort().join(';')}`,
    }
  } catch (error) {
    if (!(error instanceof OptimalLimitError)) throw error
    return { refused: error.code }
  }
}

function emptyFigures() {
  return {
    solved: 0,
    refused: 0,
    wallMs: [] as number[],
    cpuMs: [] as number[],
    states: [] as number[],
    cells: [] as number[],
    values: [] as (number | null)[],
  }
}

function record(figures: ReturnType<typeof emptyFigures>, solve: Solve | Refused): void {
  if (isRefused(solve)) {
    figures.refused++
    figures.values.push(null)
    return
  }
  figures.solved++
  figures.wallMs.push(solve.wallMs)
  figures.cpuMs.push(solve.cpuMs)
  figures.states.push(solve.states)
  figures.cells.push(solve.cells)
  figures.values.push(solve.value)
}

function benchTools() {
  const engine = createLgpeEngine()
  const factory = createBattlerFactory(engine)
  return { engine, factory, store: createBufferStore() }
}

/**
 * Solves `count` seeded 4-vs-4 scenarios from full HP (after a warm-up that compiles the code) and
 * measures each solve. Refusals over the default budget are counted, not timed: they are answered
 * by a coded 422 without solving. With `threads` 2 each sweep has a second thread (CPU time is
 * then the process's: both threads).
 */
export function measureOptimalPlay(count: number, seed = 20_261_202, threads = 1): OptimalPlayFigures {
  const tools = benchTools()
  const team = threads > 1 ? createSweepTeam(DEFAULT_TEAM_OPTIONS) : undefined
  const figures = emptyFigures()
  try {
    drawScenarios(tools.engine, tools.factory.legal, count + WARM_UP, seed).forEach((scenario, i) => {
      const solve = timeSolve(tools, scenario, team)
      if (i >= WARM_UP) record(figures, solve)
    })
  } finally {
    team?.close()
  }
  return figures
}

/** One thread and two on the same scenarios (see `measureThreadPair`). */
export interface ThreadPair {
  readonly one: OptimalPlayFigures
  readonly two: OptimalPlayFigures
  /** Per solved scenario: wall time with one thread / with two. */
  readonly wallRatios: readonly number[]
  /** Scenarios whose value, strategies or refusal differ between one thread and two (must be 0). */
  readonly different: number
  /**
   * Scenarios one run solved and the other refused at the time limit: a solve close to the limit
   * ends on either side of it with the machine's speed, which says nothing about the answers.
   */
  readonly timeLimited: number
  readonly helperShare: number
  /** Solves the team sent alone because the shared sweep before found the other core busy. */
  readonly resting: number
  readonly together: number
  /** Per shared sweep: CPU time of both threads over its wall time (see `TeamStats.cores`). */
  readonly cores: readonly number[]
  /** Per shared sweep: the smaller share of its working time a thread had a core (`TeamStats.shares`). */
  readonly shares: readonly number[]
  /** Per shared sweep: how late the helper joined it (`TeamStats.handOver`). */
  readonly handOver: readonly HandOver[]
  /** Per shared sweep: its wall time (`TeamStats.sweepMs`). */
  readonly sweepMs: readonly number[]
}

/**
 * Every scenario solved with one thread and with two, one after the other in this process
 * (alternating which goes first), so that both see the same load.
 */
export function measureThreadPair(count: number, seed = 20_261_202): ThreadPair {
  const tools = benchTools()
  const team = createSweepTeam(DEFAULT_TEAM_OPTIONS)
  const one = emptyFigures()
  const two = emptyFigures()
  const wallRatios: number[] = []
  let different = 0
  let timeLimited = 0
  const outcome = (s: Solve | Refused) => (isRefused(s) ? s.refused : s.fingerprint)
  try {
    drawScenarios(tools.engine, tools.factory.legal, count + WARM_UP, seed).forEach((scenario, i) => {
      const first = i % 2 === 0
      const a = timeSolve(tools, scenario, first ? undefined : team)
      const b = timeSolve(tools, scenario, first ? team : undefined)
      const [alone, together] = first ? [a, b] : [b, a]
      if (i < WARM_UP) return
      record(one, alone)
      record(two, together)
      if (outcome(alone) !== outcome(together)) {
        if ([alone, together].some((s) => isRefused(s) && s.refused === 'OPTIMAL_TIME_LIMIT')) timeLimited++
        else different++
      }
      if (!isRefused(alone) && !isRefused(together)) wallRatios.push(alone.wallMs / together.wallMs)
    })
    const stats = team.stats()
    const helperShare = stats.helperChunks / Math.max(1, stats.chunks)
    return {
      one,
      two,
      wallRatios,
      different,
      timeLimited,
      helperShare,
      resting: stats.resting,
      together: stats.together,
      cores: stats.cores,
      shares: stats.shares,
      handOver: stats.handOver,
      sweepMs: stats.sweepMs,
    }
  } finally {
    team.close()
  }
}

/**
 * Prints the optimal-play figures (the section `bench/solver.ts --optimal` appends); returns them
 * so that a caller can keep or compare the values.
 */
export function printOptimalPlay(count: number, threads = 2): OptimalPlayFigures {
  const f = measureOptimalPlay(count, undefined, threads)
  const ms = (x: number) => `${x.toFixed(1)} ms`
  console.log(
    `optimal play, 4 vs 4 from full HP, ${threads} thread${threads > 1 ? 's' : ''}: ${f.solved} solved, ${f.refused} refused over the default budget`,
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
    },
  })
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; load ${load()}; ${new Date().toISOString()}`)
  if (flags.pair) {
    const pair = measureThreadPair(Number(flags.scenarios))
    const ms = (x: number) => `${x.toFixed(1)} ms`
    for (const [name, f] of [
      ['1 thread ', pair.one],
      ['2 threads', pair.two],
    ] as const) {
      console.log(
        `  ${name}: wall median ${ms(median(f.wallMs))}, p99 ${ms(quantile(f.wallMs, 0.99))}; CPU (process) median ${ms(median(f.cpuMs))}; ${f.solved} solved, ${f.refused} refused`,
      )
    }
    console.log(
      `  wall 1 → 2 threads: ratio of medians ${(median(pair.one.wallMs) / median(pair.two.wallMs)).toFixed(3)}×, median of per-scenario ratios ${median(pair.wallRatios).toFixed(3)}×; helper swept ${(100 * pair.helperShare).toFixed(1)} % of the chunks of ${pair.together} shared sweeps (cores used: median ${median(pair.cores).toFixed(2)}; a thread's share of a core: median ${median(pair.shares).toFixed(2)}, least ${Math.min(...pair.shares).toFixed(2)}), ${pair.resting} solves alone after a shared sweep found the other core busy; answers differing: ${pair.different} (one run only at the time limit: ${pair.timeLimited})`,
    )
    const after = (key: keyof HandOver) =>
      ms(median(pair.handOver.map((h) => h[key]).filter(Number.isFinite)))
    console.log(
      `  shared sweeps: wall median ${ms(median(pair.sweepMs))}; the helper after the job's post: had it ${after('receivedMs')}, its sweeper ${after('readyMs')}, its first chunk ${after('firstChunkMs')} (medians)`,
    )
    console.log(`load after: ${load()}`)
    process.exit(pair.different === 0 ? 0 : 1)
  }
  const figures = printOptimalPlay(Number(flags.scenarios), Number(flags.threads))
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
