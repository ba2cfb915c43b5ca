import { defineBatchGauge } from '../../core/batch-metrics.ts'
import type { BinaryMetrics } from './gbdt/metrics.ts'

/**
 * The ml plugin's run metrics, reported by `ml:dataset` and `ml:train` and pushed to the
 * Pushgateway after each run (`PUSHGATEWAY_URL`). Serving metrics (predictions, drift) are in
 * `predictor.ts`, on the kernel's registry.
 */
export const ML_METRICS = {
  datasetRows: defineBatchGauge({
    name: 'predictiondex_dataset_rows',
    help: 'Rows (matchups) of the dataset the last ml:dataset built or reused',
  }),
  datasetBattles: defineBatchGauge({
    name: 'predictiondex_dataset_battles',
    help: 'Battles simulated for the dataset the last ml:dataset built or reused',
  }),
  evaluation: defineBatchGauge({
    name: 'predictiondex_model_evaluation',
    help: 'Test metrics of the model the last ml:train trained, by test split and metric',
    labelNames: ['split', 'metric'],
  }),
  trees: defineBatchGauge({
    name: 'predictiondex_model_trees',
    help: 'Trees in the model the last ml:train trained',
  }),
  promoted: defineBatchGauge({
    name: 'predictiondex_model_promoted',
    help: '1 when the last ml:train made its model the champion, 0 when it stayed challenger',
  }),
} as const

/** The evaluation metrics pushed, by label value (a fixed set). */
export const EVALUATION_METRICS = {
  log_loss: (m: BinaryMetrics) => m.logLoss,
  brier: (m: BinaryMetrics) => m.brier,
  roc_auc: (m: BinaryMetrics) => m.rocAuc,
  accuracy: (m: BinaryMetrics) => m.accuracy,
  expected_calibration_error: (m: BinaryMetrics) => m.expectedCalibrationError,
} as const
