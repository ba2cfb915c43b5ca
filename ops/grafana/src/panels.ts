import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge'
import * as common from '@grafana/grafana-foundation-sdk/common'
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard'
import * as heatmap from '@grafana/grafana-foundation-sdk/heatmap'
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus'
import * as stat from '@grafana/grafana-foundation-sdk/stat'
import * as table from '@grafana/grafana-foundation-sdk/table'
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries'

/**
 * Small helpers over the Grafana Foundation SDK so each dashboard file reads as a list of panels:
 * one datasource (provisioned with this uid), one way to write a query, a few panel shapes.
 */
export const DATASOURCE: dashboard.DataSourceRef = { type: 'prometheus', uid: 'prometheus' }

/** A query: PromQL plus its legend. `instant` for tables and stats of current values. */
export interface Query {
  expr: string
  legend?: string
  instant?: boolean
  /** Heatmap buckets (`le`) rather than time series. */
  heatmap?: boolean
}

function target(q: Query, index: number): prometheus.DataqueryBuilder {
  const builder = new prometheus.DataqueryBuilder()
    .datasource(DATASOURCE)
    .refId(String.fromCharCode(65 + index))
    .expr(q.expr)
    .legendFormat(q.legend ?? '__auto')
  if (q.instant) builder.instant().format(prometheus.PromQueryFormat.Table)
  if (q.heatmap) builder.format(prometheus.PromQueryFormat.Heatmap)
  return builder
}

type Size = { width?: number; height?: number; description?: string; unit?: string }

const sized = <
  T extends { span(w: number): T; height(h: number): T; unit(u: string): T; description(d: string): T },
>(
  panel: T,
  size: Size,
): T => {
  panel.span(size.width ?? 12).height(size.height ?? 8)
  if (size.unit) panel.unit(size.unit)
  if (size.description) panel.description(size.description)
  return panel
}

/** A line chart of one or more queries. */
export function lines(title: string, queries: Query[], size: Size & { threshold?: number } = {}) {
  const panel = new timeseries.PanelBuilder().title(title).datasource(DATASOURCE)
  queries.forEach((q, i) => {
    panel.withTarget(target(q, i))
  })
  if (size.threshold !== undefined) {
    panel
      .thresholds(
        new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps([
          { value: null, color: 'green' },
          { value: size.threshold, color: 'red' },
        ]),
      )
      .thresholdsStyle(
        new common.GraphThresholdsStyleConfigBuilder().mode(common.GraphThresholdsStyleMode.Line),
      )
  }
  return sized(panel, size)
}

/** Big numbers for current values (one per series). */
export function stats(title: string, queries: Query[], size: Size = {}) {
  const panel = new stat.PanelBuilder()
    .title(title)
    .datasource(DATASOURCE)
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']))
  queries.forEach((q, i) => {
    panel.withTarget(target(q, i))
  })
  return sized(panel, { width: 6, height: 5, ...size })
}

/** Current values as a table (instant queries). */
export function tableOf(title: string, queries: Query[], size: Size = {}) {
  const panel = new table.PanelBuilder().title(title).datasource(DATASOURCE)
  queries.forEach((q, i) => {
    panel.withTarget(target({ ...q, instant: true }, i))
  })
  return sized(panel, size)
}

/** Horizontal bars, one per series (e.g. PSI per feature). */
export function bars(title: string, queries: Query[], size: Size = {}) {
  const panel = new bargauge.PanelBuilder()
    .title(title)
    .datasource(DATASOURCE)
    .orientation(common.VizOrientation.Horizontal)
  queries.forEach((q, i) => {
    panel.withTarget(target({ ...q, instant: true }, i))
  })
  return sized(panel, size)
}

/** A heatmap of histogram buckets over time. */
export function heat(title: string, query: Query, size: Size = {}) {
  const panel = new heatmap.PanelBuilder()
    .title(title)
    .datasource(DATASOURCE)
    .withTarget(target({ ...query, heatmap: true }, 0))
  return sized(panel, size)
}

/** The `role` variable (api, ui…), from the roles Prometheus scrapes. */
export function roleVariable() {
  return new dashboard.QueryVariableBuilder('role')
    .label('Role')
    .datasource(DATASOURCE)
    .query('label_values(up{job="predictiondex"}, role)')
    .includeAll(true)
    .allValue('.*')
    .multi(true)
    .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
}

/** A dashboard with the project's defaults: tagged, last 6 hours, refreshed every 30 s. */
export function board(uid: string, title: string, description: string) {
  return new dashboard.DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(['predictiondex'])
    .time({ from: 'now-6h', to: 'now' })
    .refresh('30s')
    .timezone('browser')
    .editable()
}

export { dashboard }
