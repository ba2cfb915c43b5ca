import type { Advisor } from '../../../core/contracts/advisor.ts'
import type { MatchupRanker, MatchupsReport, OpponentMatchup } from '../../../core/contracts/matchups.ts'
import type { PokedexReader } from '../../../core/contracts/pokedex.ts'
import type { Predictor } from '../../../core/contracts/predictor.ts'
import { KernelError, UsageError } from '../../../core/errors.ts'
import { createLru } from '../advice/lru.ts'
import { callingThread, type ThreadLike } from '../calling-thread.ts'
import { indexRoster, type RosterIndex } from '../features/roster-index.ts'
import { createMatchupHandler } from './handler.ts'
import { defaultMoves } from './replies.ts'
import type { OpponentTable } from './tables.ts'

/** Tables kept: one per (model, Pokémon, move), 188 opponents each (≈ 2 KB). */
const TABLES = 4000
/** Rankings (sorted opponents) and finished reports kept: one per (model, Pokémon, moves). */
const RANKINGS = 1000
const DEFAULT_EXACT = 5

/**
 * The `ml.matchups` service: every form as an opponent of one Pokémon, by the champion model in
 * one batch per request (in the matchup worker), per-move tables cached for the served model, and
 * the exact answers of both ends of the ranking from the advisor's cache (missing ones are solved
 * in the background and come with a later request). A report whose ends are all answered can no
 * longer change for that model: it is kept and the same object is returned again (read-only), so
 * a popular Pokémon's ranking costs a lookup, not a sort of 188 opponents and 10 exact lookups.
 *
 * @example
 * const report = await ranker.rank({ pokemon: 'pikachu', moves: ['thunderbolt', 'quick-attack'] })
 * report.opponents[0] // the most dangerous opponent
 */
