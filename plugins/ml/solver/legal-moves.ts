import type { LgpeEngine } from '../battle/engine.ts'

/**
 * The moves each LGPE form can legally know in a battle, from the engine's own validator (Megas
 * learn what their base species learns). Cached per form: a form costs a few milliseconds once.
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
        return !move.isNonstandard && validator.checkCanLearn(move, learner, sources) === null
      })
      cache.set(species, legal)
      return legal
    },
  }
}
