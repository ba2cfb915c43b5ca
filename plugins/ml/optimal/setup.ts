import type { ModdedDex, Move } from '@pkmn/sim'
import type { Battler, BattlerFactory, FormOptions } from '../solver/battler.ts'
import type { SolveContext } from '../solver/context.ts'
import type { Dist } from '../solver/dist.ts'
import { createTypeOracle } from '../solver/type-oracle.ts'
import { UnsupportedMechanic } from '../solver/unsupported.ts'
import { UNMODELLED_MOVES } from '../solver/use-move.ts'

/** One side of an optimal-play battle: a form and its 1–4 moves. */
export interface GameSideInput {
  readonly species: string
  readonly moves: readonly string[]
  readonly options?: FormOptions
}

/** Choices made when building a game. */
export interface GameOptions {
  /** Per side, per slot: count this slot's PP (default: none; see `GameSide.tracked`). */
  readonly tracked?: readonly [readonly boolean[] | undefined, readonly boolean[] | undefined]
  /**
   * A game of the same two sides (same forms, same moves) whose rules to share: its battlers and
   * rule contexts, so that both make the very same damage distributions (outcomes cached for one
   * stay valid for the other, see `OutcomeCache`), and nothing is built twice.
   */
  readonly sameRulesAs?: Game
}

/** What the game needs of one side, per move slot. */
export interface GameSide {
  /** The fixed-move solver's battler for each slot (same form, that slot's move). */
  readonly battlers: readonly Battler[]
  /**
   * The battler a side uses when it must Struggle: its move is a stand-in for Struggle with an id
   * of its own, so that the rules read "not its own move" when Struggle is used (`lastMove` = 2),
   * and its priority (0) orders the turn.
   */
  readonly struggler: Battler
  readonly moves: readonly Move[]
  /** PP of each slot in battle (3 PP Ups). */
  readonly maxPp: readonly number[]
  /**
   * Whether the state counts this slot's PP (a PP count makes every use a new state). A slot not
   * counted never runs out: exact while the battle is settled before it could, which the solver
   * checks on the optimal play and re-solves counting the slots where it is not.
   */
  readonly tracked: readonly boolean[]
  /** The foe can Disable: the state keeps the last move this side used. */
  readonly keepLast: boolean
  /** This side has Fake Out: the state keeps its action counter. */
  readonly fakeOut: boolean
}

/** Both sides and the 5 × 5 rule contexts (slot 1–4 or Struggle for each side). */
export interface Game {
  readonly dex: ModdedDex
  readonly sides: readonly [GameSide, GameSide]
  /** Context whose battlers use the moves coded `cur` (0 = canonical slot 1, 1–4 slots, 5 Struggle). */
  context(curA: number, curB: number): SolveContext
  /**
   * `context(curA, curB)` for the action of `actor`, watching the foe's move: `watch.read` turns
   * true when the rules read what the foe uses (its move, its PP). Why: every slot of a side is
   * the same form, so an action whose rules never read the foe's move has the same outcomes
   * whatever the foe chose this turn — the exploration computes them once for the foe's 1–4
   * choices (`OutcomeCache`).
   */
  actionContext(curA: number, curB: number, actor: 0 | 1): WatchedContext
}

/** A rule context with a watch on one battler's move (see `Game.actionContext`). */
export interface WatchedContext {
  readonly ctx: SolveContext
  /** Set to false before running the rules; true once they read the watched battler's move. */
  readonly watch: { read: boolean }
}

/** Code of Struggle in the state's `cur` / `last` fields (slots are 1–4, 0 = none). */
export const STRUGGLE = 5

/**
 * Moves whose multi-move behaviour the turn rules do not model: the fixed-move solver's unmodelled
 * moves, and Encore (harmless with one move, but with several it forces the foe's choice).
 */
const UNSUPPORTED_IN_GAME = new Set([...UNMODELLED_MOVES, 'encore'])

/**
 * Builds the game for A and B (each 1–4 distinct legal moves).
 *
 * @throws BattleError for an unknown form or an illegal move; UnsupportedMechanic for a move the
 *   game does not model (Metronome, Mimic, Mirror Move, Transform, Encore).
 * @example
 * const game = createGame(engine.dex, factory, { species: 'pikachu', moves: ['thunderbolt', 'quickattack'] }, …)
 */
