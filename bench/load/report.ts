import type { RunFigures, ScenarioFigures } from './stats.ts'

/** A throughput floor and an optional p99 ceiling, as the targets are written. */
export interface Target {
  minRequestsPerSecond: number
  maxP99Ms?: number
}

const int = (n: number) => Math.round(n).toLocaleString('en-US')
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2))

/**
 * One line per measured run: throughput, latency percentiles, failures, and how many cores the
 * generator and the server each used (they share the machine's two).
 *
 * @example
 * console.log(formatRun(2, figures)) // '  run 2: 5,210 req/s  p50 5.80 …'
 */
export function formatRun(index: number, r: RunFigures): string {
  const cores = `generator ${r.clientCores.toFixed(2)}${r.serverCores === undefined ? '' : `, server ${r.serverCores.toFixed(2)}`}`
  return `  run ${index}: ${int(r.requestsPerSecond).padStart(7)} req/s  p50 ${ms(r.p50)}  p90 ${ms(r.p90)}  p99 ${ms(r.p99)}  max ${ms(r.max)} ms  failures ${r.failures}  cores: ${cores}`
}

/** Whether a scenario met its target; failed requests fail it whatever the speed. */
export function meetsTarget(figures: ScenarioFigures, target: Target): boolean {
  return (
    figures.failures === 0 &&
    figures.requestsPerSecond >= target.minRequestsPerSecond &&
    (target.maxP99Ms === undefined || figures.p99 <= target.maxP99Ms)
  )
}

/** "≥ 2,000 req/s, p99 ≤ 20 ms" */
export function describeTarget(target: Target): string {
  return `≥ ${int(target.minRequestsPerSecond)} req/s${target.maxP99Ms === undefined ? '' : `, p99 ≤ ${target.maxP99Ms} ms`}`
}

/**
 * The summary as a Markdown table (paste-ready for docs/benchmarks.md): median req/s and p99 over
 * the runs, the median run's other percentiles, failures, target and verdict.
 *
 * @example
 * console.log(summaryTable([{ name: 'GET /api/v1/pokemon/25', figures, target }]))
 */
export function summaryTable(
  rows: { name: string; figures: ScenarioFigures; target: Target | undefined }[],
): string {
  const lines = [
    '| scenario | req/s (median) | p50 ms | p90 ms | p99 ms (median) | max ms | failures | target | met |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const { name, figures, target } of rows) {
    const byRps = [...figures.runs].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)
    const mid = byRps[Math.floor(byRps.length / 2)]!
    const max = Math.max(...figures.runs.map((r) => r.max))
    const verdict = target === undefined ? '—' : meetsTarget(figures, target) ? 'yes' : '**no**'
    lines.push(
      `| ${name} | ${int(figures.requestsPerSecond)} | ${ms(mid.p50)} | ${ms(mid.p90)} | ${ms(figures.p99)} | ${ms(max)} | ${figures.failures} | ${target ? describeTarget(target) : 'ceiling'} | ${verdict} |`,
    )
  }
  return lines.join('\n')
}
