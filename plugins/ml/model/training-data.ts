import type { DatasetRow } from '../dataset/rows.ts'
import { FEATURE_NAMES, type FeatureSpace, type MatchupInput } from '../features/vector.ts'
import type { LabelledData } from '../gbdt/dataset.ts'

/**
 * The move a side actually played in a row: the only one for fixed policies, else the one chosen
 * in the most battles (ties → the first in the set), which is what `best` and `random` rows mean
 * in the model's "A uses a, B uses b" terms.
 */
export function mainMove(moves: string, used: string): string {
  const list = moves.split('|')
  if (list.length === 1) return list[0]!
  const counts = new Map(
    used
      .split('|')
      .filter(Boolean)
      .map((entry) => {
        const [move, n] = entry.split(':')
        return [move!, Number(n)] as const
      }),
  )
  let best = list[0]!
  for (const move of list) if ((counts.get(move) ?? 0) > (counts.get(best) ?? 0)) best = move
  return best
}

export function rowInput(row: DatasetRow): MatchupInput {
  return {
    a: String(row.a_slug),
    moveA: mainMove(String(row.a_moves), String(row.a_used)),
    b: String(row.b_slug),
    moveB: mainMove(String(row.b_moves), String(row.b_used)),
  }
}

/**
 * Dataset rows → the trainer's input: features from the one feature module, labels as win counts
 * over K battles (soft label with weight K).
 *
 * @example
 * const train = toLabelledData(space, rows.filter((r) => r.split_pair === 'train'))
 */
export function toLabelledData(space: FeatureSpace, rows: readonly DatasetRow[]): LabelledData {
  const values = space.matrix(rows.map(rowInput))
  return {
    features: { values, nRows: rows.length, nFeatures: FEATURE_NAMES.length },
    wins: Float64Array.from(rows, (r) => Number(r.wins)),
    trials: Float64Array.from(rows, (r) => Number(r.k)),
  }
}

/** The unordered pair a row belongs to: the group for grouped cross-validation. */
export function pairKey(row: DatasetRow): string {
  const [x, y] = [String(row.a_slug), String(row.b_slug)].sort()
  return `${x}|${y}`
}
