import type { PokemonSet } from '@pkmn/sim'
import type { LgpeEngine } from './engine.ts'
import { BattleError } from './errors.ts'
import type { MovePolicy } from './policies.ts'
import type { BattleSeed } from './prng.ts'
import { assertBattleSeed, deriveSeed } from './prng.ts'
import type { RunOptions } from './run.ts'
import { runBattle } from './run.ts'
import { wilsonInterval } from './wilson.ts'

/** One side of a matchup: a prepared set and how it picks its moves. */
export interface Combatant {
  readonly set: PokemonSet
  readonly policy: MovePolicy
}

/** Outcome counts of K battles, from A's point of view. `wins + losses + draws + caps === battles`. */
export interface MatchupEvaluation {
  readonly battles: number
  readonly wins: number
  readonly losses: number
  readonly draws: number
  readonly caps: number
  /** wins / battles: a draw or a capped battle is not a win (no half wins). */
  readonly winRate: number
  /** 95 % Wilson interval of `winRate` over all `battles`. */
  readonly wilson95: readonly [number, number]
  readonly meanTurns: number
  /** How many of the K battles each move was chosen in at least once (Showdown ids), per side. */
  readonly movesUsedA: Readonly<Record<string, number>>
  readonly movesUsedB: Readonly<Record<string, number>>
}

/**
 * Plays K seeded battles of A against B and counts the outcomes. Battle i uses
 * `deriveSeed(baseSeed, i)`, so the evaluation is reproducible and adding battles (larger K) keeps
 * the first ones.
 *
 * Draws and turn-capped battles are reported separately and never dropped: they stay in the
 * denominator, so `winRate = wins / K` is the probability that A wins outright, the quantity a
 * label means. (Counting a draw as half a win would blur "A wins" with "nobody wins".)
 *
 * @throws BattleError `BATTLE_INVALID_ARGUMENT` when K is not a positive integer, plus those of `runBattle`.
 * @example
 * const result = evaluateMatchup(engine, { set: a, policy: bestPolicy() }, { set: b, policy: bestPolicy() }, 200, [1, 2, 3, 4])
 * result.winRate // e.g. 0.62, with result.wilson95 ≈ [0.55, 0.68]
 */
export function evaluateMatchup(
  engine: LgpeEngine,
  a: Combatant,
  b: Combatant,
  battles: number,
  baseSeed: BattleSeed,
  options: RunOptions = {},
): MatchupEvaluation {
  if (!Number.isInteger(battles) || battles < 1) {
    throw new BattleError(
      'BATTLE_INVALID_ARGUMENT',
      `the number of battles must be a positive integer, got ${battles}`,
    )
  }
  assertBattleSeed(baseSeed)
  const runOptions = { turnCap: options.turnCap }
  let wins = 0
  let losses = 0
  let draws = 0
  let caps = 0
  let totalTurns = 0
  const usedA: Record<string, number> = {}
  const usedB: Record<string, number> = {}
  for (let i = 0; i < battles; i++) {
    const result = runBattle(engine, a.set, b.set, a.policy, b.policy, deriveSeed(baseSeed, i), runOptions)
    totalTurns += result.turns
    for (const m of result.movesUsedA) usedA[m] = (usedA[m] ?? 0) + 1
    for (const m of result.movesUsedB) usedB[m] = (usedB[m] ?? 0) + 1
    if (result.winner === 'A') wins++
    else if (result.winner === 'B') losses++
    else if (result.winner === 'draw') draws++
    else caps++
  }
  return {
    battles,
    wins,
    losses,
    draws,
    caps,
    winRate: wins / battles,
    wilson95: wilsonInterval(wins, battles),
    meanTurns: totalTurns / battles,
    movesUsedA: usedA,
    movesUsedB: usedB,
  }
}
