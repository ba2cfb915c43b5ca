import { type BattleSeed, createPrng, deriveSeed } from '../battle/prng.ts'
import { bestMoves } from '../features/damage.ts'
import { damagingMoves, type RosterIndex } from '../features/roster-index.ts'
import { drawRandomPairs } from './random-pairs.ts'

export const SCENARIOS = ['best_move', 'random_move', 'all_combinations', 'random_pairs'] as const
export type Scenario = (typeof SCENARIOS)[number]
/** What `--scenario all` builds: the matchup scenarios (random_pairs is asked for by name). */
export const MATCHUP_SCENARIOS = [
  'best_move',
  'random_move',
  'all_combinations',
] as const satisfies Scenario[]

/** One side of a matchup as the worker needs it. */
export interface Side {
  slug: string
  showdownId: string
  /** Move slugs (1–4) in the set. */
  moves: string[]
  /** The same moves as Showdown ids, for the engine. */
  moveIds: string[]
  /** `best`, `random`, or `fixed` (the set then holds exactly one move). */
  policy: 'best' | 'random' | 'fixed' | 'optimal'
}

/** One row of a dataset to be: K battles of A against B. */
export interface MatchupTask {
  scenario: Scenario
  a: Side
  b: Side
  /** Sample number within (scenario, A, B): random_move draws, all_combinations pairs. */
  sample: number
  seed: BattleSeed
}

/** FNV-1a, 32 bits: a stable hash so a task's seed depends on what it is, never on its position. */
export function hash32(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** The user's integer seed as an engine seed. */
export function baseSeed(seed: number): BattleSeed {
  return deriveSeed([(seed >>> 16) & 0xffff, seed & 0xffff, 0x5eed, 0x1e7], 0)
}

/** A seeded sample of `count` move pairs, kept in their (A rank, B rank) order. */
function samplePairs<T>(pairs: readonly T[], count: number, root: BattleSeed, a: string, b: string): T[] {
  const random = createPrng(deriveSeed(root, hash32(`pairs|${a}|${b}`)), 11)
  const picked = new Set<number>()
  while (picked.size < count) picked.add(Math.floor(random() * pairs.length))
  return [...picked].sort((x, y) => x - y).map((i) => pairs[i]!)
}

export interface TaskOptions {
  seed: number
  /** random_move: B movesets drawn per matchup. */
  samples: number
  /** all_combinations: at most this many fixed move pairs per matchup. */
  maxCombinations: number
  /** random_pairs: how many distinct random covered pairs to draw. */
  pairs?: number
}

export function side(index: RosterIndex, slug: string, moves: string[], policy: Side['policy']): Side {
  const showdownId = index.forms.get(slug)?.showdown_id
  if (!showdownId) throw new Error(`form ${slug} has no Showdown id`)
  const moveIds = moves.map((m) => {
    const id = index.moves.get(m)?.showdown_id
    if (!id) throw new Error(`move ${m} has no Showdown id`)
    return id
  })
  return { slug, showdownId, moves, moveIds, policy }
}

/**
 * The tasks of one scenario for the ordered pairs (A, B), A ≠ B, in a fixed order.
 *
 * Movesets (documented in docs/model.md): each side's 4 damaging moves with the highest expected
 * damage per turn against this opponent (`bestMoves`). `best_move`: both sides use them with the
 * `best` policy. `random_move`: A as in best_move; B gets `samples` random sets of up to 4 of its
 * damaging moves and picks uniformly each turn. `all_combinations`: one fixed move each, over the
 * pairs of the two best-4 lists (all 16, or a seeded sample of `maxCombinations` of them).
 * `random_pairs`: `pairs` distinct random covered pairs, any learnable move of each side (status
 * moves included; see `drawRandomPairs`) — the distribution the model is judged on.
 *
 * @example
 * buildTasks(index, 'best_move', ['pikachu', 'squirtle'], { seed: 42, samples: 5, maxCombinations: 16 }).length // 2
 */
export function buildTasks(
  index: RosterIndex,
  scenario: Scenario,
  forms: readonly string[],
  options: TaskOptions,
): MatchupTask[] {
  const root = baseSeed(options.seed)
  const tasks: MatchupTask[] = []
  if (scenario === 'random_pairs') {
    return drawRandomPairs(index, forms, options.pairs ?? 0, options.seed).map((p, sample) => ({
      scenario,
      a: side(index, p.a, [p.moveA], 'fixed'),
      b: side(index, p.b, [p.moveB], 'fixed'),
      sample,
      seed: deriveSeed(root, hash32(`${scenario}|${p.a}|${p.moveA}|${p.b}|${p.moveB}`)),
    }))
  }
  const push = (a: Side, b: Side, sample: number) =>
    tasks.push({
      scenario,
      a,
      b,
      sample,
      seed: deriveSeed(root, hash32(`${scenario}|${a.slug}|${b.slug}|${sample}`)),
    })
  for (const aSlug of forms) {
    for (const bSlug of forms) {
      if (aSlug === bSlug) continue
      const a = index.forms.get(aSlug)!.data
      const b = index.forms.get(bSlug)!.data
      const topA = bestMoves(a, b, damagingMoves(index, aSlug), index.chart, 4).map((m) => m.slug)
      const topB = bestMoves(b, a, damagingMoves(index, bSlug), index.chart, 4).map((m) => m.slug)
      if (topA.length === 0 || topB.length === 0) continue
      if (scenario === 'best_move')
        push(side(index, aSlug, topA, 'best'), side(index, bSlug, topB, 'best'), 0)
      else if (scenario === 'random_move') {
        const pool = damagingMoves(index, bSlug).map((m) => m.slug)
        for (let s = 0; s < options.samples; s++) {
          const random = createPrng(deriveSeed(root, hash32(`moveset|${aSlug}|${bSlug}|${s}`)), 7)
          const shuffled = [...pool].sort((x, y) => x.localeCompare(y))
          for (let i = shuffled.length - 1; i > 0; i--) {
            const j = Math.floor(random() * (i + 1))
            ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
          }
          push(side(index, aSlug, topA, 'best'), side(index, bSlug, shuffled.slice(0, 4), 'random'), s)
        }
      } else {
        const pairs = topA.flatMap((ma) => topB.map((mb) => [ma, mb] as const))
        const chosen =
          pairs.length <= options.maxCombinations
            ? pairs
            : samplePairs(pairs, options.maxCombinations, root, aSlug, bSlug)
        for (const [sample, [ma, mb]] of chosen.entries()) {
          push(side(index, aSlug, [ma], 'fixed'), side(index, bSlug, [mb], 'fixed'), sample)
        }
      }
    }
  }
  return tasks
}
