import type { LgpeEngine } from '../battle/engine.ts'
import { createPrng, type RandomSource } from '../battle/prng.ts'
import { coverageOf } from './coverage.ts'
import type { Solver } from './index.ts'

/** One pair of the verification: who uses what, and why it was drawn. */
export interface VerificationPair {
  readonly a: string
  readonly moveA: string
  readonly b: string
  readonly moveB: string
  /** `damaging`: both moves deal damage; `any`: any learnable moves (status moves included). */
  readonly kind: 'damaging' | 'any'
}

/**
 * Seeded pairs for checking the solver against the engine: half with damaging moves only, half
 * with any learnable moves, and the "any" half starts by giving every move the solver calls exact
 * at least one pair (each such move is the A or B move of some pair, in a random order).
 *
 * @example
 * drawPairs(engine, solver, 300, 1).length // 300
 */
export function drawPairs(
  engine: LgpeEngine,
  solver: Solver,
  count: number,
  seed: number,
): VerificationPair[] {
  const random = createPrng([seed & 0xffff, (seed >>> 16) & 0xffff, 0x50, 0x1e])
  const species = [...engine.legalSpecies].sort()
  const legal = solver.factory.legal
  const damaging = (id: string) => engine.dex.moves.get(id).category !== 'Status'
  const usersOf = (move: string) => species.filter((s) => legal.of(s).includes(move))
  const exactMoves = usableExactMoves(engine, solver)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const pairs: VerificationPair[] = []
  const half = Math.floor(count / 2)
  while (pairs.length < half) pairs.push(randomPair(species, legal.of, pick, damaging, 'damaging'))
  const toCover = shuffle(exactMoves, random)
  while (pairs.length < count) {
    if (toCover.length > 0) {
      // two moves still uncovered per pair: A uses one, B (a form that learns it) the other
      const moveA = toCover.pop()!
      const a = pick(usersOf(moveA))
      const next = toCover.pop()
      const b = next ? pick(usersOf(next)) : pick(species)
      pairs.push({ a, moveA, b, moveB: next ?? pick(legal.of(b)), kind: 'any' })
      continue
    }
    pairs.push(randomPair(species, legal.of, pick, () => true, 'any'))
  }
  return pairs
}

/**
 * Exact moves (per the coverage table) that some form can use with the default set — a move only
 * given by an event that forces a nature has no user, so no pair can exercise it.
 */
export function usableExactMoves(engine: LgpeEngine, solver: Solver): string[] {
  const species = [...engine.legalSpecies]
  const legal = solver.factory.legal
  return legal.all.filter(
    (id) =>
      coverageOf(engine.dex.moves.get(id)).status === 'exact' &&
      species.some((s) => legal.of(s).includes(id)),
  )
}

function randomPair(
  species: readonly string[],
  legalOf: (s: string) => readonly string[],
  pick: <T>(items: readonly T[]) => T,
  filter: (id: string) => boolean,
  kind: VerificationPair['kind'],
): VerificationPair {
  for (;;) {
    const a = pick(species)
    const b = pick(species)
    const movesA = legalOf(a).filter(filter)
    const movesB = legalOf(b).filter(filter)
    if (movesA.length && movesB.length) return { a, moveA: pick(movesA), b, moveB: pick(movesB), kind }
  }
}

function shuffle<T>(items: readonly T[], random: RandomSource): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/**
 * Is `observed` successes out of `k` consistent with probability `p` at the 4-standard-error level?
 * Uses exact binomial tails (two-sided 6.3e-5, the mass beyond ±4σ of a normal), so certain
 * outcomes (p = 0 or 1) must be matched exactly and near-certain ones are judged fairly.
 *
 * @example
 * consistentWithin4Se(0.5, 520, 1000) // true
 */
export function consistentWithin4Se(p: number, observed: number, k: number): boolean {
  const alpha = 3.17e-5
  return binomialTail(k, p, observed, 'below') >= alpha && binomialTail(k, p, observed, 'above') >= alpha
}

/** P(X ≤ x) or P(X ≥ x) for X ~ Binomial(k, p), summed in log space. */
export function binomialTail(k: number, p: number, x: number, side: 'below' | 'above'): number {
  if (p <= 0) return side === 'below' ? 1 : x <= 0 ? 1 : 0
  if (p >= 1) return side === 'above' ? 1 : x >= k ? 1 : 0
  const logP = Math.log(p)
  const logQ = Math.log1p(-p)
  let logChoose = 0
  const terms: number[] = []
  for (let i = 0; i <= k; i++) {
    if (i > 0) logChoose += Math.log(k - i + 1) - Math.log(i)
    if ((side === 'below' && i <= x) || (side === 'above' && i >= x))
      terms.push(logChoose + i * logP + (k - i) * logQ)
  }
  const max = Math.max(...terms)
  return Math.min(1, Math.exp(max) * terms.reduce((sum, t) => sum + Math.exp(t - max), 0))
}
