/**
 * Gradient-boosted trees for battle outcomes: XGBoost-"hist"-style training in TypeScript,
 * prediction, deterministic JSON serialisation and evaluation metrics. Internal to the `ml` plugin.
 */
export { type BinCuts, cutBetween } from './binning.ts'
export type { FeatureMatrix, LabelledData } from './dataset.ts'
export { GbdtError, type GbdtErrorCode } from './errors.ts'
export * from './metrics.ts'
export {
  type FeatureImportance,
  GbdtModel,
  type GbdtModelData,
  type GbdtTrees,
  type TrainingHistory,
} from './model.ts'
export { type GbdtParams, type GbdtParamsInput, gbdtParamsSchema, parseGbdtParams } from './params.ts'
export { parseModel, serializeModel } from './serialize.ts'
export { type RoundReport, type TrainOptions, trainGbdt } from './train.ts'
