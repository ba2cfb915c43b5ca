import type { PokedexReader } from '../../core/contracts/pokedex.ts'
import { drawRandomPairs } from '../../plugins/ml/dataset/random-pairs.ts'
import { indexRoster } from '../../plugins/ml/features/roster-index.ts'

/**
 * `n` matchups drawn like the shipped champion's training rows (`random_pairs`: random forms, each
 * side using any move it can learn that the exact solver covers, status moves included), seeded,
 * for drift tests: a stream like the training data must not raise the drift alarm.
 *
 * @example
 * const matchups = await trainingLikeStream(pokedex, 1200)
 */
export async function trainingLikeStream(pokedex: PokedexReader, n: number, seed = 7) {
  const index = indexRoster(await pokedex.roster())
  return drawRandomPairs(index, [...index.forms.keys()], n, seed).map((p) => ({
    pokemon_a: p.a,
    move_a: p.moveA,
    pokemon_b: p.b,
    move_b: p.moveB,
  }))
}
