import type { LgpeEngine } from '../battle/engine.ts'
import { BattleError } from '../battle/errors.ts'
import { evaluateMatchup } from '../battle/evaluate.ts'
import { bestPolicy, fixedPolicy, type MovePolicy, randomPolicy } from '../battle/policies.ts'
import { deriveSeed } from '../battle/prng.ts'
import { buildBattleSet } from '../battle/sets.ts'
import type { BattlerFactory } from '../solver/battler.ts'
import { createBufferStore } from '../solver/grid.ts'
import type { Solver } from '../solver/index.ts'
import { binomialTail, consistentWithin4Se } from '../solver/verify-pairs.ts'
import { answerOf, type OptimalAnswer } from './answer.ts'
import { bestResponse, singleMoveValue } from './best-response.ts'
import { OptimalLimitError } from './errors.ts'
import { createOptimalPolicy } from './policy.ts'
import { drawScenarios, type Scenario } from './scenarios.ts'
import { DEFAULT_LIMITS, type OptimalLimits, type SolvedGame, solveGame } from './solve.ts'

/** A's optimal strategy played on the engine against another policy of B. */
export interface AgainstCheck {
  readonly opponent: string
  readonly battles: number
  readonly wins: number
  /** A wins at least the value (one-sided, exact binomial tail at the 4 SE level). */
  readonly pass: boolean
}

/** Everything checked on one scenario. */
export interface ScenarioCheck {
  readonly scenario: Scenario
  readonly answer: OptimalAnswer
  readonly solveMs: number
  /** Both sides play the solver's strategy on the engine. */
  readonly engine: { readonly battles: number; readonly wins: number; readonly losses: number }
  /** The engine's win rate equals the value within 4 standard errors (exact binomial tails). */
  readonly pass: boolean
  /** P(A wins) when B best-responds to A's strategy, and when A best-responds to B's. */
  readonly bestResponse: { readonly againstA: number; readonly againstB: number }
  /** Neither best response beats the value by more than 1e-6. */
  readonly unexploitable: boolean
  readonly against: readonly AgainstCheck[]
  /** The best fixed move of A against B's worst fixed reply (the exact fixed-move solver: the predictor's figure). */
  readonly fixed: { readonly moveA: string; readonly value: number; readonly bestMoveB: string }
  /** A's best single move when B chooses every turn (`singleMoveValue`): what A gets without choosing. */
  readonly single: { readonly moveA: string; readonly value: number }
  /** value − single.value (≥ 0): what choosing every turn is worth to A. */
  readonly gain: number
}

export interface OptimalVerification {
  readonly checks: readonly ScenarioCheck[]
  readonly refused: readonly { readonly scenario: Scenario; readonly reason: string }[]
  /** Scenarios set aside because one side wins almost surely whatever is played (value outside the contested range). */
  readonly oneSided: readonly { readonly scenario: Scenario; readonly value: number }[]
  /** Scenarios whose engine battles met a state the game never explored (a modelling bug): failures. */
  readonly broken: readonly { readonly scenario: Scenario; readonly reason: string }[]
  readonly battles: number
}

export interface VerifyOptimalOptions {
  readonly scenarios: number
  readonly battles: number
  readonly seed: number
  /**
   * Only scenarios whose value lies in [contested, 1 − contested] are checked (default 0.02): where
   * one side wins almost surely whatever is played, every check passes trivially and proves nothing.
   */
  readonly contested?: number
  readonly limits?: OptimalLimits
  readonly onProgress?: (done: number, total: number, check: ScenarioCheck) => void
}

/**
 * The acceptance of optimal play, on seeded random 4-vs-4 scenarios (refused ones — over a budget
 * — and one-sided ones — value outside the contested range — are reported and replaced): the value against `battles` engine battles with both sides playing
 * the solver's strategy; best responses to each side's strategy (single-agent problems) against
 * the value; A's strategy on the engine against B's best fixed move, `random` and `best`; the gain
 * over A's best fixed move.
 *
 * @example const report = verifyOptimal(engine, factory, solver, { scenarios: 50, battles: 2000, seed: 1 })
 */
