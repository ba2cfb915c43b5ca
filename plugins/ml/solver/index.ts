/**
 * The exact solver: for A (form, move) against B (form, move), both repeating their move every
 * turn under the engine's rules, the probability of each ending, the length of the battle and the
 * calculator view of each move. See docs/solver.md for the state, the transitions and how it is
 * checked against the engine.
 */
import type { LgpeEngine } from '../battle/engine.ts'
import { type BattlerFactory, createBattlerFactory, type FormOptions } from './battler.ts'
import { createContext } from './context.ts'
import type { Dist } from './dist.ts'
import { DEFAULT_FORWARD, type ForwardOptions, type ForwardResult, startForward } from './forward.ts'
import { type BufferStore, createBufferStore } from './grid.ts'
import { type DamageSummary, summarizeDamage } from './summary.ts'
import { createTypeOracle, type TypeOracle } from './type-oracle.ts'

export type { Battler, BattlerFactory, FormOptions } from './battler.ts'
export { createBattlerFactory } from './battler.ts'
export type { ForwardOptions } from './forward.ts'
export type { DamageSummary } from './summary.ts'
export { koWording } from './summary.ts'
export { UnsupportedMechanic } from './unsupported.ts'

/** One side of a pair to solve. */
export interface PairSide {
  /** Showdown species id or name (`pikachu`, `Charizard-Mega-X`). */
  readonly species: string
  /** Showdown move id or name. */
  readonly move: string
  readonly options?: FormOptions
}

/** Everything the solver says about one fixed-move pair, from A's point of view. */
export interface PairSolution {
  /** P(A wins), P(B wins), P(draw): exact up to `unresolved`. */
  readonly winA: number
  readonly winB: number
  readonly draw: number
  /** P(nobody fainted within the engine's turn cap) — counted apart, like the battle runner. */
  readonly cap: number
  /** Probability the solve left open (stopped below ε, or pruned cells): a bound on the error. */
  readonly unresolved: number
  /** lengthDistribution[t - 1] = P(the battle ends at turn t). */
  readonly lengthDistribution: readonly number[]
  /** P(A wins at turn t), same indexing. */
  readonly winAByTurn: readonly number[]
  readonly expectedTurns: number
  /**
   * What each side's move does to the other (index 0: A's move on B). Computed on first read:
   * bulk labelling never reads it, and it costs about a fifth of a short solve.
   */
  readonly damage: readonly [DamageSummary, DamageSummary]
  /** Work done: discrete states met and turns propagated. */
  readonly states: number
  readonly turns: number
}

/** Solves fixed-move pairs; keep one per process (it caches forms and buffers). */
export interface Solver {
  readonly factory: BattlerFactory
  /** The type chart, memoised; shared by every solve. */
  readonly types: TypeOracle
  /**
   * @throws BattleError for an unknown or illegal Pokémon or move; UnsupportedMechanic when the
   *   pair needs a mechanic the solver does not model (then ask the engine).
   */
  solve(a: PairSide, b: PairSide, options?: Partial<ForwardOptions>): PairSolution
  /**
   * A solve taken as far as asked, then further (see `ForwardRun`): `advance(ε)` answers with at
   * most ε left in play. Bulk work bounds many pairs coarsely and refines only those that decide.
   * Call `dispose` when done. Throws like `solve`.
   */
  start(a: PairSide, b: PairSide, options?: Partial<ForwardOptions>): SolveRun
}

/** A solve in progress: each `advance` plays on from where the last one stopped. */
export interface SolveRun {
  advance(epsilon: number): PairSolution
  dispose(): void
}

/**
 * @example
 * const solver = createSolver(createLgpeEngine())
 * solver.solve({ species: 'pikachu', move: 'thunderbolt' }, { species: 'squirtle', move: 'tackle' }).winA
 */
export function createSolver(engine: LgpeEngine, factory = createBattlerFactory(engine)): Solver {
  const store: BufferStore = createBufferStore()
  const types = createTypeOracle(engine.dex)
  // damage distributions by pair of forms: the move pairs of one matchup (a best-move ranking
  // solves up to 16) compute each distribution once; the last few pairs are kept
  const distCaches = new Map<string, Map<string, Dist>>()
  const distsOf = (a: PairSide, b: PairSide): Map<string, Dist> => {
    const key = `${a.species}|${JSON.stringify(a.options ?? {})}|${b.species}|${JSON.stringify(b.options ?? {})}`
    let dists = distCaches.get(key)
    if (dists) return dists
    dists = new Map()
    distCaches.set(key, dists)
    if (distCaches.size > DIST_PAIRS_KEPT) distCaches.delete(distCaches.keys().next().value!)
    return dists
  }
  const start = (a: PairSide, b: PairSide, options: Partial<ForwardOptions> = {}): SolveRun => {
    const battlers = [
      factory.battler(a.species, a.move, a.options),
      factory.battler(b.species, b.move, b.options),
    ] as const
    const ctx = createContext(engine.dex, battlers, types, distsOf(a, b))
    const run = startForward(ctx, { ...DEFAULT_FORWARD, ...options }, store)
    let damage: readonly [DamageSummary, DamageSummary] | undefined
    const damageOf = () => {
      damage ??= [summarizeDamage(ctx, 0), summarizeDamage(ctx, 1)]
      return damage
    }
    return {
      advance: (epsilon) => pairSolution(run.advance(epsilon), damageOf),
      dispose: () => run.dispose(),
    }
  }
  return {
    factory,
    types,
    start,
    solve(a, b, options = {}) {
      const run = start(a, b, options)
      try {
        return run.advance(options.epsilon ?? DEFAULT_FORWARD.epsilon)
      } finally {
        run.dispose()
      }
    },
  }
}

/** Pairs of forms whose damage distributions a solver keeps. */
const DIST_PAIRS_KEPT = 64

function pairSolution(
  result: ForwardResult,
  damage: () => readonly [DamageSummary, DamageSummary],
): PairSolution {
  const [byA, byB] = result.winsByTurn
  const length = byA.map((p, i) => p + byB[i]!)
  const total = (xs: readonly number[]) => xs.reduce((x, y) => x + y, 0)
  return {
    winA: total(byA),
    winB: total(byB),
    draw: 0,
    cap: result.cap,
    unresolved: result.unresolved,
    lengthDistribution: length,
    winAByTurn: byA,
    expectedTurns: length.reduce((sum, p, i) => sum + p * (i + 1), 0) + result.cap * result.turns,
    get damage() {
      return damage()
    },
    states: result.modes,
    turns: result.turns,
  }
}
