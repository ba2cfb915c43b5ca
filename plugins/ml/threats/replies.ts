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

/** Moves that only work in a situation a repeated-move battle rarely gives, or that faint the user. */
const SITUATIONAL = new Set(['self-destruct', 'explosion', 'dream-eater', 'fake-out', 'sucker-punch'])

/**
 * A Pokémon's default moves: its 4 damaging moves with the highest expected damage on a neutral
 * target of its own bulk (opponent-independent, so a Pokédex page always shows the same four),
 * leaving out moves that faint the user or need a situation (Dream Eater, Fake Out…) and OHKO moves.
 *
 * @example
 * defaultMoves(index, 'pikachu') // ['thunderbolt', …]
 */
export function defaultMoves(index: RosterIndex, pokemon: string): string[] {
  const self = index.forms.get(pokemon)!.data
  const neutral = { ...self, types: [] }
  const usable = damagingMoves(index, pokemon).filter(
    (m) => !SITUATIONAL.has(m.slug) && m.effectClass !== 'ohko',
  )
  return bestMoves(self, neutral, usable, index.chart, 4).map((m) => m.slug)
}
