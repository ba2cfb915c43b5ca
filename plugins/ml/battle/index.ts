/**
 * LGPE battle engine: build sets, run seeded 1v1 battles with move policies, evaluate matchups.
 * Pure library code (no database, no kernel); the ml plugin wraps it.
 */
export type { EngineVersions, LgpeEngine, LgpeFormat } from './engine.ts'
export { createLgpeEngine, LGPE_FORMAT_NAME } from './engine.ts'
export { assertLgpeInForce } from './engine-checks.ts'
export type { BattleErrorCode } from './errors.ts'
export { BattleError } from './errors.ts'
export type { Combatant, MatchupEvaluation } from './evaluate.ts'
export { evaluateMatchup } from './evaluate.ts'
export type { MoveKind, MovePlan } from './move-value.ts'
export { compileMovePlan, damageRoll, expectedDamage } from './move-value.ts'
export type { MoveChooser, MovePolicy, PolicyContext } from './policies.ts'
export { bestPolicy, fixedPolicy, optimalPolicy, randomPolicy } from './policies.ts'
export type { BattleSeed, RandomSource } from './prng.ts'
export { assertBattleSeed, createPrng, deriveSeed } from './prng.ts'
export type { BattleResult, BattleWinner, RunOptions } from './run.ts'
export { createBattle, runBattle } from './run.ts'
export type { BattleFormInput } from './sets.ts'
export { buildBattleSet, SET_DEFAULTS } from './sets.ts'
export { wilsonInterval } from './wilson.ts'
