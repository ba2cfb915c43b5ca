/**
 * One timed optimal-play solve and the figures a run keeps (shared by `bench/optimal.ts` and its
 * `--pair` mode, `bench/optimal-pair.ts`).
 */
import { createLgpeEngine, type LgpeEngine } from '../plugins/ml/battle/engine.ts'
import { OptimalLimitError } from '../plugins/ml/optimal/errors.ts'
import { reachableCells } from '../plugins/ml/optimal/reach.ts'
import type { Scenario } from '../plugins/ml/optimal/scenarios.ts'
import { DEFAULT_LIMITS, solveGame } from '../plugins/ml/optimal/solve.ts'
import type { SweepTeam } from '../plugins/ml/optimal/sweep-team.ts'
import { type BattlerFactory, createBattlerFactory } from '../plugins/ml/solver/battler.ts'
import { type BufferStore, createBufferStore } from '../plugins/ml/solver/grid.ts'

/**
 * The first scenarios of the measured seed, solved but not recorded (kept so that the figures stay
 * comparable with earlier runs: the same 100 scenarios). Not the warm-up: see `warmUpOptimalPlay`.
 */
export const SKIPPED_FIRST = 3

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
export interface Solve {
  readonly wallMs: number
  readonly cpuMs: number
  readonly states: number
  readonly cells: number
  readonly value: number
  /** The strategies' pure choices, to check that two ways of solving agree to the bit. */
  readonly fingerprint: string
}

/** A solve refused over a budget, with the limit's code. */
export interface Refused {
  readonly refused: string
}

export const isRefused = (s: Solve | Refused): s is Refused => 'refused' in s

export function timeSolve(
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
    // as a served job does once it has its answer (see `runOptimalJob`)
    solved.release()
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

export function emptyFigures() {
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

export function record(figures: ReturnType<typeof emptyFigures>, solve: Solve | Refused): void {
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

export function benchTools() {
  const engine = createLgpeEngine()
  const factory = createBattlerFactory(engine)
  return { engine, factory, store: createBufferStore() }
}
