import type { LgpeEngine } from '../battle/engine.ts'
import { buildBattleSet } from '../battle/sets.ts'

/**
 * The moves each LGPE form can legally use in a battle with our default set (level 50, IV 31,
 * AV 0, Hardy), by the engine's own validator — exactly the sets `buildBattleSet` accepts, so an
 * event-only move that forces a nature is left out. Cached per form (tens of ms once).
 * Pika Papow and Veevee Volley are left out: the engine refuses them (see `buildBattleSet`).
 */
export interface LegalMoves {
  /** Every LGPE move id (226), sorted. */
  readonly all: readonly string[]
  /** Legal move ids of a form (Showdown species id), sorted. */
  of(species: string): readonly string[]
}

/**
 * @example
 * const legal = createLegalMoves(engine)
 * legal.of('pikachu').includes('thunderbolt') // true
 */
export function createLegalMoves(engine: LgpeEngine): LegalMoves {
  const { dex, validator } = engine
  const ids = new Set<string>()
  for (const species of engine.legalSpecies) {
    const learnset = (dex.data.Learnsets as Record<string, { learnset?: Record<string, string[]> }>)[species]
      ?.learnset
    for (const [move, sources] of Object.entries(learnset ?? {})) {
      if (sources.some((source) => source.startsWith('7'))) ids.add(move)
    }
  }
  const all = [...ids].sort()
  const learnsets = dex.data.Learnsets as Record<string, { learnset?: Record<string, string[]> }>
  const cache = new Map<string, readonly string[]>()
  return {
    all,
    of(species) {
      const cached = cache.get(species)
      if (cached) return cached
      const form = dex.species.get(species)
      const learner = form.battleOnly ? dex.species.get(form.battleOnly as string) : form
      const sources = validator.allSources(learner)
      const legal = all.filter((id) => {
        const move = dex.moves.get(id)
        if (move.isNonstandard || validator.checkCanLearn(move, learner, sources) !== null) return false
        // a move the form learns by level, TM or tutor needs nothing more; one only given by an
        // event (or inherited) gets the whole-set check: an event can force a nature, etc.
        const own = learnsets[learner.id]?.learnset?.[id] ?? []
        return own.some((source) => /^7[LMT]/.test(source)) || buildable(engine, form.name, id)
      })
      cache.set(species, legal)
      return legal
    },
  }
}

function buildable(engine: LgpeEngine, species: string, move: string): boolean {
  try {
    buildBattleSet(engine, { species, moves: [move] })
    return true
  } catch {
    return false
  }
}
