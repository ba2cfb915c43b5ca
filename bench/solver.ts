/**
 * Speed of the exact solver.
 *
 *   bun bench/solver.ts [--pairs 300] [--runs 3] [--matrix] [--sample 0] [--workers 2]
 *   bun bench/solver.ts --optimal [--scenarios 100]
 *
 * 1. Per pair: seeded random pairs (half damaging moves only, half any learnable move), solved
 *    after a warm-up, `--runs` times; prints the median and p99 of the per-pair time (median over
 *    runs of each pair's time), and the worst pairs.
 * 2. `--matrix`: the best-move matrix of the 188 forms solved exactly (each side's 4 most damaging
 *    moves against the other; 16 pairs per unordered pair, both directions from one solve), on
 *    `--workers` threads; `--sample n` solves n random unordered pairs instead and extrapolates.
 *    Target: the whole matrix in < 60 s on the 2-core machine.
 * 3. `--optimal` (alone): optimal play, 4 vs 4 from full HP (`bench/optimal.ts`): median and p99
 *    solve time, states and cells over `--scenarios` seeded battles. Target: ≤ 50 ms median.
 * Prints the machine load next to the figures: the figures mean little on a busy machine.
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { createLgpeEngine } from '../plugins/ml/battle/engine.ts'
import { createPrng } from '../plugins/ml/battle/prng.ts'
import { createSolver, UnsupportedMechanic } from '../plugins/ml/solver/index.ts'
import { drawPairs } from '../plugins/ml/solver/verify-pairs.ts'
import { median } from './median.ts'
import { printOptimalPlay } from './optimal.ts'
import type { PairResult } from './solver-matrix.ts'

const { values: flags } = parseArgs({
  options: {
    pairs: { type: 'string', default: '300' },
    runs: { type: 'string', default: '3' },
    matrix: { type: 'boolean', default: false },
    sample: { type: 'string', default: '0' },
    workers: { type: 'string', default: '2' },
    optimal: { type: 'boolean', default: false },
    scenarios: { type: 'string', default: '100' },
  },
})
const count = Number(flags.pairs)
const runs = Number(flags.runs)
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; load ${load()}; ${new Date().toISOString()}`)
if (flags.optimal) {
  printOptimalPlay(Number(flags.scenarios))
  console.log(`load after: ${load()}`)
  process.exit(0)
}

const engine = createLgpeEngine()
const solver = createSolver(engine)
const pairs = drawPairs(engine, solver, count, 20261202)
const solve = (p: (typeof pairs)[number]) =>
  solver.solve({ species: p.a, move: p.moveA }, { species: p.b, move: p.moveB }, { epsilon: 1e-10 })

for (const p of pairs.slice(0, 30)) {
  try {
    solve(p)
  } catch (error) {
    if (!(error instanceof UnsupportedMechanic)) throw error
  }
}
const times = pairs.map(() => [] as number[])
const cpuTimes = pairs.map(() => [] as number[])
for (let run = 0; run < runs; run++) {
  for (const [i, p] of pairs.entries()) {
    const started = performance.now()
    const cpu = process.cpuUsage()
    try {
      solve(p)
    } catch (error) {
      if (!(error instanceof UnsupportedMechanic)) throw error
      continue
    }
    times[i]!.push(performance.now() - started)
    const used = process.cpuUsage(cpu)
    cpuTimes[i]!.push((used.user + used.system) / 1000)
  }
}
const quantiles = (samples: number[][]) => {
  const sorted = samples
    .filter((t) => t.length > 0)
    .map((t) => median(t))
    .sort((x, y) => x - y)
  const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]!
  const mean = sorted.reduce((x, y) => x + y, 0) / sorted.length
  return `median ${q(0.5).toFixed(3)} ms, p90 ${q(0.9).toFixed(2)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${q(1).toFixed(0)} ms, mean ${mean.toFixed(2)} ms`
}
const exactCount = times.filter((t) => t.length > 0).length
console.log(`per pair (${exactCount} exact pairs, median of ${runs} runs each) — target ≤ 1 ms median`)
console.log(`  wall: ${quantiles(times)}`)
console.log(`  CPU:  ${quantiles(cpuTimes)} (steadier than wall time on a shared machine)`)
const worst = times
  .map((t, i) => ({ t: t.length ? median(t) : 0, p: pairs[i]! }))
  .sort((x, y) => y.t - x.t)
  .slice(0, 5)
for (const { t, p } of worst)
  console.log(`  slowest: ${p.a} ${p.moveA} vs ${p.b} ${p.moveB}: ${t.toFixed(0)} ms`)

if (flags.matrix) await matrix(Number(flags.sample), Number(flags.workers))

async function matrix(sample: number, workers: number) {
  const forms = [...engine.legalSpecies].sort()
  let unordered: [string, string][] = []
  for (let i = 0; i < forms.length; i++)
    for (let j = i + 1; j < forms.length; j++) unordered.push([forms[i]!, forms[j]!])
  const total = unordered.length
  if (sample > 0) {
    const random = createPrng([7, 3, 5, 1])
    unordered = unordered
      .map((p) => [random(), p] as const)
      .sort((x, y) => x[0] - y[0])
      .slice(0, sample)
      .map(([, p]) => p)
  }
  const warmStarted = performance.now()
  const warmCpu = process.cpuUsage()
  const pool = await startWorkers(workers)
  const warmUp = process.cpuUsage(warmCpu)
  const warmSeconds = (performance.now() - warmStarted) / 1000
  const started = performance.now()
  const cpu = process.cpuUsage()
  const results = await inWorkers(pool, unordered)
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  const cpuSeconds = (used.user + used.system) / 1e6
  const warmCpuSeconds = (warmUp.user + warmUp.system) / 1e6
  const solves = results.reduce((s, r) => s + r.solves, 0)
  const sampled = results.reduce((s, r) => s + r.sampled, 0)
  const bounded = results.reduce((s, r) => s + r.bounded, 0)
  const scale = total / unordered.length
  // the per-form set-up (stats through the engine, legal moves) is paid once per worker, whatever
  // the number of pairs: it is added once, not scaled with the sample
  console.log(
    `matrix: ${unordered.length} unordered pairs (${2 * unordered.length} ordered cells), ${bounded} move pairs bounded, ${solves} of them solved exactly (+${sampled} declined) in ${seconds.toFixed(1)} s on ${workers} workers, after ${warmSeconds.toFixed(1)} s of per-form set-up` +
      (sample > 0
        ? ` → whole matrix (${2 * total} cells) ≈ ${(warmSeconds + seconds * scale).toFixed(0)} s`
        : '') +
      ' — target < 60 s',
  )
  // CPU time (all threads) does not grow with the machine's load: what the matrix costs on idle cores
  const wholeCpu = warmCpuSeconds + cpuSeconds * scale
  console.log(
    `matrix CPU: ${cpuSeconds.toFixed(1)} s + ${warmCpuSeconds.toFixed(1)} s set-up` +
      (sample > 0 ? ` → whole matrix ≈ ${wholeCpu.toFixed(0)} CPU-s` : '') +
      ` ≈ ${(wholeCpu / workers).toFixed(0)} s on ${workers} idle cores`,
  )
  console.log(`load after: ${load()}`)
}

/** Starts `count` matrix workers and waits until each has readied every form. */
async function startWorkers(count: number): Promise<Worker[]> {
  return Promise.all(
    Array.from({ length: Math.max(1, count) }, async () => {
      const worker = new Worker(new URL('./solver-matrix-worker.ts', import.meta.url))
      await new Promise<void>((resolve, reject) => {
        worker.onmessage = () => resolve()
        worker.onerror = (event) => reject(new Error(event.message))
      })
      return worker
    }),
  )
}

async function inWorkers(pool: Worker[], unordered: [string, string][]): Promise<PairResult[]> {
  const chunks: [string, string][][] = []
  for (let i = 0; i < unordered.length; i += 50) chunks.push(unordered.slice(i, i + 50))
  const results: PairResult[] = []
  let next = 0
  await Promise.all(
    pool.map(async (worker) => {
      try {
        while (next < chunks.length) {
          const chunk = chunks[next++]!
          const reply = await new Promise<{ results: PairResult[] }>((resolve, reject) => {
            worker.onmessage = (event) => resolve(event.data)
            worker.onerror = (event) => reject(new Error(event.message))
            worker.postMessage({ pairs: chunk })
          })
          results.push(...reply.results)
        }
      } finally {
        worker.terminate()
      }
    }),
  )
  return results
}
