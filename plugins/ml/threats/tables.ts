import type { FeatureSpace, MatchupInput } from '../features/vector.ts'
import { FEATURE_NAMES } from '../features/vector.ts'
import type { GbdtModel } from '../gbdt/model.ts'
import { opponentReplies } from './replies.ts'

/** For one move of A: against each opponent, A's chance with the opponent's most dangerous reply. */
export interface OpponentTable {
  readonly move: string
  /** Opponent slugs, in roster order (the same for every table). */
  readonly opponents: readonly string[]
  readonly winProbability: Float32Array
  readonly reply: readonly string[]
}

/**
 * Scores every (move of A, opponent, reply) pair in ONE batch and keeps, per opponent and move,
 * the reply that minimises A's chance. Features come from the one feature module.
 *
 * @example
 * opponentTables(space, model, 'pikachu', ['thunderbolt']).get('thunderbolt')!.winProbability
 */
export function opponentTables(
  space: FeatureSpace,
  model: GbdtModel,
  a: string,
  moves: readonly string[],
): Map<string, OpponentTable> {
  const index = space.index
  const opponents = [...index.forms.keys()]
  const replies = opponents.map((b) => opponentReplies(index, b, a))
  const inputs: MatchupInput[] = []
  for (const moveA of moves)
    for (const [i, b] of opponents.entries())
      for (const moveB of replies[i]!) inputs.push({ a, moveA, b, moveB })
  const p = model.predictProba({
    values: space.matrix(inputs),
    nRows: inputs.length,
    nFeatures: FEATURE_NAMES.length,
  })
  const tables = new Map<string, OpponentTable>()
  let row = 0
  for (const move of moves) {
    const winProbability = new Float32Array(opponents.length)
    const reply: string[] = []
    for (const [i] of opponents.entries()) {
      let worst = Number.POSITIVE_INFINITY
      let which = ''
      for (const moveB of replies[i]!) {
        const value = p[row++]!
        if (value < worst) {
          worst = value
          which = moveB
        }
      }
      winProbability[i] = worst
      reply.push(which)
    }
    tables.set(move, { move, opponents, winProbability, reply })
  }
  return tables
}
