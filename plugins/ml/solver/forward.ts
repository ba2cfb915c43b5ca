import type { PhaseOutcomes } from './apply.ts'
import type { SolveContext } from './context.ts'
import { type BufferStore, createBufferStore, createGridPool } from './grid.ts'
import {
  addMassTo,
  applyToMass,
  emptyMass,
  type Mass,
  type MassEnv,
  massTotal,
  pruneMass,
  releaseMass,
  startMass,
} from './mass.ts'
import { createModeTable, initialMode, type Mode } from './mode.ts'
import { createPhaseKernels, type Phase } from './phases.ts'
import { UnsupportedMechanic } from './unsupported.ts'

/** Limits of one forward solve. */
export interface ForwardOptions {
  /** The engine battle's turn cap: a battle still running after this many turns is a `cap`. */
  readonly turnCap: number
  /** Stop once the probability still in play is below this (it is reported as `unresolved`). */
  readonly epsilon: number
  /** Cells holding less than this are dropped (their mass is reported as `unresolved`). */
  readonly cellFloor: number
  /** Rank-one terms a state may hold before it switches to a dense grid (0: grids only). */
  readonly maxRank: number
  /** Discrete states holding less than this in all are dropped (reported as `unresolved`). */
  readonly modeFloor: number
  /**
   * `performance.now()` after which the solve gives up with `UnsupportedMechanic` (checked before
   * each discrete state of each phase: one turn of Bide against a multi-hit move can hold hundreds
   * of states, each a different Bide total). Bulk labelling's bound: one pathological pair must not
   * hold a whole dataset build. Unset: no limit (answers never depend on it).
   */
  readonly deadline?: number
}

export const DEFAULT_FORWARD: ForwardOptions = {
  turnCap: 200,
  epsilon: 1e-12,
  cellFloor: 1e-17,
  maxRank: 24,
  modeFloor: 1e-15,
}

/** Exact outcome probabilities of a fixed-move battle, turn by turn. */
export interface ForwardResult {
  /** winsByTurn[s][t - 1] = P(side s wins at the end of turn t). */
  readonly winsByTurn: readonly [number[], number[]]
  /** P(nobody fainted by the turn cap). */
  readonly cap: number
  /** Probability not resolved when the solve stopped (≤ epsilon + pruned cells). */
  readonly unresolved: number
  /** Discrete states met (a measure of the work). */
  readonly modes: number
  readonly turns: number
}

/**
 * Propagates the probability of every battle state (HP of both sides × discrete state) turn by
 * turn through the four phases of a turn (start → first action → second action → residual), each
 * phase applying its branches to the HP grids. Mass leaves when someone faints, recorded by turn.
 * Exact up to floating point: the loop ends at the turn cap (the rest is `cap`) or when less than
 * `epsilon` is still in play (reported, never silently dropped).
 *
 * @example
 * const result = solveForward(createContext(engine.dex, [pikachu, squirtle]))
 * result.winsByTurn[0].reduce((a, b) => a + b) // P(Pikachu wins)
 */
export function solveForward(
  ctx: SolveContext,
  options: ForwardOptions = DEFAULT_FORWARD,
  store: BufferStore = createBufferStore(),
): ForwardResult {
  const run = startForward(ctx, options, store)
  try {
    return run.advance(options.epsilon)
  } finally {
    run.dispose()
  }
}

/**
 * A forward solve that can be taken further. `advance(epsilon)` plays turns until less than
 * `epsilon` is still in play (or the turn cap) and returns the answer so far: each side's wins
 * only grow, and what is still in play (`unresolved`) bounds how much more either can get. Bulk
 * work (the best-move matrix) first asks every candidate for a coarse answer and goes on only
 * with the few whose exact value decides something, without playing their first turns again.
 */
export interface ForwardRun {
  advance(epsilon: number): ForwardResult
  /** Gives the grids back; the run cannot advance any more. */
  dispose(): void
}

/** @example const run = startForward(ctx); run.advance(1e-2); run.advance(1e-12); run.dispose() */
export function startForward(
  ctx: SolveContext,
  options: ForwardOptions = DEFAULT_FORWARD,
  store: BufferStore = createBufferStore(),
): ForwardRun {
  // First try without counting the PP of a side with plenty of it: exact as long as the battle is
  // settled before that side could run out (checked); otherwise solve again counting it.
  ctx.trackPp = [ctx.battlers[0].maxPp < UNTRACKED_PP, ctx.battlers[1].maxPp < UNTRACKED_PP]
  let run = propagation(ctx, options, store)
  return {
    advance(epsilon) {
      const result = run.advance(epsilon)
      if (result) return result
      run.dispose()
      ctx.trackPp = [true, true]
      run = propagation(ctx, options, store)
      return run.advance(epsilon)!
    },
    dispose() {
      run.dispose()
    },
  }
}

