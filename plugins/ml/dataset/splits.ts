import { hash32 } from './tasks.ts'

/**
 * Splits saved with every dataset, both derived from the seed so they are reproducible:
 *
 * - **pair split** — grouped by the unordered pair {A, B}: all rows of a pair (both orders, every
 *   scenario and sample) land in the same part, 70 % train / 15 % validation / 15 % test. No pair is
 *   on two sides, so a model cannot memorise a matchup and be tested on it.
 * - **species split** — 15 % of species held out: a row involving a held-out species (any of its
 *   forms) is `test`, every other row `train`; no species of the test part appears in training.
 */
export type PairSplit = 'train' | 'validation' | 'test'
export type SpeciesSplit = 'train' | 'test'

const unit = (text: string) => hash32(text) / 2 ** 32

export function pairSplit(seed: number, a: string, b: string): PairSplit {
  const key = a < b ? `${a}|${b}` : `${b}|${a}`
  const u = unit(`pair|${seed}|${key}`)
  return u < 0.7 ? 'train' : u < 0.85 ? 'validation' : 'test'
}

export function isHeldOutSpecies(seed: number, speciesId: number): boolean {
  return unit(`species|${seed}|${speciesId}`) < 0.15
}

export function speciesSplit(seed: number, speciesA: number, speciesB: number): SpeciesSplit {
  return isHeldOutSpecies(seed, speciesA) || isHeldOutSpecies(seed, speciesB) ? 'test' : 'train'
}
