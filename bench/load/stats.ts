import { median } from '../median.ts'

/** Latency percentiles of one run, in milliseconds. */
export interface LatencySummary {
  p50: number
  p90: number
  p99: number
  max: number
}

/**
 * Nearest-rank percentile of an ascending array (`p` in 0–100): the smallest value with at least
 * p % of the samples at or below it. Why nearest rank and no interpolation: a p99 is then a
 * latency some request really had, which is what wrk and HdrHistogram report too.
 *
 * @example
 * percentile(Float64Array.of(1, 2, 3, 4), 50) // 2
 */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

/**
 * p50 / p90 / p99 / max of the first `count` latencies (the generator's buffer is larger than
 * the number of requests it completed).
 *
 * @example
 * summariseLatencies(Float64Array.of(3, 1, 2), 3).p50 // 2
 */
export function summariseLatencies(latenciesMs: Float64Array, count: number): LatencySummary {
  const sorted = latenciesMs.slice(0, count).sort()
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
  }
}

/** One measured run, reduced to what is printed and compared with the targets. */
export interface RunFigures extends LatencySummary {
  requestsPerSecond: number
  requests: number
  failures: number
  clientCores: number
  serverCores: number | undefined
}

/** The median of several runs for the two figures the targets are written in. */
export interface ScenarioFigures {
  runs: RunFigures[]
  requestsPerSecond: number
  p99: number
  failures: number
}

/**
 * Reduces a scenario's runs to the median req/s and the median p99 (each median taken on its
 * own: the run with the median throughput need not be the one with the median tail), and the
 * total of failed requests (non-2xx or transport errors) over every run.
 *
 * @example
 * scenarioFigures(runs).requestsPerSecond
 */
export function scenarioFigures(runs: RunFigures[]): ScenarioFigures {
  return {
    runs,
    requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
    p99: median(runs.map((r) => r.p99)),
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
  }
}