/** Sides with at least this much PP are first solved as if it never ran out (see `startForward`). */
const UNTRACKED_PP = 12

/** One propagation; `advance` answers `undefined` when an uncounted side could run out of PP. */
function propagation(
  ctx: SolveContext,
  options: ForwardOptions,
  store: BufferStore,
): { advance(epsilon: number): ForwardResult | undefined; dispose(): void } {
  const [a, b] = ctx.battlers
  const untracked = [0, 1]
    .filter((side) => !ctx.trackPp[side as 0 | 1])
    .map((side) => ctx.battlers[side]!.maxPp)
  const horizon = untracked.length > 0 ? Math.min(...untracked) : Number.POSITIVE_INFINITY
  const pool = createGridPool(a.maxhp, b.maxhp, store)
  const table = createModeTable()
  const kernels = createPhaseKernels(ctx, table)
  const winsByTurn: [number[], number[]] = [[], []]
  let dropped = 0
  let states = new Map<Mode, Mass>()
  states.set(table.intern(initialMode()), startMass(a.maxhp, b.maxhp))
  const env: MassEnv = { pool, maxRank: options.maxRank, maxHp: [a.maxhp, b.maxhp] }
  let turn = 0
  let inPlay = 1
  const result = (): ForwardResult => ({
    winsByTurn: [winsByTurn[0].slice(), winsByTurn[1].slice()],
    cap: turn >= options.turnCap ? inPlay : 0,
    unresolved: dropped + (turn < options.turnCap ? inPlay : 0),
    modes: table.size,
    turns: turn,
  })
  return {
    advance(epsilon) {
      while (turn < options.turnCap && inPlay > epsilon) {
        // an uncounted side could run out of PP from the next turn on: start again, counting it
        if (turn >= horizon) return undefined
        if (options.deadline !== undefined && performance.now() > options.deadline) {
          pool.dispose()
          throw new UnsupportedMechanic(`solve over its time budget at turn ${turn}`)
        }
        turn++
        ctx.turn = turn
        const outcomes: PhaseOutcomes = { wins: [0, 0] }
        try {
          for (const phase of ['start', 'first', 'second', 'residual'] as Phase[]) {
            states = runPhase(states, phase, kernels, env, outcomes, options.deadline)
          }
        } catch (error) {
          if (!(error instanceof OverBudget)) throw error
          pool.dispose()
          throw new UnsupportedMechanic(`solve over its time budget in turn ${turn}`)
        }
        winsByTurn[0].push(outcomes.wins[0])
        winsByTurn[1].push(outcomes.wins[1])
        inPlay = 0
        for (const [mode, mass] of states) {
          dropped += pruneMass(mass, options.cellFloor)
          const total = massTotal(mass)
          if (total <= options.modeFloor) {
            // a state this unlikely costs as much to follow as a likely one: drop it, and say so
            dropped += total
            releaseMass(mass, env.pool)
            states.delete(mode)
            continue
          }
          inPlay += total
        }
      }
      return result()
    },
    dispose() {
      pool.dispose()
      states.clear()
    },
  }
}

/** Thrown inside a phase when the deadline passes; `advance` turns it into `UnsupportedMechanic`. */
class OverBudget extends Error {}

function runPhase(
  states: Map<Mode, Mass>,
  phase: Phase,
  kernels: ReturnType<typeof createPhaseKernels>,
  env: MassEnv,
  outcomes: PhaseOutcomes,
  deadline: number | undefined,
): Map<Mode, Mass> {
  const next = new Map<Mode, Mass>()
  const targetOf = (mode: Mode) => {
    let target = next.get(mode)
    if (!target) {
      target = emptyMass()
      next.set(mode, target)
    }
    return target
  }
  for (const [mode, mass] of states) {
    // a turn can hold thousands of states (Bide storing every damage total of a multi-hit move):
    // the budget is checked per state, not only per turn
    if (deadline !== undefined && performance.now() > deadline) throw new OverBudget()
    const branches = kernels.branches(phase, mode)
    const only = branches.length === 1 && branches[0]!.targets.length === 1 ? branches[0]! : undefined
    if (only && only.ops.length === 0 && only.p === 1) {
      // the phase only changes the discrete state: hand the mass over instead of copying it
      const known = next.get(only.targets[0]!.next)
      if (!known) next.set(only.targets[0]!.next, mass)
      else {
        addMassTo(known, mass, 1, env)
        releaseMass(mass, env.pool)
      }
      continue
    }
    for (const branch of branches) {
      if (branch.ops.length === 0) {
        for (const { p, next: target } of branch.targets) addMassTo(targetOf(target), mass, p, env)
        continue
      }
      const targets = branch.targets.map(({ p, next: target }) => [targetOf(target), p / branch.p] as const)
      applyToMass(mass, branch.ops, branch.p, targets, outcomes, env)
    }
    releaseMass(mass, env.pool)
  }
  return next
}