export function verifyOptimal(
  engine: LgpeEngine,
  factory: BattlerFactory,
  fixed: Solver,
  options: VerifyOptimalOptions,
): OptimalVerification {
  const limits = options.limits ?? DEFAULT_LIMITS
  const store = createBufferStore()
  const policy = createOptimalPolicy(engine, { factory, limits, cacheSize: 4 })
  const checks: ScenarioCheck[] = []
  const refused: { scenario: Scenario; reason: string }[] = []
  const oneSided: { scenario: Scenario; value: number }[] = []
  const broken: { scenario: Scenario; reason: string }[] = []
  const contested = options.contested ?? 0.02
  let battles = 0
  const pool = drawScenarios(engine, factory.legal, options.scenarios * 10, options.seed)
  for (const scenario of pool) {
    if (checks.length + broken.length >= options.scenarios) break
    const started = performance.now()
    let solved: SolvedGame
    try {
      solved = solveGame(engine, factory, store, { a: scenario.a, b: scenario.b }, limits)
      if (solved.value < contested || solved.value > 1 - contested) {
        oneSided.push({ scenario, value: solved.value })
        continue
      }
      // B's policy solves B vs A: refuse the scenario now if that side is over a budget
      solveGame(engine, factory, store, { a: scenario.b, b: scenario.a }, limits)
    } catch (error) {
      if (!(error instanceof OptimalLimitError)) throw error
      refused.push({ scenario, reason: `${error.code}: ${error.message}` })
      continue
    }
    const solveMs = performance.now() - started
    let check: ScenarioCheck
    try {
      check = checkScenario(engine, fixed, scenario, solved, solveMs, policy, options)
    } catch (error) {
      if (!(error instanceof BattleError)) throw error
      broken.push({ scenario, reason: `${error.code}: ${error.message}` })
      continue
    }
    battles += check.engine.battles + check.against.reduce((sum, a) => sum + a.battles, 0)
    checks.push(check)
    options.onProgress?.(checks.length + broken.length, options.scenarios, check)
  }
  return { checks, refused, oneSided, broken, battles }
}

function checkScenario(
  engine: LgpeEngine,
  fixed: Solver,
  scenario: Scenario,
  solved: SolvedGame,
  solveMs: number,
  optimal: MovePolicy,
  options: VerifyOptimalOptions,
): ScenarioCheck {
  const answer = answerOf(solved)
  const value = solved.value
  const setA = buildBattleSet(engine, scenario.a)
  const setB = buildBattleSet(engine, scenario.b)
  const seed = deriveSeed([options.seed & 0xffff, 0x0b, 0x71, 0], scenario.index)
  const play = (policyB: MovePolicy, salt: number) =>
    evaluateMatchup(
      engine,
      { set: setA, policy: optimal },
      { set: setB, policy: policyB },
      options.battles,
      deriveSeed(seed, salt),
    )
  const both = play(optimal, 0)
  const againstA = bestResponse(solved, 0)
  const againstB = bestResponse(solved, 1)
  const fixedView = fixedMoves(fixed, scenario)
  const single = { moveA: scenario.a.moves[0]!, value: -1 }
  scenario.a.moves.forEach((moveA, slot) => {
    const value = singleMoveValue(solved, slot)
    if (value > single.value) Object.assign(single, { moveA, value })
  })
  const against = [
    { opponent: `fixed:${fixedView.bestMoveB}`, policy: fixedPolicy(fixedView.bestMoveB) },
    { opponent: 'random', policy: randomPolicy() },
    { opponent: 'best', policy: bestPolicy() },
  ].map(({ opponent, policy }, i) => {
    const result = play(policy, i + 1)
    const pass = binomialTail(result.battles, value, result.wins, 'below') >= 3.17e-5
    return { opponent, battles: result.battles, wins: result.wins, pass }
  })
  return {
    scenario,
    answer,
    solveMs,
    engine: { battles: both.battles, wins: both.wins, losses: both.losses },
    pass: consistentWithin4Se(value, both.wins, both.battles),
    bestResponse: { againstA, againstB },
    unexploitable: againstA >= value - 1e-6 && againstB <= value + 1e-6,
    against,
    fixed: fixedView,
    single,
    gain: value - single.value,
  }
}

/** A's best fixed move against B's worst fixed reply, and B's best fixed move the same way. */
function fixedMoves(solver: Solver, scenario: Scenario) {
  const { a, b } = scenario
  const win = a.moves.map((moveA) =>
    b.moves.map((moveB) =>
      solver.solve({ species: a.species, move: moveA }, { species: b.species, move: moveB }),
    ),
  )
  let moveA = a.moves[0]!
  let value = -1
  a.moves.forEach((move, i) => {
    const worst = Math.min(...win[i]!.map((s) => s.winA))
    if (worst > value) {
      value = worst
      moveA = move
    }
  })
  let bestMoveB = b.moves[0]!
  let bestB = -1
  b.moves.forEach((move, j) => {
    const worst = Math.min(...win.map((row) => row[j]!.winB))
    if (worst > bestB) {
      bestB = worst
      bestMoveB = move
    }
  })
  return { moveA, value, bestMoveB }
}