export function createGame(
  dex: ModdedDex,
  factory: BattlerFactory,
  a: GameSideInput,
  b: GameSideInput,
  options: GameOptions = {},
): Game {
  const trackedOf = (side: number, slots: number) =>
    Array.from({ length: slots }, (_, slot) => options.tracked?.[side]?.[slot] ?? false)
  const base = options.sameRulesAs
  if (base) {
    const sides = base.sides.map((side, s) => ({ ...side, tracked: trackedOf(s, side.moves.length) }))
    return {
      dex,
      sides: sides as unknown as [GameSide, GameSide],
      context: base.context,
      actionContext: base.actionContext,
    }
  }
  const struggle = dex.moves.get('struggle')
  const ids = [a.moves, b.moves].map((moves) => moves.map((m) => dex.moves.get(m).id as string))
  const sides = [0, 1].map((side) => {
    const input = side === 0 ? a : b
    const own = ids[side]!
    const foe = ids[1 - side]!
    const battlers = input.moves.map((move) => factory.battler(input.species, move, input.options))
    for (const battler of battlers) {
      if (UNSUPPORTED_IN_GAME.has(battler.move.id)) {
        throw new UnsupportedMechanic(`${battler.move.name} is not modelled in optimal play`)
      }
    }
    const slotOne = battlers[0]!.move
    const moves = battlers.map((battler) => battler.move)
    return {
      battlers: battlers.map((battler) =>
        battler.move.id === 'conversion'
          ? { ...battler, move: conversionOf(battler.move, slotOne) }
          : battler,
      ),
      struggler: { ...battlers[0]!, move: standIn(struggle, { id: 'optimalstruggle' }), maxPp: 1 },
      moves,
      maxPp: battlers.map((battler) => battler.maxPp),
      tracked: trackedOf(side, battlers.length),
      keepLast: foe.includes('disable'),
      fakeOut: own.includes('fakeout'),
    } satisfies GameSide
  }) as unknown as [GameSide, GameSide]
  const dists = new Map<string, Dist>()
  const contexts = new Map<number, SolveContext>()
  const watched = new Map<number, WatchedContext>()
  const types = createTypeOracle(dex)
  const battlerOf = (side: GameSide, cur: number) =>
    cur === STRUGGLE ? side.struggler : side.battlers[Math.max(0, cur - 1)]!
  const contextOf = (battlers: readonly [Battler, Battler]): SolveContext => ({
    dex,
    battlers,
    struggle,
    types,
    dists,
    turn: 1,
    trackPp: [false, false],
  })
  return {
    dex,
    sides,
    context(curA, curB) {
      const key = curA * 8 + curB
      let ctx = contexts.get(key)
      if (!ctx) {
        ctx = contextOf([battlerOf(sides[0], curA), battlerOf(sides[1], curB)])
        contexts.set(key, ctx)
      }
      return ctx
    },
    actionContext(curA, curB, actor) {
      const key = (curA * 8 + curB) * 2 + actor
      let entry = watched.get(key)
      if (!entry) {
        const watch = { read: false }
        const battlers: [Battler, Battler] = [battlerOf(sides[0], curA), battlerOf(sides[1], curB)]
        battlers[1 - actor] = watchedBattler(battlers[1 - actor]!, watch)
        entry = { ctx: contextOf(battlers), watch }
        watched.set(key, entry)
      }
      return entry
    },
  }
}

/**
 * `battler` whose move-dependent fields (its move, PP and set) turn `watch.read` true when read;
 * the form's fields (stats, types, level, HP, weight) are the same for every slot of a side.
 */
function watchedBattler(battler: Battler, watch: { read: boolean }): Battler {
  const copy = { ...battler }
  for (const field of ['move', 'maxPp', 'set'] as const) {
    Object.defineProperty(copy, field, {
      enumerable: true,
      get() {
        watch.read = true
        return battler[field]
      },
    })
  }
  return copy
}

/** A copy of `move` (sharing its prototype, so every other field reads through) with some fields replaced. */
function standIn(move: Move, fields: Partial<Record<'id' | 'type', string>>): Move {
  const copy = Object.create(move) as Move
  for (const [key, value] of Object.entries(fields)) Object.defineProperty(copy, key, { value })
  return copy
}

/** Conversion turns the user into the type of its first move slot (the rules read the move's own type). */
function conversionOf(conversion: Move, slotOne: Move): Move {
  return standIn(conversion, { type: slotOne.type })
}