export function createMatchupRanker(deps: {
  pokedex: PokedexReader
  predictor: Predictor
  advisor: Advisor
  modelsDir: string
  /**
   * Scores on the calling thread instead of the matchup worker (test kernels,
   * `ML_MATCHUP_WORKER=false`): no worker's cold start, but a ranking then holds the thread.
   */
  inThread?: boolean
}): MatchupRanker & {
  /**
   * Starts the worker and loads the served model ahead of the first request (the engine's data
   * and the trees take a few seconds to load: a first ranking should not pay for them).
   */
  warm(): Promise<void>
  close(): void
} {
  let index: RosterIndex | undefined
  const roster = async () => (index ??= indexRoster(await deps.pokedex.roster()))
  const tables = createLru<string, OpponentTable>(TABLES)
  const rankings = createLru<string, readonly OpponentMatchup[]>(RANKINGS)
  const finished = createLru<string, MatchupsReport>(RANKINGS)
  const defaults = new Map<string, string[]>()
  const inFlight = new Map<string, Promise<void>>()
  let worker: ThreadLike | undefined
  let ready: Promise<void> | undefined
  let modelDir: string | undefined
  let modelLoading: Promise<void> | undefined
  let nextId = 0
  const pending = new Map<number, { resolve: (t: OpponentTable[]) => void; reject: (e: Error) => void }>()

  function start(): Promise<void> {
    if (ready) return ready
    worker = deps.inThread
      ? callingThread(createMatchupHandler())
      : new Worker(new URL('./worker.ts', import.meta.url))
    ready = (async () => {
      const data = await deps.pokedex.roster()
      await new Promise<void>((resolve, reject) => {
        worker!.onmessage = (
          event: MessageEvent<{
            type?: string
            id?: number
            tables?: OpponentTable[]
            error?: string
            dir?: string
          }>,
        ) => {
          const m = event.data
          if (m.type === 'ready') resolve()
          else if (m.type === 'model') modelLoaded?.(m.dir!)
          else if (m.type === 'error') {
            reject(new KernelError('ML_MATCHUPS_FAILED', m.error ?? 'matchup worker failed'))
            modelFailed?.(m.error ?? 'model load failed')
          } else if (m.id !== undefined) {
            const job = pending.get(m.id)
            pending.delete(m.id)
            if (m.tables) job?.resolve(m.tables)
            else job?.reject(new KernelError('ML_MATCHUPS_FAILED', m.error ?? 'matchup worker failed'))
          }
        }
        worker!.onerror = (event) => {
          const error = new KernelError('ML_MATCHUPS_FAILED', `matchup worker crashed: ${event.message}`)
          for (const job of pending.values()) job.reject(error)
          pending.clear()
          reject(error)
        }
        worker!.postMessage({ type: 'init', roster: data })
      })
    })()
    return ready
  }

  let modelLoaded: ((dir: string) => void) | undefined
  let modelFailed: ((error: string) => void) | undefined
  async function useModel(dir: string): Promise<void> {
    await start()
    if (modelDir === dir) return
    modelLoading ??= new Promise<void>((resolve, reject) => {
      modelLoaded = (loaded) => {
        modelDir = loaded
        resolve()
      }
      modelFailed = (error) => reject(new KernelError('ML_MATCHUPS_FAILED', error))
      worker!.postMessage({ type: 'model', modelsDir: deps.modelsDir, dir })
    }).finally(() => {
      modelLoading = undefined
    })
    await modelLoading
    if (modelDir !== dir) await useModel(dir)
  }

  function compute(a: string, moves: string[]): Promise<OpponentTable[]> {
    return new Promise((resolve, reject) => {
      const id = ++nextId
      pending.set(id, { resolve, reject })
      worker!.postMessage({ type: 'tables', id, a, moves })
    })
  }

  /** The opponents sorted for (model, A, moves), without exact answers; tables scored on a miss. */
  async function ranking(
    sha256: string,
    dir: string,
    a: string,
    moves: readonly string[],
    rankingKey: string,
  ): Promise<{ opponents: readonly OpponentMatchup[]; scoredPairs: number }> {
    const cached = rankings.get(rankingKey)
    if (cached) return { opponents: cached, scoredPairs: 0 }
    const key = (move: string) => `${sha256}|${a}|${move}`
    const missing = moves.filter((m) => !tables.get(key(m)) && !inFlight.has(key(m)))
    let scoredPairs = 0
    if (missing.length > 0) {
      await useModel(dir)
      // one batch for every move not cached yet
      const job = compute(a, missing).then((made) => {
        for (const t of made) tables.set(key(t.move), t)
      })
      for (const m of missing) inFlight.set(key(m), job)
      try {
        await job
      } finally {
        for (const m of missing) inFlight.delete(key(m))
      }
      scoredPairs = missing.reduce((n, m) => n + (tables.get(key(m))?.reply.length ?? 0), 0)
    }
    await Promise.all(moves.map((m) => inFlight.get(key(m))))
    const chosen = moves.map((m) => tables.get(key(m))!)
    const opponents: OpponentMatchup[] = chosen[0]!.opponents.map((opponent, i) => {
      const t = chosen[bestMoveAt(chosen, i)]!
      return { opponent, winProbability: t.winProbability[i]!, move: t.move, reply: t.reply[i]! }
    })
    opponents.sort((x, y) => x.winProbability - y.winProbability || x.opponent.localeCompare(y.opponent))
    rankings.set(rankingKey, opponents)
    return { opponents, scoredPairs }
  }

  return {
    async warm() {
      const info = deps.predictor.modelInfo()
      if (info) await useModel(info.dir)
    },
    async defaultMoves(pokemon) {
      const idx = await roster()
      if (!idx.forms.has(pokemon)) throw new UsageError('ML_UNKNOWN_POKEMON', `unknown Pokémon "${pokemon}"`)
      let moves = defaults.get(pokemon)
      if (!moves) {
        moves = defaultMoves(idx, pokemon)
        defaults.set(pokemon, moves)
      }
      return [...moves]
    },
    async rank(request): Promise<MatchupsReport> {
      const idx = await roster()
      const a = request.pokemon
      if (!idx.forms.has(a)) throw new UsageError('ML_UNKNOWN_POKEMON', `unknown Pokémon "${a}"`)
      for (const move of request.moves) {
        if (!idx.usable.get(a)?.includes(move))
          throw new UsageError('ML_MOVE_NOT_LEARNABLE', `${a} cannot use ${move} in Let's Go`)
      }
      const info = deps.predictor.modelInfo()
      if (!info)
        throw new KernelError('ML_NO_MODEL', 'no model is loaded yet: train one with bun run stage ml:train')
      const n = Math.max(0, Math.min(10, request.exact ?? DEFAULT_EXACT))
      const rankingKey = `${info.sha256}|${a}|${request.moves.join(',')}`
      const reportKey = `${rankingKey}|${n}|${info.dir}|${info.version}`
      const done = finished.get(reportKey)
      if (done) return done
      const { opponents: ranked, scoredPairs } = await ranking(
        info.sha256,
        info.dir,
        a,
        request.moves,
        rankingKey,
      )
      const ends = [...new Set([...ranked.slice(0, n), ...ranked.slice(Math.max(n, ranked.length - n))])]
      const known = await deps.advisor.known(
        ends.map((o) => ({ a, moveA: o.move, b: o.opponent, moveB: o.reply })),
      )
      const checked = new Map<OpponentMatchup, OpponentMatchup>()
      for (const [i, o] of ends.entries()) {
        const answer = known[i]
        checked.set(o, {
          ...o,
          exact: answer
            ? {
                status: answer.method === 'sampled' ? 'sampled' : 'exact',
                winProbability: answer.winProbability,
              }
            : { status: 'pending' },
        })
      }
      const report: MatchupsReport = {
        pokemon: a,
        moves: [...request.moves],
        opponents: ranked.map((o) => checked.get(o) ?? o),
        scoredPairs,
        model: { dir: info.dir, version: info.version },
      }
      // every end answered: this model's report can no longer change (a later request scores nothing)
      if (known.every((answer) => answer !== undefined))
        finished.set(reportKey, { ...report, scoredPairs: 0 })
      return report
    },
    close() {
      worker?.terminate()
      worker = undefined
      ready = undefined
      modelDir = undefined
    },
  }
}

/** P(win) differences below this are model noise, not a reason to prefer a move. */
export const MOVE_TIE = 1e-3

/**
 * Which of A's moves to show against opponent `i`: the highest P(win); among moves within
 * `MOVE_TIE` of it, the one that takes the most of the opponent's HP. Why: when nothing wins
 * (Pikachu against Onix), the model's 1e-5 against 2e-5 is noise, and "use Thunderbolt" on a
 * Ground type is advice no player would take; Quick Attack at least hurts.
 */
export function bestMoveAt(tables: readonly OpponentTable[], i: number): number {
  let top = 0
  for (let k = 1; k < tables.length; k++)
    if (tables[k]!.winProbability[i]! > tables[top]!.winProbability[i]!) top = k
  let best = top
  for (let k = 0; k < tables.length; k++) {
    const close = tables[k]!.winProbability[i]! >= tables[top]!.winProbability[i]! - MOVE_TIE
    if (close && tables[k]!.damageShare[i]! > tables[best]!.damageShare[i]!) best = k
  }
  return best
}
