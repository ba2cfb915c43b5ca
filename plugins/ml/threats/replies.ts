import { bestMoves } from '../features/damage.ts'
import { damagingMoves, type RosterIndex } from '../features/roster-index.ts'

/**
 * The replies an opponent is judged with: its 4 damaging moves with the highest expected damage
 * per turn against this Pokémon (the movesets of every dataset and of the advisor's defaults);
 * a form without a damaging move (Ditto) replies with what it has.
 *
 * @example
 * opponentReplies(index, 'gengar', 'pikachu') // ['shadow-ball', 'sludge-bomb', …]
 */
export function opponentReplies(index: RosterIndex, opponent: string, against: string): string[] {
  const b = index.forms.get(opponent)!.data
  const a = index.forms.get(against)!.data
  const best = bestMoves(b, a, damagingMoves(index, opponent), index.chart, 4).map((m) => m.slug)
  return best.length > 0 ? best : [...(index.usable.get(opponent) ?? [])].slice(0, 4)
}

/**
 * A Pokémon's default moves: its 4 damaging moves with the highest expected damage on a neutral
 * target of its own bulk (opponent-independent, so a Pokédex page always shows the same four).
 *
 * @example
 * defaultMoves(index, 'pikachu') // ['thunderbolt', …]
 */
export function defaultMoves(index: RosterIndex, pokemon: string): string[] {
  const self = index.forms.get(pokemon)!.data
  const neutral = { ...self, types: [] }
  return bestMoves(self, neutral, damagingMoves(index, pokemon), index.chart, 4).map((m) => m.slug)
}
