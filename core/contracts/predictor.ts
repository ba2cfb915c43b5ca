import { createServiceRef } from '../services.ts'
import type { ModelTruth } from './model-truth.ts'

export type { ModelTruth } from './model-truth.ts'

/**
 * Win-probability predictions, provided by the ml plugin and used by the api and ui plugins.
 * A pair means "A uses `moveA` every turn, B uses `moveB` every turn".
 */
export interface PairInput {
  a: string
  moveA: string
  b: string
  moveB: string
}

/** What one side's move does to the other (static expected values, the model's own features). */
export interface MoveOutlook {
  /** Mean damage per turn as a share of the target's HP (accuracy, crit, multi-hit included). */
  damageShare: number
  hitsToKo: number
  turnsToKo: number
  effectiveness: number
  stab: boolean
}

export interface PairPrediction {
  /** P(A wins), from the champion model. */
  winProbability: number
  a: MoveOutlook
  b: MoveOutlook
  /** 1 = A acts first, 0 = B, 0.5 = speed tie. */
  aMovesFirst: number
}

export interface ModelInfo {
  version: number | null
  dir: string
  aliases: string[]
  trainedAt: string
  sha256: string
  featureSpec: { version: number; names: string[] }
  params: Record<string, unknown>
  metrics: Record<string, unknown>
  dataset: { name: string; contentHash: string; rows: Record<string, number> }
}

export interface DriftReport {
  window: number
  threshold: number
  features: { name: string; psi: number; drifted: boolean }[]
}

export interface Predictor {
  /** The champion being served, or null while none is loaded. */
  modelInfo(): ModelInfo | null
  /** Scores every pair in one batch. @throws KernelError `ML_NO_MODEL` when no model is loaded. */
  predictPairs(pairs: readonly PairInput[]): Promise<PairPrediction[]>
  /** Damaging moves a form can use (the default replies of an opponent). */
  damagingMoves(form: string): Promise<string[]>
  /** PSI per feature over the recent prediction window against the training reference. */
  drift(): DriftReport
  /**
   * The served model against the exact solver (`ml:truth`), or null when no report exists for it.
   * Read from the model's folder when it changes, so a report written after loading is picked up.
   */
  truth(): Promise<ModelTruth | null>
  /** Re-reads the champion and swaps to it if it changed; a broken file keeps the current one. */
  reload(): Promise<void>
}

/** @example const predictor = ctx.services.get(predictorRef) */
export const predictorRef = createServiceRef<Predictor>('ml.predictor')
