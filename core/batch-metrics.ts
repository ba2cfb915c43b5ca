import { Gauge, Registry } from 'prom-client'
import { KernelError } from './errors.ts'

/**
 * Run metrics of batch stages (ETL, training), reported while a stage runs and pushed to the
 * Pushgateway when it ends (see `pushgateway.ts`).
 *
 * Why not the kernel's registry: a batch process exits after its run, so nothing could scrape it;
 * each run's values are pushed once, in the Pushgateway group of the stage that produced them, so
 * one stage's push never erases another's values. Declared up front (`defineBatchGauge`) like every
 * other metric, with fixed label names, so cardinality is known from the code.
 */
export interface BatchGauge<L extends string = string> {
  readonly name: string
  readonly help: string
  readonly labelNames: readonly L[]
}

const METRIC_NAME = /^predictiondex_[a-z0-9_]+$/
const LABEL_NAME = /^[a-z][a-z0-9_]*$/
/** Labels the Pushgateway group or Prometheus sets; a stage must not set them itself. */
const RESERVED_LABELS = new Set(['job', 'instance', 'stage', 'role'])

/**
 * Declares a gauge a stage may report. Names start with `predictiondex_` and use base units.
 *
 * @throws KernelError `METRIC_DEFINITION_INVALID` for a bad or reserved name.
 * @example
 * const rowsChanged = defineBatchGauge({ name: 'predictiondex_etl_rows_changed', help: 'Rows changed', labelNames: ['table'] })
 */
export function defineBatchGauge<L extends string = never>(definition: {
  name: string
  help: string
  labelNames?: readonly L[]
}): BatchGauge<L> {
  const labelNames = definition.labelNames ?? []
  const bad = [
    METRIC_NAME.test(definition.name) ? [] : [`metric name ${definition.name}`],
    labelNames.filter((l) => !LABEL_NAME.test(l) || RESERVED_LABELS.has(l)).map((l) => `label ${l}`),
  ].flat()
  if (bad.length > 0) {
    throw new KernelError('METRIC_DEFINITION_INVALID', `invalid batch gauge: ${bad.join(', ')}`)
  }
  return Object.freeze({ name: definition.name, help: definition.help, labelNames })
}

/** One reported value. */
export interface BatchSample {
  readonly gauge: BatchGauge
  readonly value: number
  readonly labels: Readonly<Record<string, string>>
}

/** What a stage calls to report a value of its run (the last value per label set wins). */
export type ReportBatchValue = <L extends string>(
  gauge: BatchGauge<L>,
  value: number,
  ...labels: [L] extends [never] ? [] : [Record<L, string>]
) => void

/**
 * Collects the values one stage run reports.
 *
 * @example
 * const run = createBatchReport()
 * run.report(rowsChanged, 12, { table: 'moves' })
 * run.samples() // [{ gauge: rowsChanged, value: 12, labels: { table: 'moves' } }]
 */
export function createBatchReport(): { report: ReportBatchValue; samples(): BatchSample[] } {
  const values = new Map<string, BatchSample>()
  const report = (gauge: BatchGauge, value: number, labels: Record<string, string> = {}) => {
    const given = Object.keys(labels).sort()
    if (given.join() !== [...gauge.labelNames].sort().join()) {
      throw new KernelError(
        'METRIC_LABELS_INVALID',
        `${gauge.name} takes labels [${gauge.labelNames.join(', ')}], got [${given.join(', ')}]`,
      )
    }
    if (!Number.isFinite(value)) return
    values.set(`${gauge.name}${JSON.stringify(labels, given)}`, { gauge, value, labels: { ...labels } })
  }
  return { report: report as ReportBatchValue, samples: () => [...values.values()] }
}

/**
 * Renders samples in the Prometheus text format, every series labelled with `labels`
 * (e.g. the role), using prom-client so names, help and label values are escaped correctly.
 *
 * @example
 * await renderBatchExposition(run.samples(), { role: 'etl' }) // '# HELP predictiondex_etl_rows_changed …'
 */
export async function renderBatchExposition(
  samples: readonly BatchSample[],
  labels: Readonly<Record<string, string>> = {},
): Promise<string> {
  const registry = new Registry()
  registry.setDefaultLabels({ ...labels })
  const gauges = new Map<string, Gauge<string>>()
  for (const { gauge, value, labels: own } of samples) {
    let metric = gauges.get(gauge.name)
    if (!metric) {
      metric = new Gauge({
        name: gauge.name,
        help: gauge.help,
        labelNames: [...gauge.labelNames],
        registers: [registry],
      })
      gauges.set(gauge.name, metric)
    }
    metric.set(own, value)
  }
  return registry.metrics()
}
