/**
 * What a user of `POST /api/v1/predict/optimal` waits for, past HTTP: the optimal-play worker's
 * whole job (`runOptimalJob`) — the solve, the answer, the fixed-move comparison and the four
 * best-single-move values (the gain's baseline) — 4 vs 4 from full HP, as served.
 *
 *   bun bench/optimal-request.ts [--scenarios 100] [--threads 2|1] [--warm-up 200] [--mid 0.6]
 *
 * The same seeded scenarios as `bench/optimal.ts` (whose figure is the solve alone), each asked
 * once (the API caches answers: a repeated matchup is not solved again). A served process:
 * `--warm-up` other matchups solved first and every form's stats read (see `warmUpOptimalPlay`),
 * then 10 whole jobs of another seed. `--threads 2` (the served default, `ML_OPTIMAL_THREADS`)
 * gives the worker its sweep team: the solve's sweep and the best-single-move values use both
 * cores, within the served default limits (`mlConfig`: 8 s a solve). `--mid f` asks mid-battle instead ("what now?" with each side at the fraction f of its
 * HP: no fixed-move figure then, so the four best-single-move sweeps all run, on both threads).
 * Prints median and p99 of wall and CPU time per request and the refusals (a coded 422).
 */
import { cpus, loadavg } from 'node:os'
import { parseArgs } from 'node:util'
import { mlConfig } from '../plugins/ml/config.ts'
import { runOptimalJob } from '../plugins/ml/optimal/job.ts'
import { drawScenarios, type Scenario } from '../plugins/ml/optimal/scenarios.ts'
import { DEFAULT_LIMITS } from '../plugins/ml/optimal/solve.ts'
import { createSweepTeam, DEFAULT_TEAM_OPTIONS } from '../plugins/ml/optimal/sweep-team.ts'
import { createSolver } from '../plugins/ml/solver/index.ts'
import { median } from './median.ts'
import { benchTools, quantile, SKIPPED_FIRST } from './optimal-solves.ts'
import { DEFAULT_WARM_UP, warmUpOptimalPlay } from './optimal-warm-up.ts'

/**
 * The worker's job for a scenario (engine ids stand in for the Pokédex slugs of the answer); with
 * `hp`, mid-battle at those HP.
 */
const jobOf = ({ a, b }: Scenario, hp?: readonly [number, number]) => ({
  a: { species: a.species, moves: a.moves, slug: a.species, slugs: a.moves },
  b: { species: b.species, moves: b.moves, slug: b.species, slugs: b.moves },
  ...(hp ? { state: { a: { hp: hp[0] }, b: { hp: hp[1] } } } : {}),
  limits: SERVED_LIMITS,
})

/** The limits a served worker has by default (`ML_OPTIMAL_TIME_LIMIT_MS` and the others: `mlConfig`). */
const served = mlConfig.parse({})
const SERVED_LIMITS = {
  ...DEFAULT_LIMITS,
  maxStates: served.optimalMaxStates,
  maxCells: served.optimalMaxCells,
  timeLimitMs: served.optimalTimeLimitMs,
}

/** Whole jobs run to warm the comparisons' code up after the solves of `warmUpOptimalPlay`. */
const JOB_WARM_UP = 10

/**
 * Runs the worker's job for `count` seeded scenarios (after the warm-up) and times each one.
 *
 * @example measureOptimalRequests(100, 2, 200).wallMs
 */
export function measureOptimalRequests(
  count: number,
  threads: number,
  warmUp: number,
  mid?: number,
  seed = 20_261_202,
) {
  const tools = benchTools()
  const team = threads > 1 ? createSweepTeam(DEFAULT_TEAM_OPTIONS) : undefined
  const worker = { ...tools, fixed: createSolver(tools.engine, tools.factory), ...(team ? { team } : {}) }
  const figures = { wallMs: [] as number[], cpuMs: [] as number[], refused: 0 }
  const hpOf = ({ a, b }: Scenario): [number, number] | undefined => {
    if (mid === undefined) return undefined
    const at = (side: Scenario['a']) =>
      Math.max(1, Math.floor(mid * tools.factory.battler(side.species, side.moves[0]!).maxhp))
    return [at(a), at(b)]
  }
  try {
    warmUpOptimalPlay(tools.engine, tools.store, team, warmUp, tools.factory)
    for (const scenario of drawScenarios(tools.engine, tools.factory.legal, JOB_WARM_UP, seed + 1))
      runOptimalJob(worker, jobOf(scenario, hpOf(scenario)))
    const scenarios = drawScenarios(tools.engine, tools.factory.legal, count + SKIPPED_FIRST, seed)
    scenarios.slice(SKIPPED_FIRST).forEach((scenario, i) => {
      const started = performance.now()
      const cpu = process.cpuUsage()
      const out = runOptimalJob(worker, jobOf(scenario, hpOf(scenario)))
      const used = process.cpuUsage(cpu)
      if (out.error) figures.refused++
      else {
        figures.wallMs.push(performance.now() - started)
        figures.cpuMs.push((used.user + used.system) / 1000)
      }
      if ((i + 1) % 25 === 0) console.log(`  … ${i + 1} of ${count} requests`)
    })
  } finally {
    team?.close()
  }
  return figures
}

if (import.meta.main) {
  const { values: flags } = parseArgs({
    options: {
      scenarios: { type: 'string', default: '100' },
      threads: { type: 'string', default: '2' },
      'warm-up': { type: 'string', default: String(DEFAULT_WARM_UP) },
      mid: { type: 'string' },
    },
  })
  const count = Number(flags.scenarios)
  const threads = Number(flags.threads)
  const warmUp = Number(flags['warm-up'])
  const mid = flags.mid === undefined ? undefined : Number(flags.mid)
  if (![count, warmUp].every((n) => Number.isInteger(n) && n >= 0) || !(threads === 1 || threads === 2)) {
    console.error('--scenarios and --warm-up must be whole numbers ≥ 0, --threads 1 or 2')
    process.exit(2)
  }
  if (mid !== undefined && !(mid > 0 && mid <= 1)) {
    console.error('--mid must be a fraction of the HP above 0, at most 1')
    process.exit(2)
  }
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; load ${load()}; ${new Date().toISOString()}`)
  const f = measureOptimalRequests(count, threads, warmUp, mid)
  const ms = (x: number) => `${x.toFixed(1)} ms`
  console.log(
    `optimal-play request (the worker's whole job), 4 vs 4 ${mid === undefined ? 'from full HP' : `mid-battle, each side at ${mid} of its HP`}, ${threads} thread${threads > 1 ? 's' : ''}: ${f.wallMs.length} answered, ${f.refused} refused over the default budget; a served process (${warmUp} matchups solved first, then ${JOB_WARM_UP} whole jobs)`,
  )
  console.log(`  wall time  median ${ms(median(f.wallMs))}, p99 ${ms(quantile(f.wallMs, 0.99))}`)
  console.log(`  CPU time   median ${ms(median(f.cpuMs))}, p99 ${ms(quantile(f.cpuMs, 0.99))}`)
  console.log(`load after: ${load()}`)
}
