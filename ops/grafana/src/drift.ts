import { bars, board, lines, roleVariable, stats } from './panels.ts'

const ROLE = 'role=~"$role"'

/** PSI of each feature over the recent prediction window against the training reference. */
export function driftDashboard() {
  return board(
    'predictiondex-drift',
    'PredictionDex · Feature drift',
    'Population stability index (PSI) of each model feature: recent predictions versus the training data. Above 0.25 (red line) for 30 minutes over a window of at least 500 rows, FeatureDriftHigh fires.',
  )
    .withVariable(roleVariable())
    .withPanel(
      stats('Features above 0.25', [
        { expr: `job:predictiondex_features_drifted:count{${ROLE}}`, legend: '{{role}}' },
      ]),
    )
    .withPanel(
      stats('Highest PSI', [
        { expr: `job:predictiondex_feature_drift_psi:max{${ROLE}}`, legend: '{{role}}' },
      ]),
    )
    .withPanel(
      stats(
        'Rows in the drift window',
        [
          {
            expr: `predictiondex_feature_drift_window_rows{job="predictiondex", ${ROLE}}`,
            legend: '{{role}}',
          },
        ],
        { description: 'PSI is computed over the last 2,000 scored rows; below 500 the alert waits.' },
      ),
    )
    .withPanel(
      lines(
        'PSI per feature over time',
        [
          {
            expr: `max by (feature) (predictiondex_feature_drift_psi{job="predictiondex", ${ROLE}})`,
            legend: '{{feature}}',
          },
        ],
        { width: 24, height: 12, threshold: 0.25 },
      ),
    )
    .withPanel(
      bars(
        'Most drifted features now',
        [
          {
            expr: `topk(15, max by (feature) (predictiondex_feature_drift_psi{job="predictiondex", ${ROLE}}))`,
            legend: '{{feature}}',
          },
        ],
        { width: 24, height: 12 },
      ),
    )
}
