import type { PokedexReader } from '../../core/contracts/pokedex.ts'
import type { SimulationRequest, SimulationResult } from '../../core/contracts/simulator.ts'
import { UsageError } from '../../core/errors.ts'
import { createLgpeEngine, type LgpeEngine } from './battle/engine.ts'
import { wilsonInterval } from './battle/wilson.ts'
import { createTaskRunner, type TaskResult } from './dataset/run-task.ts'
import { baseSeed, type MatchupTask, type Side } from './dataset/tasks.ts'
import { bestMoves } from './features/damage.ts'
import { damagingMoves, indexRoster, type RosterIndex } from './features/roster-index.ts'
import { createFeatureSpace, type FeatureSpace } from './features/vector.ts'

export type MatchupRequest = SimulationRequest
export type MatchupOutcome = SimulationResult

function side(
  idx: RosterIndex,
  slug: string,
  foe: string,
  moves: string[] | undefined,
  policy: Side['policy'],
): Side {
  const form = idx.forms.get(slug)
  if (!form?.showdown_id) throw new UsageError('ML_UNKNOWN_POKEMON', `unknown Pokémon "${slug}"`)
  const usable = idx.usable.get(slug) ?? []
  const chosen =
    moves ??
    bestMoves(
      form.data,
      idx.forms.get(foe)!.data,
      damagingMoves(idx, slug),
      idx.chart,
      policy === 'fixed' ? 1 : 4,
    ).map((m) => m.slug)
  if (chosen.length < 1 || chosen.length > 4)
    throw new UsageError('ML_MOVES_COUNT', `${slug} needs 1 to 4 moves, got ${chosen.length}`)
  if (policy === 'fixed' && chosen.length !== 1)
    throw new UsageError('ML_MOVES_COUNT', `a fixed policy takes exactly one move for ${slug}`)
  for (const move of chosen) {
    if (!idx.moves.has(move)) throw new UsageError('ML_UNKNOWN_MOVE', `unknown move "${move}"`)
    if (!usable.includes(move))
      throw new UsageError('ML_MOVE_NOT_LEARNABLE', `${slug} cannot learn ${move} in Let's Go`)
  }
  return {
    slug,
    showdownId: form.showdown_id,
    moves: chosen,
    moveIds: chosen.map((m) => idx.moves.get(m)!.showdown_id!),
    policy,
  }
}

/** Validates a request and turns it into the task datasets use (same code path, same seeds). */
export function prepareMatchup(idx: RosterIndex, request: SimulationRequest): MatchupTask {
  for (const slug of [request.a, request.b]) {
    if (!idx.forms.has(slug)) throw new UsageError('ML_UNKNOWN_POKEMON', `unknown Pokémon "${slug}"`)
  }
  const a = side(idx, request.a, request.b, request.movesA, request.policyA ?? 'best')
  const b = side(idx, request.b, request.a, request.movesB, request.policyB ?? 'best')
  return { scenario: 'best_move', a, b, sample: 0, seed: baseSeed(request.seed) }
}

/** Counts → the result a user reads: win rate with its 95 % Wilson interval. */
export function summarizeMatchup(task: MatchupTask, k: number, result: TaskResult): SimulationResult {
  return {
    battles: k,
    wins: result.wins,
    losses: result.losses,
    draws: result.draws,
    caps: result.caps,
    winRate: result.wins / k,
    wilson95: wilsonInterval(result.wins, k),
    meanTurns: result.meanTurns,
    movesA: task.a.moves,
    movesB: task.b.moves,
    usedA: result.usedA,
    usedB: result.usedB,
  }
}

/**
 * Runs K seeded battles of a matchup given by slugs in this thread (the CLI's `ml:battle`), with
 * the same code path datasets use. The engine and roster load on first use (~0.4 s).
 *
 * @example
 * await battles.evaluate({ a: 'pikachu', b: 'squirtle', k: 100, seed: 1 })
 */
export function createBattleService(pokedex: PokedexReader) {
  let engine: LgpeEngine | undefined
  let index: RosterIndex | undefined
  let space: FeatureSpace | undefined
  const roster = async () => (index ??= indexRoster(await pokedex.roster()))
  return {
    async evaluate(request: MatchupRequest): Promise<MatchupOutcome> {
      const task = prepareMatchup(await roster(), request)
      engine ??= createLgpeEngine()
      return summarizeMatchup(task, request.k, createTaskRunner(engine)(task, request.k))
    },
    /** The roster index (loaded once), for stages that need it. */
    roster,
    /**
     * The model's feature space over this roster and the engine's move data (built once): what
     * training, evaluation and serving compute features with.
     */
    async features(): Promise<FeatureSpace> {
      engine ??= createLgpeEngine()
      space ??= createFeatureSpace(await roster(), engine.dex)
      return space
    },
    async engineVersions(): Promise<Record<string, string>> {
      engine ??= createLgpeEngine()
      return { ...engine.versions } as Record<string, string>
    },
  }
}

export type BattleService = ReturnType<typeof createBattleService>
