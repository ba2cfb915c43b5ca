import type { Advisor, MethodChoice, PairOutcome, PairRequest } from '../../../core/contracts/advisor.ts'
import type { PokedexReader } from '../../../core/contracts/pokedex.ts'
import type { Predictor } from '../../../core/contracts/predictor.ts'
import { UsageError } from '../../../core/errors.ts'
import type { Logger } from '../../../core/log.ts'
import type { Metrics } from '../../../core/metrics.ts'
import { wilsonInterval } from '../battle/wilson.ts'
import type { TaskResult } from '../dataset/run-task.ts'
import type { MatchupTask } from '../dataset/tasks.ts'
import { damagingMoves, indexRoster, type RosterIndex } from '../features/roster-index.ts'
import { createLru } from './lru.ts'
import { rankMoves } from './rank.ts'
import type { SolverPool } from './solver-pool.ts'

export interface AdvisorDeps {
  readonly pokedex: PokedexReader
  readonly predictor: Predictor
  readonly metrics: Metrics
  readonly log: Logger
  readonly solvers: SolverPool
  /** K seeded engine battles of a fixed pair (the answer for pairs the solver declines). */
  readonly sample: (task: MatchupTask, k: number) => Promise<TaskResult>
  readonly budgetMs: number
  readonly cacheSize: number
  readonly sampledBattles: number
}

/**
 * The `ml.advisor` service (see `core/contracts/advisor.ts`): exact answers from the solver
 * workers, engine battles for pairs the solver declines, the model over the time budget; every
 * exact or sampled answer is cached (they never change), and a solve that missed the budget keeps
 * running so the next request is exact.
 */
