import { defineBatchGauge } from '../../core/batch-metrics.ts'

/**
 * The ETL's run metrics, reported by its stages and pushed to the Pushgateway after each run
 * (`PUSHGATEWAY_URL`). Labels are fixed sets from the code (`table` ∈ the load steps).
 */
export const ETL_METRICS = {
  rows: defineBatchGauge({
    name: 'predictiondex_etl_rows',
    help: 'Rows the last etl:load wrote per table (after reconciliation)',
    labelNames: ['table'],
  }),
  rowsChanged: defineBatchGauge({
    name: 'predictiondex_etl_rows_changed',
    help: 'Rows the last etl:load really changed per table (0 when the sources did not change)',
    labelNames: ['table'],
  }),
  rejects: defineBatchGauge({
    name: 'predictiondex_etl_rejects',
    help: 'Source rows the last etl:load could not use (listed in etl_rejects)',
  }),
  conflicts: defineBatchGauge({
    name: 'predictiondex_etl_source_conflicts',
    help: 'Fields on which the sources disagreed in the last etl:load (listed in etl_conflicts)',
  }),
  warnings: defineBatchGauge({
    name: 'predictiondex_etl_warnings',
    help: 'Warnings of the last etl:load (e.g. a source with nothing staged)',
  }),
  gatesFailed: defineBatchGauge({
    name: 'predictiondex_etl_quality_gates_failed',
    help: 'Quality gates that failed in the last etl:verify (0 when all pass)',
  }),
} as const
