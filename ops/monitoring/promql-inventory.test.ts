import { afterAll, beforeAll, describe, expect, test } from 'bun:test'
import type { BatchGauge } from '../../core/batch-metrics.ts'
import { STAGE_RUN_METRICS } from '../../core/pushgateway.ts'
import { ETL_METRICS } from '../../plugins/etl/metrics.ts'
import { ML_METRICS } from '../../plugins/ml/metrics.ts'
import { committedQueries, variableQueries } from '../grafana/dashboards.ts'
import { type BootedKernel, bootKernel, exercise } from './booted-kernel.fixture.ts'
import exporters from './exporters.inventory.json'
import {
  type Inventory,
  inventoryFromJson,
  mergeInventories,
  parseExposition,
  withLabels,
} from './inventory.ts'
import { checkExpression, withRecordingRules } from './promql-check.ts'
import { loadRules } from './rules.ts'

// Every PromQL expression of the rules (and of the dashboards, see ../grafana) may only name
// series that really exist, with label names they really have: the app's, read from a booted
// kernel's /metrics; the batch stages', from the gauges they declare (pushed with job, stage and
// role); node-exporter's and the Pushgateway's, recorded from the Debian programs; Prometheus'
// own (up, ALERTS); and the recording rules' outputs.

const { alerts, records } = loadRules()

/** The series the batch stages push (grouping labels job and stage; instance set empty). */
function batchInventory(): Inventory {
  const gauges: BatchGauge[] = [
    ...Object.values(STAGE_RUN_METRICS),
    ...Object.values(ETL_METRICS),
    ...Object.values(ML_METRICS),
  ]
  return new Map(gauges.map((g) => [g.name, new Set([...g.labelNames, 'job', 'stage', 'role', 'instance'])]))
}

/** Series Prometheus itself makes for each target (`role` is the app targets' target label). */
const PROMETHEUS_SERIES: Inventory = new Map([
  ['up', new Set(['job', 'instance', 'role'])],
  ['scrape_duration_seconds', new Set(['job', 'instance', 'role'])],
  ['ALERTS', new Set(['alertname', 'alertstate', 'severity', 'component', 'role', 'job', 'instance', 'slo'])],
])

let app: BootedKernel
let inventory: Inventory
beforeAll(async () => {
  app = await bootKernel()
  await exercise(app)
  const kernelSeries = withLabels(parseExposition(await app.scrape()), ['job', 'instance'])
  inventory = withRecordingRules(
    records,
    mergeInventories(
      kernelSeries,
      batchInventory(),
      withLabels(inventoryFromJson(exporters['node-exporter']), ['job', 'instance']),
      withLabels(inventoryFromJson(exporters.pushgateway), ['job', 'instance']),
      PROMETHEUS_SERIES,
    ),
  )
})
afterAll(() => app.close())

describe('PromQL names only series that exist', () => {
  test('the booted kernel exposes the serving metrics the rules rely on', () => {
    for (const name of [
      'http_requests_total',
      'http_request_duration_seconds_bucket',
      'predictiondex_predictions_total',
      'predictiondex_feature_drift_psi',
      'predictiondex_feature_drift_window_rows',
      'predictiondex_model_loaded',
      'predictiondex_model_info',
      'predictiondex_api_auth_failures_total',
      'predictiondex_rate_limited_total',
    ]) {
      expect(inventory.has(name), name).toBe(true)
    }
    expect([...(inventory.get('predictiondex_predictions_total') ?? [])].sort()).toEqual(
      ['instance', 'job', 'model_version', 'outcome', 'role'].sort(),
    )
  })

  test('a typo in a metric or a label is caught', () => {
    expect(checkExpression('rate(http_request_total[5m])', inventory)).toEqual([
      'unknown metric http_request_total',
    ])
    expect(checkExpression('http_requests_total{path="/x"}', inventory)).toEqual([
      'http_requests_total has no label path',
    ])
    expect(checkExpression('sum by (path) (http_requests_total)', inventory)).toEqual([
      'grouping label path is on none of its metrics',
    ])
  })

  test.each(records.map((r) => [r.record, r.expr] as const))('recording rule %s', (_name, expr) => {
    expect(checkExpression(expr, inventory)).toEqual([])
  })

  test.each(alerts.map((a) => [a.alert, a.expr] as const))('alert %s', (_name, expr) => {
    expect(checkExpression(expr, inventory)).toEqual([])
  })

  test.each(committedQueries().map((q) => [`${q.dashboard} / ${q.panel} / ${q.refId}`, q.expr] as const))(
    'dashboard query %s',
    (_where, expr) => {
      expect(checkExpression(expr, inventory)).toEqual([])
    },
  )

  test('dashboard variables read labels that exist', () => {
    for (const { selector, label } of variableQueries()) {
      expect(checkExpression(selector, inventory)).toEqual([])
      const metric = selector.replace(/\{.*$/, '')
      expect(inventory.get(metric)?.has(label), `${metric} has ${label}`).toBe(true)
    }
  })
})
