import type { PokemonSet } from '@pkmn/sim'
import type { LgpeEngine } from '../battle/engine.ts'
import { evaluateMatchup } from '../battle/evaluate.ts'
import { bestPolicy, fixedPolicy, type MovePolicy, optimalPolicy, randomPolicy } from '../battle/policies.ts'
import { buildBattleSet } from '../battle/sets.ts'
import { createSolver, type Solver, UnsupportedMechanic } from '../solver/index.ts'
import type { MatchupTask, Side } from './tasks.ts'

/** How a row is labelled: `exact` (the solver, for fixed-move rows it covers) or `engine` battles. */
export type LabelSource = 'exact' | 'engine'

/**
 * What K battles of one task produced. `used*` counts battles in which each move (slug) was chosen.
 * An `exact` result holds expected counts over K (fractions): P(A wins) × K, and so on.
 */
export interface TaskResult {
  label: LabelSource
  wins: number
  losses: number
  draws: number
  caps: number
  meanTurns: number
  usedA: Record<string, number>
  usedB: Record<string, number>
}

function policyOf(engine: LgpeEngine, side: Side): MovePolicy {
  if (side.policy === 'best') return bestPolicy()
  if (side.policy === 'random') return randomPolicy()
  if (side.policy === 'optimal') return optimalPolicy(engine)
  return fixedPolicy(side.moveIds[0]!)
}

/**
 * Runs one task on an engine, reusing validated sets across tasks (validation costs as much as
 * a battle). Pure given the engine: same task, same result, in any process.
 */
export function createTaskRunner(
  engine: LgpeEngine,
  labels: LabelSource = 'engine',
  exactLimitMs = EXACT_SOLVE_LIMIT_MS,
): (task: MatchupTask, k: number) => TaskResult {
  const solver = labels === 'exact' ? createSolver(engine) : undefined
  const sets = new Map<string, PokemonSet>()
  const setOf = (side: Side) => {
    const key = `${side.showdownId}|${side.moveIds.join(',')}`
    let set = sets.get(key)
    if (!set) {
      set = buildBattleSet(engine, { species: side.showdownId, moves: side.moveIds })
      if (sets.size > 5000) sets.clear()
      sets.set(key, set)
    }
    return set
  }
  return (task, k) => {
    const exact = solver ? exactResult(solver, task, k, exactLimitMs) : undefined
    if (exact) return exact
    const result = evaluateMatchup(
      engine,
      { set: setOf(task.a), policy: policyOf(engine, task.a) },
      { set: setOf(task.b), policy: policyOf(engine, task.b) },
      k,
      task.seed,
    )
    const bySlug = (side: Side, used: Readonly<Record<string, number>>) =>
      Object.fromEntries(side.moveIds.flatMap((id, i) => (used[id] ? [[side.moves[i]!, used[id]!]] : [])))
    return {
      label: 'engine',
      wins: result.wins,
      losses: result.losses,
      draws: result.draws,
      caps: result.caps,
      meanTurns: result.meanTurns,
      usedA: bySlug(task.a, result.movesUsedA),
      usedB: bySlug(task.b, result.movesUsedB),
    }
  }
}

/**
 * A pair whose exact solve takes longer than this is labelled by engine battles instead (its
 * `label` column says `engine`; the truth report counts it as declined). Nearly every pair solves
 * in well under a second; the rare pathological one (Counter against a multi-hit move: minutes)
 * would otherwise hold a whole build. The only input of a dataset that depends on the machine.
 */
export const EXACT_SOLVE_LIMIT_MS = 20_000

/**
 * A fixed-move row answered by the exact solver: expected counts over K, so that `wins / k` is the
 * exact probability and the row keeps K as its weight. Rows the solver declines go to the engine.
 */
function exactResult(solver: Solver, task: MatchupTask, k: number, limitMs: number): TaskResult | undefined {
  if (task.a.policy !== 'fixed' || task.b.policy !== 'fixed') return undefined
  try {
    const s = solver.solve(
      { species: task.a.showdownId, move: task.a.moveIds[0]! },
      { species: task.b.showdownId, move: task.b.moveIds[0]! },
      { epsilon: 1e-10, deadline: performance.now() + limitMs },
    )
    return {
      label: 'exact',
      wins: s.winA * k,
      losses: s.winB * k,
      draws: s.draw * k,
      caps: s.cap * k,
      meanTurns: s.expectedTurns,
      usedA: { [task.a.moves[0]!]: k },
      usedB: { [task.b.moves[0]!]: k },
    }
  } catch (error) {
    if (error instanceof UnsupportedMechanic) return undefined
    throw error
  }
}
