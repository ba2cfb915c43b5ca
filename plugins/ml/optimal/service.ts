import type { OptimalAdvice, OptimalPlay, OptimalRequest } from '../../../core/contracts/optimal.ts'
import type { PokedexReader } from '../../../core/contracts/pokedex.ts'
import { isErrorCode } from '../../../core/error-catalogue.ts'
import { KernelError, UsageError } from '../../../core/errors.ts'
import { createLru } from '../advice/lru.ts'
import { bestMoves } from '../features/damage.ts'
import { damagingMoves, indexRoster, type RosterIndex } from '../features/roster-index.ts'
import type { OptimalJob, OptimalJobError } from './job.ts'
import type { OptimalLimits } from './solve.ts'

/** Runs a job off the request thread (a worker in production, in-process in tests). */
export type OptimalJobRunner = (
  job: OptimalJob,
) => Promise<{ advice?: OptimalAdvice; error?: OptimalJobError }>

/** An error of the optimal-play service: its code, plus the field or the limit it is about. */
export class OptimalError extends KernelError {
  readonly field: string | undefined
  readonly limit: number | undefined
  constructor(error: OptimalJobError) {
    super(isErrorCode(error.code) ? error.code : 'OPTIMAL_FAILED', error.message, { plugin: 'ml' })
    this.name = 'OptimalError'
    this.field = error.field
    this.limit = error.limit
  }
}

export interface OptimalServiceDeps {
  readonly pokedex: PokedexReader
  readonly run: OptimalJobRunner
  readonly limits: OptimalLimits
  readonly cacheSize: number
}

/**
 * The `ml.optimal` service (see `core/contracts/optimal.ts`): slugs to engine ids, one solve per
 * distinct request (answers never change, so they are cached), refusals as coded errors.
 *
 * @example const optimal = createOptimalService({ pokedex, run: createOptimalWorkers(…).run, limits, cacheSize: 64 })
 */
export function createOptimalService(deps: OptimalServiceDeps): OptimalPlay {
  const cache = createLru<string, OptimalAdvice>(deps.cacheSize)
  const running = new Map<string, Promise<OptimalAdvice>>()
  let index: RosterIndex | undefined
  const roster = async () => (index ??= indexRoster(await deps.pokedex.roster()))
  return {
    async solve(request: OptimalRequest) {
      const key = JSON.stringify(request)
      const known = cache.get(key) ?? running.get(key)
      if (known) return known
      const idx = await roster()
      const job: OptimalJob = {
        a: sideOf(idx, request.a, request.movesA, 'a'),
        b: sideOf(idx, request.b, request.movesB ?? defaultMoves(idx, request.b, request.a), 'b'),
        ...(request.state ? { state: request.state } : {}),
        limits: deps.limits,
      }
      const promise = deps
        .run(job)
        .then(({ advice, error }) => {
          if (error) {
            throw error.code.startsWith('BATTLE_') && isErrorCode(error.code)
              ? new UsageError(error.code, error.message)
              : new OptimalError(error)
          }
          cache.set(key, advice!)
          return advice!
        })
        .finally(() => running.delete(key))
      running.set(key, promise)
      return promise
    },
  }
}

/** The opponent's 4 damaging moves with the most expected damage (what the simulator assumes too). */
function defaultMoves(idx: RosterIndex, slug: string, foe: string): string[] {
  const form = idx.forms.get(slug)
  const target = idx.forms.get(foe)
  if (!form || !target) return []
  return bestMoves(form.data, target.data, damagingMoves(idx, slug), idx.chart, 4).map((m) => m.slug)
}

function sideOf(idx: RosterIndex, slug: string, moves: readonly string[], side: 'a' | 'b'): OptimalJob['a'] {
  const form = idx.forms.get(slug)
  if (!form?.showdown_id)
    throw new UsageError('ML_UNKNOWN_POKEMON', `unknown Pokémon "${slug}" (side ${side})`)
  if (moves.length < 1 || moves.length > 4) {
    throw new UsageError('ML_MOVES_COUNT', `side ${side} needs 1 to 4 moves, got ${moves.length}`)
  }
  const ids = moves.map((move) => {
    const entry = idx.moves.get(move)
    if (!entry?.showdown_id) throw new UsageError('ML_UNKNOWN_MOVE', `unknown move "${move}" (side ${side})`)
    return entry.showdown_id
  })
  return { species: form.showdown_id, moves: ids, slug, slugs: [...moves] }
}
