import type { PokedexReader } from '../../core/contracts/pokedex.ts'
import { bestMoves } from '../../plugins/ml/features/damage.ts'
import { damagingMoves, indexRoster } from '../../plugins/ml/features/roster-index.ts'

/**
 * `n` matchups drawn like the shipped champion's training rows (`all_combinations`: random forms,
 * each side using one of its best four damaging moves against the other), seeded, for drift
 * tests: a stream like the training data must not raise the drift alarm.
 *
 * @example
 * const matchups = await trainingLikeStream(pokedex, 1200)
 */
export async function trainingLikeStream(pokedex: PokedexReader, n: number, seed = 7) {
  const index = indexRoster(await pokedex.roster())
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const forms = [...index.forms.keys()].filter((slug) => damagingMoves(index, slug).length > 0)
  const out: { pokemon_a: string; move_a: string; pokemon_b: string; move_b: string }[] = []
  while (out.length < n) {
    const [aSlug, bSlug] = [pick(forms), pick(forms)]
    if (aSlug === bSlug) continue
    const a = index.forms.get(aSlug)!.data
    const b = index.forms.get(bSlug)!.data
    const topA = bestMoves(a, b, damagingMoves(index, aSlug), index.chart, 4)
    const topB = bestMoves(b, a, damagingMoves(index, bSlug), index.chart, 4)
    if (topA.length === 0 || topB.length === 0) continue
    out.push({ pokemon_a: aSlug, move_a: pick(topA).slug, pokemon_b: bSlug, move_b: pick(topB).slug })
  }
  return out
}
