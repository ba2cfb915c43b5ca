/**
 * `bun bench/optimal.ts --pair`: every scenario solved with one thread and with two in one process
 * (both see the same load: the fair comparison on a shared machine), answers compared.
 */
import { drawScenarios } from '../plugins/ml/optimal/scenarios.ts'
import { createSweepTeam, DEFAULT_TEAM_OPTIONS, type HandOver } from '../plugins/ml/optimal/sweep-team.ts'
import { median } from './median.ts'
import {
  benchTools,
  emptyFigures,
  isRefused,
  type OptimalPlayFigures,
  quantile,
  type Refused,
  record,
  SKIPPED_FIRST,
  type Solve,
  timeSolve,
} from './optimal-solves.ts'
import { warmUpOptimalPlay } from './optimal-warm-up.ts'

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
  /**
   * The team's figures from here on count the recorded scenarios' shared sweeps only: the warm-up's
   * (a helper still compiling its code, joining late) would say nothing of a served process.
   */
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
export function measureThreadPair(count: number, seed = 20_261_202, warmUp = 0): ThreadPair {
  const tools = benchTools()
  const team = createSweepTeam(DEFAULT_TEAM_OPTIONS)
  warmUpOptimalPlay(tools.engine, tools.store, team, warmUp, tools.factory)
  const one = emptyFigures()
  const two = emptyFigures()
  const wallRatios: number[] = []
  let different = 0
  let timeLimited = 0
  const outcome = (s: Solve | Refused) => (isRefused(s) ? s.refused : s.fingerprint)
  // the team's figures from the first recorded scenario on (not the warm-up's shared sweeps)
  let before = team.stats()
  try {
    drawScenarios(tools.engine, tools.factory.legal, count + SKIPPED_FIRST, seed).forEach((scenario, i) => {
      if (i === SKIPPED_FIRST) before = team.stats()
      const first = i % 2 === 0
      const a = timeSolve(tools, scenario, first ? undefined : team)
      const b = timeSolve(tools, scenario, first ? team : undefined)
      const [alone, together] = first ? [a, b] : [b, a]
      if (i < SKIPPED_FIRST) return
      record(one, alone)
      record(two, together)
      if (outcome(alone) !== outcome(together)) {
        if ([alone, together].some((s) => isRefused(s) && s.refused === 'OPTIMAL_TIME_LIMIT')) timeLimited++
        else different++
      }
      if (!isRefused(alone) && !isRefused(together)) wallRatios.push(alone.wallMs / together.wallMs)
    })
    const stats = team.stats()
    const helperShare = (stats.helperChunks - before.helperChunks) / Math.max(1, stats.chunks - before.chunks)
    return {
      one,
      two,
      wallRatios,
      different,
      timeLimited,
      helperShare,
      resting: stats.resting - before.resting,
      together: stats.together - before.together,
      cores: stats.cores.slice(before.cores.length),
      shares: stats.shares.slice(before.shares.length),
      handOver: stats.handOver.slice(before.handOver.length),
      sweepMs: stats.sweepMs.slice(before.sweepMs.length),
    }
  } finally {
    team.close()
  }
}

/** Prints the figures of `measureThreadPair`. */
export function printThreadPair(pair: ThreadPair): void {
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
  const after = (key: keyof HandOver) => ms(median(pair.handOver.map((h) => h[key]).filter(Number.isFinite)))
  console.log(
    `  shared sweeps: wall median ${ms(median(pair.sweepMs))}; the helper after the job's post: had it ${after('receivedMs')}, its sweeper ${after('readyMs')}, its first chunk ${after('firstChunkMs')} (medians)`,
  )
}
