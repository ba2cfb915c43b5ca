/**
 * Speed of optimal play (plugins/ml/optimal): the two-player game, 4 vs 4 from full HP.
 *
 *   bun bench/optimal.ts [--scenarios 100] [--values out.json] [--compare before.json]
 *   (or `bun bench/solver.ts --optimal`)
 *
 * Seeded random scenarios (forms and 4 damaging moves drawn as in `ml:verify-optimal`), one solve
 * each after a warm-up: median and p99 of wall and CPU time (the machine is shared: CPU time is the
 * steadier figure), discrete states and valued cells, and how many were refused over the default
 * budget. Target: ≤ 50 ms median on the 2-core machine.
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { createLgpeEngine } from '../plugins/ml/battle/engine.ts'
import { OptimalLimitError } from '../plugins/ml/optimal/errors.ts'
import { drawScenarios } from '../plugins/ml/optimal/scenarios.ts'
import { DEFAULT_LIMITS, solveGame } from '../plugins/ml/optimal/solve.ts'
import { createBattlerFactory } from '../plugins/ml/solver/battler.ts'
import { createBufferStore } from '../plugins/ml/solver/grid.ts'
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

/**
 * Solves `count` seeded 4-vs-4 scenarios from full HP (after a warm-up that compiles the code) and
 * measures each solve. Refusals over the default budget are counted, not timed: they are answered
 * by a coded 422 without solving.
 */
export function measureOptimalPlay(count: number, seed = 20_261_202): OptimalPlayFigures {
  const engine = createLgpeEngine()
  const factory = createBattlerFactory(engine)
  const store = createBufferStore()
  const scenarios = drawScenarios(engine, factory.legal, count + WARM_UP, seed)
  const figures = {
    solved: 0,
    refused: 0,
    wallMs: [] as number[],
    cpuMs: [] as number[],
    states: [] as number[],
    cells: [] as number[],
    values: [] as (number | null)[],
  }
  scenarios.forEach((scenario, i) => {
    const started = performance.now()
    const cpuStart = process.cpuUsage()
    try {
      const solved = solveGame(engine, factory, store, { a: scenario.a, b: scenario.b }, DEFAULT_LIMITS)
      if (i < WARM_UP) return
      figures.wallMs.push(performance.now() - started)
      figures.cpuMs.push(process.cpuUsage(cpuStart).user / 1000)
      figures.states.push(solved.graph.nodes.length)
      let valued = 0
      for (let id = 0; id < solved.graph.nodes.length; id++)
        valued += solved.reach.hiA[id]! * solved.reach.hiB[id]!
      figures.cells.push(valued)
      figures.values.push(solved.value)
      figures.solved++
    } catch (error) {
      if (!(error instanceof OptimalLimitError)) throw error
      if (i < WARM_UP) return
      figures.refused++
      figures.values.push(null)
    }
  })
  return figures
}

/**
 * Prints the optimal-play figures (the section `bench/solver.ts --optimal` appends); returns them
 * so that a caller can keep or compare the values.
 */
export function printOptimalPlay(count: number): OptimalPlayFigures {
  const f = measureOptimalPlay(count)
  const ms = (x: number) => `${x.toFixed(1)} ms`
  console.log(
    `optimal play, 4 vs 4 from full HP: ${f.solved} solved, ${f.refused} refused over the default budget`,
  )
  console.log(
    `  wall time  median ${ms(median(f.wallMs))}, p99 ${ms(quantile(f.wallMs, 0.99))} — target ≤ 50 ms median`,
  )
  console.log(`  CPU time   median ${ms(median(f.cpuMs))}, p99 ${ms(quantile(f.cpuMs, 0.99))}`)
  console.log(
    `  states     median ${median(f.states).toFixed(0)}, p99 ${quantile(f.states, 0.99)}, max ${Math.max(...f.states)}`,
  )
  console.log(
    `  cells      median ${median(f.cells).toFixed(0)}, p99 ${quantile(f.cells, 0.99)}, max ${Math.max(...f.cells)} (states × HP pairs valued)`,
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
    },
  })
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; load ${load()}; ${new Date().toISOString()}`)
  const figures = printOptimalPlay(Number(flags.scenarios))
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
