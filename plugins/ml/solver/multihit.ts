import type { Move } from '@pkmn/sim'

/**
 * Hit counts of a move with their probabilities: one hit, a fixed count (Double Kick: 2) or the
 * Gen 5+ 2–5 table (`sample([2,2,2,2,2,2,2,3,3,3,3,3,3,3,4,4,4,5,5,5])`: 35/35/15/15 %).
 *
 * @example
 * hitCounts(dex.moves.get('furyattack')) // [[2, .35], [3, .35], [4, .15], [5, .15]]
 */
export function hitCounts(move: Move): [number, number][] {
  const multihit = move.multihit
  if (!multihit) return [[1, 1]]
  if (typeof multihit === 'number') return [[multihit, 1]]
  const [low, high] = multihit as [number, number]
  if (low === 2 && high === 5)
    return [
      [2, 7 / 20],
      [3, 7 / 20],
      [4, 3 / 20],
      [5, 3 / 20],
    ]
  const counts: [number, number][] = []
  for (let k = low; k <= high; k++) counts.push([k, 1 / (high - low + 1)])
  return counts
}
