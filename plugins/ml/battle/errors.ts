import { KernelError } from '../../../core/errors.ts'
/**
 * Every failure of the battle module, as a stable string code callers can branch on
 * (the API maps them to 4xx problems, the dataset builder skips or aborts on them).
 */
export type BattleErrorCode =
  | 'BATTLE_ENGINE_MISMATCH'
  | 'BATTLE_UNKNOWN_POKEMON'
  | 'BATTLE_POKEMON_NOT_IN_LGPE'
  | 'BATTLE_UNKNOWN_MOVE'
  | 'BATTLE_ILLEGAL_MOVE'
  | 'BATTLE_UNSUPPORTED_MOVE'
  | 'BATTLE_INVALID_SET'
  | 'BATTLE_INVALID_SEED'
  | 'BATTLE_INVALID_POLICY'
  | 'BATTLE_CHOICE_REJECTED'
  | 'BATTLE_INVALID_ARGUMENT'

/**
 * Error thrown by `plugins/ml/battle`. The `code` is the contract; the message is for humans and
 * always names the offending species / move / value. The original error, if any, is kept as `cause`.
 *
 * @example
 * try { buildBattleSet(engine, { species: 'Chikorita', moves: ['tackle'] }) }
 * catch (error) { if (error instanceof BattleError && error.code === 'BATTLE_POKEMON_NOT_IN_LGPE') … }
 */
export class BattleError extends KernelError {
  declare readonly code: BattleErrorCode

  constructor(code: BattleErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, { plugin: 'ml', ...options })
    this.name = 'BattleError'
  }
}
