import type { PokedexReader } from '../../core/contracts/pokedex.ts'
import { UsageError } from '../../core/errors.ts'
import { createLgpeEngine, type LgpeEngine } from './battle/engine.ts'
import type { MatchupEvaluation } from './battle/evaluate.ts'
import { wilsonInterval } from './battle/wilson.ts'
import { createTaskRunner } from './dataset/run-task.ts'
import { baseSeed, type Side } from './dataset/tasks.ts'
import { bestMoves } from './features/damage.ts'
import { damagingMoves, indexRoster, type RosterIndex } from './features/roster-index.ts'

export interface MatchupRequest {
  a: string
  b: string
  /** Move slugs (1–4); default: the 4 moves with the highest expected damage against the opponent. */
  movesA?: string[]
  movesB?: string[]
  policyA?: Side['policy']
  policyB?: Side['policy']
  k: number
  seed: number
}

export type MatchupOutcome = Omit<MatchupEvaluation, 'movesUsedA' | 'movesUsedB'> & {
  movesA: string[]
  movesB: string[]
  usedA: Record<string, number>
  usedB: Record<string, number>
}

/**
 * Runs K seeded battles of a matchup given by slugs, with the same code path datasets use.
 * The engine and roster load on first use (the engine import alone costs ~0.4 s).
 *
 * @example
 * await battles.evaluate({ a: 'pikachu', b: 'squirtle', k: 100, seed: 1 })
 */
export function createBattleService(pokedex: PokedexReader) {
  let engine: LgpeEngine | undefined
  let index: RosterIndex | undefined
  const load = async () => {
    index ??= indexRoster(await pokedex.roster())
    engine ??= createLgpeEngine()
    return { index, engine }
  }
  const side = (
    idx: RosterIndex,
    slug: string,
    foe: string,
    moves: string[] | undefined,
    policy: Side['policy'],
  ): Side => {
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
  return {
    async evaluate(request: MatchupRequest): Promise<MatchupOutcome> {
      const { index: idx, engine: eng } = await load()
      for (const slug of [request.a, request.b]) {
        if (!idx.forms.has(slug)) throw new UsageError('ML_UNKNOWN_POKEMON', `unknown Pokémon "${slug}"`)
      }
      const a = side(idx, request.a, request.b, request.movesA, request.policyA ?? 'best')
      const b = side(idx, request.b, request.a, request.movesB, request.policyB ?? 'best')
      const result = createTaskRunner(eng)(
        { scenario: 'best_move', a, b, sample: 0, seed: baseSeed(request.seed) },
        request.k,
      )
      return {
        battles: request.k,
        wins: result.wins,
        losses: result.losses,
        draws: result.draws,
        caps: result.caps,
        winRate: result.wins / request.k,
        wilson95: wilsonInterval(result.wins, request.k),
        meanTurns: result.meanTurns,
        movesA: a.moves,
        movesB: b.moves,
        usedA: result.usedA,
        usedB: result.usedB,
      }
    },
    /** The roster index (loaded once), for stages that need it. */
    async roster(): Promise<RosterIndex> {
      return (await load()).index
    },
    async engineVersions(): Promise<Record<string, string>> {
      return { ...(await load()).engine.versions } as Record<string, string>
    },
  }
}

export type BattleService = ReturnType<typeof createBattleService>
