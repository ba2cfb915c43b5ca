import { createPrng, deriveSeed } from '../battle/prng.ts'
import type { RosterIndex } from '../features/roster-index.ts'
import { UNMODELLED_MOVES } from '../solver/use-move.ts'

/** One fixed-move pair, by Pokédex slugs: A uses `moveA` every turn, B uses `moveB`. */
export interface RandomPair {
  readonly a: string
  readonly moveA: string
  readonly b: string
  readonly moveB: string
}

/**
 * The moves of a form the exact solver can answer: every learnable move (status moves included)
 * except the few it sends to the engine (Metronome, Mimic, Mirror Move, Transform). The
 * variable-power moves are already out of `usable` (the engine refuses them).
 *
 * @example
 * coveredMoves(index, 'ditto') // [] (Transform only)
 */
export function coveredMoves(index: RosterIndex, form: string): string[] {
  return (index.usable.get(form) ?? []).filter((slug) => {
    const id = index.moves.get(slug)?.showdown_id
    return id !== null && id !== undefined && !UNMODELLED_MOVES.has(id)
  })
}

/**
 * `count` distinct random covered pairs, seeded: A and B (A ≠ B) uniform over the forms that have
 * a covered move, then each move uniform over that form's covered moves — "any Pokémon, any
 * move", the distribution of the truth report and of the exact-labelled training sets. Same
 * seed → same pairs in the same order.
 *
 * @throws Error when fewer than two forms have a covered move, or `count` exceeds what exists.
 * @example
 * drawRandomPairs(index, [...index.forms.keys()], 1000, 7).length // 1000
 */
export function drawRandomPairs(
  index: RosterIndex,
  forms: readonly string[],
  count: number,
  seed: number,
): RandomPair[] {
  const pool = forms.map((form) => ({ form, moves: coveredMoves(index, form) })).filter((f) => f.moves.length)
  if (pool.length < 2) throw new Error('random pairs need at least two forms with a covered move')
  const sides = pool.reduce((n, f) => n + f.moves.length, 0)
  if (count > sides * sides) throw new Error(`only about ${sides * sides} pairs exist; asked for ${count}`)
  const random = createPrng(deriveSeed([seed & 0xffff, (seed >>> 16) & 0xffff, 0x7a, 0x11], 0), 13)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const seen = new Set<string>()
  const pairs: RandomPair[] = []
  while (pairs.length < count) {
    const a = pick(pool)
    const b = pick(pool)
    if (a.form === b.form) continue
    const pair = { a: a.form, moveA: pick(a.moves), b: b.form, moveB: pick(b.moves) }
    const key = `${pair.a}|${pair.moveA}|${pair.b}|${pair.moveB}`
    if (seen.has(key)) continue
    seen.add(key)
    pairs.push(pair)
  }
  return pairs
}
