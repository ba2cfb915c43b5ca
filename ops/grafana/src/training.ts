import { board, lines, stats, tableOf } from './panels.ts'

const BATCH = 'job="predictiondex-batch"'

/** What the batch roles pushed: stage runs, ETL changes and rejects, datasets, model metrics. */
export function trainingDashboard() {
  return board(
    'predictiondex-training',
    'PredictionDex · Data and training',
    'Each stage run (etl, trainer roles) pushes its outcome to the Pushgateway: time since the last success, last outcome, duration, ETL changes and rejects, dataset size, test metrics of the trained model.',
  )
    .withPanel(
      tableOf(
        'Time since last success, by stage',
        [
          {
            expr: `time() - max by (stage) (predictiondex_stage_last_success_timestamp_seconds{${BATCH}})`,
            legend: '{{stage}}',
          },
        ],
        {
          unit: 's',
          description: 'EtlStale fires after 8 days for etl:load, TrainingStale after 35 days for ml:train.',
        },
      ),
    )
    .withPanel(
      tableOf(
        'Last run succeeded (1) or failed (0)',
        [{ expr: `max by (stage) (predictiondex_stage_last_run_success{${BATCH}})`, legend: '{{stage}}' }],
        { description: 'StageFailed fires on 0.' },
      ),
    )
    .withPanel(
      lines(
        'Stage durations (dataset, training, ETL)',
        [
          {
            expr: `max by (stage) (predictiondex_stage_last_run_duration_seconds{${BATCH}})`,
            legend: '{{stage}}',
          },
        ],
        { unit: 's', width: 24 },
      ),
    )
    .withPanel(
      lines(
        'ETL rows changed by table',
        [{ expr: `max by (table) (predictiondex_etl_rows_changed{${BATCH}})`, legend: '{{table}}' }],
        { description: '0 everywhere = the sources did not change since the previous run.' },
      ),
    )
    .withPanel(
      lines('ETL rejects, source conflicts, warnings', [
        { expr: `max(predictiondex_etl_rejects{${BATCH}})`, legend: 'rejects' },
        { expr: `max(predictiondex_etl_source_conflicts{${BATCH}})`, legend: 'source conflicts' },
        { expr: `max(predictiondex_etl_warnings{${BATCH}})`, legend: 'warnings' },
        { expr: `max(predictiondex_etl_quality_gates_failed{${BATCH}})`, legend: 'quality gates failed' },
      ]),
    )
    .withPanel(
      stats(
        'Dataset',
        [
          { expr: `max(predictiondex_dataset_rows{${BATCH}})`, legend: 'rows' },
          { expr: `max(predictiondex_dataset_battles{${BATCH}})`, legend: 'battles' },
        ],
        { width: 8, description: 'From the last ml:dataset that built or reused a dataset.' },
      ),
    )
    .withPanel(
      stats(
        'Last trained model',
        [
          { expr: `max(predictiondex_model_trees{${BATCH}})`, legend: 'trees' },
          { expr: `max(predictiondex_model_promoted{${BATCH}})`, legend: 'promoted to champion' },
        ],
        { width: 8 },
      ),
    )
    .withPanel(
      tableOf(
        'Test metrics of the last trained model',
        [
          {
            expr: `max by (split, metric) (predictiondex_model_evaluation{${BATCH}})`,
            legend: '{{split}} {{metric}}',
          },
        ],
        { width: 8, description: 'pair_test: unseen pairs; species_test: unseen species.' },
      ),
    )
    .withPanel(
      lines(
        'ROC-AUC and log-loss of successive trainings',
        [
          {
            expr: `max by (split) (predictiondex_model_evaluation{${BATCH}, metric="roc_auc"})`,
            legend: 'ROC-AUC {{split}}',
          },
          {
            expr: `max by (split) (predictiondex_model_evaluation{${BATCH}, metric="log_loss"})`,
            legend: 'log-loss {{split}}',
          },
        ],
        { width: 24 },
      ),
    )
}
