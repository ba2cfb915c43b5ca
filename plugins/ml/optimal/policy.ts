import type { Pokemon } from '@pkmn/sim'
import { hasCode } from '../../../core/errors.ts'
import type { LgpeEngine } from '../battle/engine.ts'
import { BattleError } from '../battle/errors.ts'
import type { MovePolicy } from '../battle/policies.ts'
import { type BattlerFactory, createBattlerFactory } from '../solver/battler.ts'
import { type BufferStore, createBufferStore } from '../solver/grid.ts'
import { stateFromEngine } from './engine-state.ts'
import { rowTopOf } from './reach.ts'
import type { GameSideInput } from './setup.ts'
import { DEFAULT_LIMITS, type OptimalLimits, type SolvedGame, solveGame } from './solve.ts'
import { strategyAt } from './strategies.ts'

/** Options of the optimal policy. */
export interface OptimalPolicyOptions {
  readonly limits?: OptimalLimits
  /** Solved games kept (a game is solved once per pair of sets, then every battle reuses it). */
  readonly cacheSize?: number
  /** Reuse a factory (and its form cache) shared with other solvers. */
  readonly factory?: BattlerFactory
  /** Called with every solve (e.g. to reuse it for checks). */
  readonly onSolved?: (solved: SolvedGame) => void
}

/**
 * Plays the optimal-play solver's strategy: at battle start the game of this Pokémon's moves
 * against the foe's is solved (or taken from the cache); each turn the live battle is read into
 * the game's state (`stateFromEngine`) and a move is drawn from the optimal mixed strategy at that
 * state and HP, with the battle's own seeded dice.
 *
 * @throws BattleError `BATTLE_INVALID_POLICY` when the game cannot be solved (a budget, a move the
 *   game does not model) or a live state is one the game never met (a bug: the checks look for it).
 * @example runBattle(engine, a, b, optimalPolicy(engine), optimalPolicy(engine), [1, 2, 3, 4])
 */
export function createOptimalPolicy(engine: LgpeEngine, options: OptimalPolicyOptions = {}): MovePolicy {
  const factory = options.factory ?? createBattlerFactory(engine)
  const store: BufferStore = createBufferStore()
  const cache = new Map<string, SolvedGame>()
  const cacheSize = options.cacheSize ?? 8
  const solvedFor = (self: Pokemon, foe: Pokemon) => {
    const a = sideOf(self)
    const b = sideOf(foe)
    const key = JSON.stringify([a, b])
    let solved = cache.get(key)
    if (!solved) {
      try {
        solved = solveGame(engine, factory, store, { a, b }, options.limits ?? DEFAULT_LIMITS)
      } catch (error) {
        // the code names the limit (OPTIMAL_STATE_LIMIT, OPTIMAL_CELL_LIMIT, OPTIMAL_TIME_LIMIT)
        const reason = hasCode(error) ? `${error.code}: ${(error as Error).message}` : String(error)
        throw new BattleError('BATTLE_INVALID_POLICY', `optimal play cannot be solved: ${reason}`, {
          cause: error,
        })
      }
      if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!)
      cache.set(key, solved)
      options.onSolved?.(solved)
    }
    return solved
  }
  return {
    name: 'optimal',
    start({ dex, self, foe, random }) {
      const solved = solvedFor(self, foe)
      const probs = new Float64Array(5)
      return (pokemon, opponent) => {
        const { state, hp } = stateFromEngine(dex, solved.game, pokemon, opponent)
        const node = solved.graph.findTurn(state)
        const hiB = node ? solved.reach.hiB[node.id]! : 0
        // a cell out of reach was never valued: the game and the engine disagree (a bug)
        if (!node || hp[1] > rowTopOf(solved.reach, node.id, hp[0])) {
          throw new BattleError(
            'BATTLE_INVALID_POLICY',
            `optimal play never met this state of ${pokemon.species.name} vs ${opponent.species.name} (HP ${hp[0]}/${hp[1]})`,
          )
        }
        const rows = node.rows.length
        strategyAt(
          solved.strategies,
          node.id,
          (hp[0] - 1) * hiB + hp[1] - 1,
          0,
          rows,
          node.cols.length,
          probs,
        )
        let draw = random()
        for (let i = 0; i < rows; i++) {
          draw -= probs[i]!
          if (draw < 0 || i === rows - 1) {
            const cur = node.rows[i]!
            return cur >= 1 && cur <= 4 ? cur - 1 : -1
          }
        }
        return -1
      }
    },
  }
}

/** The form, moves and options of a battling Pokémon, as the game is built from them. */
function sideOf(pokemon: Pokemon): GameSideInput {
  const set = pokemon.set
  return {
    species: pokemon.species.id,
    moves: pokemon.baseMoveSlots.map((slot) => slot.id),
    options: { level: set.level, ivs: set.ivs, avs: set.evs, nature: set.nature },
  }
}
