/** Median of a list of numbers (benchmarks report the median of several runs, not the best). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/** Runs `fn` `runs` times and returns each duration in seconds. */
export async function timeRuns(runs: number, fn: (run: number) => Promise<void>): Promise<number[]> {
  const seconds: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await fn(i)
    seconds.push((performance.now() - started) / 1000)
  }
  return seconds
}
