import type { PokemonSet } from '@pkmn/sim'
import type { LgpeEngine } from '../battle/engine.ts'
import { evaluateMatchup } from '../battle/evaluate.ts'
import { bestPolicy, fixedPolicy, type MovePolicy, randomPolicy } from '../battle/policies.ts'
import { buildBattleSet } from '../battle/sets.ts'
import type { MatchupTask, Side } from './tasks.ts'

/** What K battles of one task produced. `used*` counts battles in which each move (slug) was chosen. */
export interface TaskResult {
  wins: number
  losses: number
  draws: number
  caps: number
  meanTurns: number
  usedA: Record<string, number>
  usedB: Record<string, number>
}

function policyOf(side: Side): MovePolicy {
  if (side.policy === 'best') return bestPolicy()
  if (side.policy === 'random') return randomPolicy()
  return fixedPolicy(side.moveIds[0]!)
}

/**
 * Runs one task on an engine, reusing validated sets across tasks (validation costs as much as
 * a battle). Pure given the engine: same task, same result, in any process.
 */
export function createTaskRunner(engine: LgpeEngine): (task: MatchupTask, k: number) => TaskResult {
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
    const result = evaluateMatchup(
      engine,
      { set: setOf(task.a), policy: policyOf(task.a) },
      { set: setOf(task.b), policy: policyOf(task.b) },
      k,
      task.seed,
    )
    const bySlug = (side: Side, used: Readonly<Record<string, number>>) =>
      Object.fromEntries(side.moveIds.flatMap((id, i) => (used[id] ? [[side.moves[i]!, used[id]!]] : [])))
    return {
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
