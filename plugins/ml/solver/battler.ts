import { type Battle, type Move, Pokemon, type PokemonSet } from '@pkmn/sim'
import type { LgpeEngine } from '../battle/engine.ts'
import { BattleError } from '../battle/errors.ts'
import { createBattle } from '../battle/run.ts'
import type { BattleFormInput } from '../battle/sets.ts'
import { buildBattleSet } from '../battle/sets.ts'
import { createLegalMoves, type LegalMoves } from './legal-moves.ts'

/** The five battle stats the damage formula and the turn order read. */
export interface BattleStats {
  readonly atk: number
  readonly def: number
  readonly spa: number
  readonly spd: number
  readonly spe: number
}

/** What a fielded form brings to every battle, whatever its move. */
export interface FormStats {
  /** Showdown species id of the fielded form (`charizardmegax`). */
  readonly species: string
  readonly name: string
  readonly types: readonly string[]
  readonly level: number
  readonly maxhp: number
  readonly stats: BattleStats
  readonly weightHg: number
}

/**
 * One side of a fixed-move 1v1 as the solver needs it. Stats are read from a real engine battle
 * (the LGPE formula with Awakening Values and the ×1.02 friendship factor; the types of the form
 * actually fielded; weight for Low Kick), so solver and engine cannot disagree on inputs.
 */
export interface Battler extends FormStats {
  /** The one move this side repeats, as the modded dex defines it. */
  readonly move: Move
  /** PP of the move in battle (3 PP Ups, as the engine gives every set). */
  readonly maxPp: number
  /** The validated set (holding only this move), to replay the same battler on the engine. */
  readonly set: PokemonSet
}

/** Options of a form beyond species and move (defaults: level 50, IV 31, AV 0, Hardy). */
export type FormOptions = Omit<BattleFormInput, 'species' | 'moves'>

/** Builds battlers, caching each form's stats (one engine battle per form and options). */
export interface BattlerFactory {
  readonly legal: LegalMoves
  /**
   * @throws BattleError `BATTLE_UNKNOWN_POKEMON`, `BATTLE_POKEMON_NOT_IN_LGPE`, `BATTLE_UNKNOWN_MOVE`,
   *   `BATTLE_ILLEGAL_MOVE`, `BATTLE_UNSUPPORTED_MOVE` (Pika Papow / Veevee Volley), `BATTLE_INVALID_SET`.
   */
  battler(species: string, move: string, options?: FormOptions): Battler
}

/**
 * @example
 * const factory = createBattlerFactory(engine)
 * factory.battler('pikachu', 'thunderbolt').maxhp // 110
 */
export function createBattlerFactory(engine: LgpeEngine, legal = createLegalMoves(engine)): BattlerFactory {
  const forms = new Map<string, { stats: FormStats; set: PokemonSet }>()
  const readStats = createStatsReader(engine)
  const formOf = (species: string, options: FormOptions) => {
    const key = `${species}|${JSON.stringify(options)}`
    let form = forms.get(key)
    if (!form) {
      const first = legal.of(engine.dex.species.get(species).id)[0]
      const set = buildBattleSet(engine, { ...options, species, moves: first ? [first] : [] })
      form = { stats: readStats(set), set }
      forms.set(key, form)
    }
    return form
  }
  return {
    legal,
    battler(species, moveName, options = {}) {
      const form = formOf(species, options)
      const move = engine.dex.moves.get(moveName)
      if (!move.exists) throw new BattleError('BATTLE_UNKNOWN_MOVE', `unknown move '${moveName}'`)
      if (move.isNonstandard) {
        throw new BattleError(
          'BATTLE_UNSUPPORTED_MOVE',
          `${move.name} is not supported: the engine would use a made-up power`,
        )
      }
      if (!legal.of(form.stats.species).includes(move.id)) {
        throw new BattleError('BATTLE_ILLEGAL_MOVE', `${form.stats.name} cannot learn ${move.name} in LGPE`)
      }
      return {
        ...form.stats,
        move,
        maxPp: move.noPPBoosts ? move.pp : (move.pp * 8) / 5,
        set: { ...form.set, moves: [move.id] },
      }
    },
  }
}

/**
 * Reads every LGPE form's stats into `factory`'s cache (default options: what the API's requests
 * use), `budgetMs` of work at a time: `step` returns true once every form is read.
 *
 * Why: a form met for the first time costs its set's validation and stats (≈ 0.5 ms, ≈ 1 ms of a
 * median optimal-play request with two new forms); a served worker reads them while idle instead.
 * A form the engine refuses (no legal move) is skipped: a request for it gets the usual error.
 *
 * @example const reader = formReader(engine, factory); while (!reader.step(5));
 */
export function formReader(engine: LgpeEngine, factory: BattlerFactory): { step(budgetMs: number): boolean } {
  const species = [...engine.legalSpecies]
  let next = 0
  return {
    step(budgetMs) {
      // at least one form a step, then as many as the budget allows
      const until = performance.now() + budgetMs
      for (let first = true; next < species.length && (first || performance.now() < until); first = false) {
        const id = species[next++]!
        const move = factory.legal.of(id)[0]
        try {
          if (move) factory.battler(id, move)
        } catch (error) {
          if (!(error instanceof BattleError)) throw error
        }
      }
      return next >= species.length
    },
  }
}

/**
 * Reads a validated set's stats as the engine fields it: a `Pokemon` of the engine's own battle
 * computes them (the LGPE formula with Awakening Values and the ×1.02 friendship factor, the types
 * and the weight of the form fielded).
 *
 * Why one battle for every form: creating a battle (both teams, the format's rules, the start) cost
 * ≈ 0.25–0.6 ms of a form's first solve, on a request's path; a `Pokemon` on the first form's
 * battle gives the same fields for every LGPE form (checked on all of them in `battler.test.ts`)
 * in ≈ 0.02–0.05 ms. The battle is kept only as the Pokémon's host: nothing is played on it.
 */
export function createStatsReader(engine: LgpeEngine): (set: PokemonSet) => FormStats {
  let host: Battle | undefined
  return (set) => {
    host ??= createBattle(engine, set, set, [1, 2, 3, 4])
    return statsOf(new Pokemon(set, host.p1))
  }
}

/** The stats a fielded Pokémon brings (see `FormStats`). */
export function statsOf(pokemon: Pokemon): FormStats {
  const stored = pokemon.storedStats
  return {
    species: pokemon.species.id,
    name: pokemon.species.name,
    types: [...pokemon.getTypes()],
    level: pokemon.level,
    maxhp: pokemon.maxhp,
    stats: { atk: stored.atk, def: stored.def, spa: stored.spa, spd: stored.spd, spe: stored.spe },
    weightHg: pokemon.getWeight(),
  }
}