export function createAdvisor(deps: AdvisorDeps): Advisor {
  const cache = createLru<string, PairOutcome>(deps.cacheSize)
  const running = new Map<string, Promise<PairOutcome>>()
  let index: RosterIndex | undefined
  const roster = async () => (index ??= indexRoster(await deps.pokedex.roster()))
  const answered = deps.metrics.counter({
    name: 'predictiondex_advice_pairs_total',
    help: 'Move pairs answered by the advisor, by method and whether the cache had them',
    labelNames: ['method', 'cached'],
  })
  const fallbacks = deps.metrics.counter({
    name: 'predictiondex_advice_fallbacks_total',
    help: 'Pairs not answered exactly, by reason (unsupported mechanic, over budget, too slow, model asked for)',
    labelNames: ['reason'],
  })
  // every reason exists from the start at 0: a server whose answers are all exact still shows the
  // series (a dashboard's rate() of a missing series is "no data", not 0)
  for (const reason of ['budget', 'requested', 'too_slow', 'unsupported']) fallbacks.inc({ reason }, 0)
  const modelError = deps.metrics.histogram({
    name: 'predictiondex_model_exact_abs_error',
    help: 'The served model checked live: |P_model − P_exact| for every pair answered exactly',
    buckets: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1],
  })
  const solveSeconds = deps.metrics.histogram({
    name: 'predictiondex_solver_duration_seconds',
    help: 'Wall time of one exact solve (queue included), cold pairs only',
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
  })
  const backlog = deps.metrics.gauge({
    name: 'predictiondex_solver_backlog',
    help: 'Exact solves waiting or running',
    collect() {
      backlog.set(deps.solvers.backlog())
    },
  })

  /** Starts (or joins) the exact answer of a pair; settles with an exact or sampled outcome. */
  function exactAnswer(idx: RosterIndex, pair: PairRequest, key: string): Promise<PairOutcome> {
    const known = running.get(key)
    if (known) {
      // someone waits for it again: back among the live solves if an answered request deferred it
      deps.solvers.promote(key)
      return known
    }
    const started = performance.now()
    const ids = showdownIds(idx, pair)
    const promise = deps.solvers
      .solve({ ...ids, slugs: { moveA: pair.moveA, moveB: pair.moveB } }, key)
      .then(async (result) => {
        if (result.kind === 'exact') {
          solveSeconds.observe((performance.now() - started) / 1000)
          return result.outcome
        }
        fallbacks.inc({ reason: result.kind === 'unsupported' ? 'unsupported' : 'too_slow' })
        return sampled(pair, ids, result.reason)
      })
      .then((outcome) => {
        cache.set(key, outcome)
        return outcome
      })
      .finally(() => running.delete(key))
    running.set(key, promise)
    return promise
  }

  async function sampled(
    pair: PairRequest,
    ids: ReturnType<typeof showdownIds>,
    reason: string,
  ): Promise<PairOutcome> {
    const side = (species: string, move: string, slug: string, moveSlug: string) => ({
      slug,
      showdownId: species,
      moves: [moveSlug],
      moveIds: [move],
      policy: 'fixed' as const,
    })
    const task: MatchupTask = {
      scenario: 'all_combinations',
      a: side(ids.a, ids.moveA, pair.a, pair.moveA),
      b: side(ids.b, ids.moveB, pair.b, pair.moveB),
      sample: 0,
      seed: [0x5a, 0x3b, 0x1c, 0x0d],
    }
    const k = deps.sampledBattles
    const result = await deps.sample(task, k)
    return {
      moveA: pair.moveA,
      moveB: pair.moveB,
      winProbability: result.wins / k,
      lossProbability: result.losses / k,
      drawProbability: (result.draws + result.caps) / k,
      method: 'sampled',
      note: `${reason}: ${k} engine battles instead`,
      sampled: { battles: k, wilson95: wilsonInterval(result.wins, k) },
    }
  }

  /** The model's answers for pairs (monitored by the predictor: counts, latency, drift). */
  function modelScores(pairs: readonly PairRequest[]) {
    return deps.predictor.predictPairs(pairs.map((p) => ({ a: p.a, moveA: p.moveA, b: p.b, moveB: p.moveB })))
  }

  function modelOutcome(pair: PairRequest, winProbability: number, note: string): PairOutcome {
    return {
      moveA: pair.moveA,
      moveB: pair.moveB,
      winProbability,
      lossProbability: 1 - winProbability,
      drawProbability: 0,
      method: 'model',
      note,
    }
  }

  async function pairs(requests: PairRequest[], method: MethodChoice = 'auto'): Promise<PairOutcome[]> {
    const idx = await roster()
    for (const request of requests) validate(idx, request)
    if (method === 'model') {
      fallbacks.inc({ reason: 'requested' }, requests.length)
      const scored = await modelScores(requests)
      answered.inc({ method: 'model', cached: 'no' }, requests.length)
      return requests.map((r, i) => modelOutcome(r, scored[i]!.winProbability, 'model asked for'))
    }
    // the model scores every request in shadow: its drift stays monitored, its error against the
    // exact answers is measured live, and its answers are ready for pairs over the budget
    const shadow = deps.predictor.modelInfo()
      ? modelScores(requests).catch(() => undefined)
      : Promise.resolve(undefined)
    const out: (PairOutcome | undefined)[] = requests.map((r) => cache.get(keyOf(r)))
    const fromCache = out.map((o) => o !== undefined)
    const pending = requests.flatMap((request, i) =>
      out[i]
        ? []
        : [
            exactAnswer(idx, request, keyOf(request)).then((outcome) => {
              out[i] = outcome
            }),
          ],
    )
    if (pending.length > 0) {
      const all = Promise.all(pending)
      // with no model to fall back on, or when exact answers were asked for, wait for them
      if (method === 'exact' || !deps.predictor.modelInfo()) await all
      else await Promise.race([all, new Promise((resolve) => setTimeout(resolve, deps.budgetMs))])
    }
    if (out.some((o) => !o)) {
      // over the budget: the model's answers (or, without a model, the exact ones after all)
      const scored = await shadow
      if (scored)
        for (const [i, request] of requests.entries()) if (!out[i]) deps.solvers.defer(keyOf(request))
      if (!scored) await Promise.all(pending)
      const note = `exact answer over the ${deps.budgetMs} ms budget (being computed for next time)`
      for (const [i, request] of requests.entries()) {
        if (out[i] || !scored) continue
        fallbacks.inc({ reason: 'budget' })
        out[i] = modelOutcome(request, scored[i]!.winProbability, note)
      }
    }
    const answers = out as PairOutcome[]
    // one increment per label set, not per pair: a best-move request answers 16 pairs
    const tally = new Map<string, number>()
    for (const [i, o] of answers.entries()) {
      const key = `${o.method}|${fromCache[i] ? 'yes' : 'no'}`
      tally.set(key, (tally.get(key) ?? 0) + 1)
    }
    for (const [key, count] of tally) {
      const [method, cached] = key.split('|') as [string, string]
      answered.inc({ method, cached }, count)
    }
    // the shadow scoring is awaited (a few ms in the model worker): drift and the live error are
    // then up to date when the answer leaves, which keeps monitoring deterministic
    const scored = await shadow
    if (scored) {
      for (const [i, o] of answers.entries()) {
        if (o.method === 'exact') modelError.observe(Math.abs(scored[i]!.winProbability - o.winProbability))
      }
    }
    return answers
  }

  return {
    pairs,
    async known(requests) {
      const idx = await roster()
      for (const request of requests) validate(idx, request)
      return requests.map((request) => {
        const key = keyOf(request)
        const answer = cache.get(key)
        if (!answer && !running.has(key)) {
          // solved in the background for next time; a full solver queue simply leaves it unknown
          exactAnswer(idx, request, key).catch(() => undefined)
        }
        return answer
      })
    },
    async defaultReplies(form) {
      return damagingMoves(await roster(), form).map((m) => m.slug)
    },
    async rank(request) {
      const idx = await roster()
      const movesB = request.movesB?.length
        ? request.movesB
        : damagingMoves(idx, request.b).map((m) => m.slug)
      if (movesB.length === 0) {
        throw new UsageError('ADVICE_NO_REPLY', `${request.b} has no damaging move; give its moves`)
      }
      const list = request.movesA.flatMap((moveA) =>
        movesB.map((moveB) => ({ a: request.a, moveA, b: request.b, moveB })),
      )
      const outcomes = await pairs(list, request.method)
      return rankMoves(request.a, request.b, request.movesA, movesB, outcomes, !request.movesB?.length)
    },
  }
}

function keyOf(p: PairRequest): string {
  return `${p.a}|${p.moveA}|${p.b}|${p.moveB}`
}

function validate(idx: RosterIndex, p: PairRequest): void {
  for (const [form, move] of [
    [p.a, p.moveA],
    [p.b, p.moveB],
  ] as const) {
    if (!idx.forms.has(form)) throw new UsageError('ML_UNKNOWN_POKEMON', `unknown Pokémon "${form}"`)
    if (!idx.usable.get(form)?.includes(move)) {
      throw new UsageError('ML_MOVE_NOT_LEARNABLE', `${form} cannot use ${move} in Let's Go`)
    }
  }
}

function showdownIds(idx: RosterIndex, p: PairRequest) {
  return {
    a: idx.forms.get(p.a)!.showdown_id!,
    moveA: idx.moves.get(p.moveA)!.showdown_id!,
    b: idx.forms.get(p.b)!.showdown_id!,
    moveB: idx.moves.get(p.moveB)!.showdown_id!,
  }
}
