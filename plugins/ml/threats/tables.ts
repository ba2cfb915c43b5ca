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
  /** Mean share of the opponent's HP one use of the move takes (0 when it cannot touch it). */
  readonly damageShare: Float32Array
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
  const values = space.matrix(inputs)
  const width = FEATURE_NAMES.length
  const shareColumn = FEATURE_NAMES.indexOf('a_move_mean_share')
  const p = model.predictProba({
    values,
    nRows: inputs.length,
    nFeatures: width,
  })
  const tables = new Map<string, OpponentTable>()
  let row = 0
  for (const move of moves) {
    const winProbability = new Float32Array(opponents.length)
    const reply: string[] = []
    const damageShare = new Float32Array(opponents.length)
    for (const [i] of opponents.entries()) {
      damageShare[i] = values[row * width + shareColumn]!
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
    tables.set(move, { move, opponents, winProbability, reply, damageShare })
  }
  return tables
}
