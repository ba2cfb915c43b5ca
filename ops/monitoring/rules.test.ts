import { describe, expect, test } from 'bun:test'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { extractRefs } from './promql.ts'
import { loadAlertExpectations, loadRules } from './rules.ts'

// The alerting rules' own contract, read from the files promtool and Prometheus use: every alert
// is labelled for routing and inhibition, says what to do, and is made both to fire and not to
// fire by the promtool unit tests (which CI runs with the real promtool).

const { alerts, records } = loadRules()
const expectations = loadAlertExpectations()
const alertmanager = parse(
  readFileSync(join(import.meta.dir, '..', 'alertmanager', 'alertmanager.yml'), 'utf8'),
) as {
  inhibit_rules: { source_matchers: string[]; target_matchers: string[]; equal?: string[] }[]
  route: { routes: { matchers: string[]; receiver: string }[] }
}
const SEVERITIES = ['critical', 'warning', 'info']
const COMPONENTS = ['app', 'batch', 'host', 'monitoring']

describe('alerting rules', () => {
  test('there is an alert for each condition the service must watch', () => {
    expect(alerts.map((a) => a.alert).sort()).toEqual(
      [
        'AuthFailureSurge',
        'ErrorBudgetBurnFast',
        'ErrorBudgetBurnSlow',
        'EtlStale',
        'FeatureDriftHigh',
        'HostDiskFillingUp',
        'HostDiskSpaceLow',
        'HostMemoryLow',
        'ModelChanged',
        'MonitoringTargetDown',
        'NoModelLoaded',
        'PredictionDexTargetDown',
        'PredictionLatencyBudgetBurnFast',
        'PredictionLatencyBudgetBurnSlow',
        'RateLimitSurge',
        'StageFailed',
        'TrainingStale',
      ].sort(),
    )
  })

  test.each(alerts.map((a) => [a.alert, a] as const))(
    '%s has a severity, a component, a summary and a runbook line',
    (_name, alert) => {
      expect(SEVERITIES).toContain(alert.labels.severity ?? '')
      expect(COMPONENTS).toContain(alert.labels.component ?? '')
      expect(alert.annotations.summary?.length ?? 0).toBeGreaterThan(10)
      expect(alert.annotations.runbook?.length ?? 0).toBeGreaterThan(20)
    },
  )

  test.each(alerts.map((a) => [a.alert] as const))(
    '%s is made to fire and not to fire by a promtool unit test',
    (name) => {
      const mine = expectations.filter((e) => e.alertname === name)
      expect(
        mine.some((e) => e.firing > 0),
        `${name} fires somewhere`,
      ).toBe(true)
      expect(
        mine.some((e) => e.firing === 0),
        `${name} stays quiet somewhere`,
      ).toBe(true)
    },
  )

  test('docs/operations.md explains every alert under its own heading, and no other', () => {
    const docs = readFileSync(join(import.meta.dir, '..', '..', 'docs', 'operations.md'), 'utf8')
    const headings = [...docs.matchAll(/^### ([A-Za-z]+)$/gm)].map((m) => m[1])
    expect(headings.sort()).toEqual(alerts.map((a) => a.alert).sort())
  })

  test('unit tests only name alerts that exist', () => {
    const names = new Set(alerts.map((a) => a.alert))
    for (const e of expectations) expect(names.has(e.alertname), `${e.file}: ${e.alertname}`).toBe(true)
  })

  test('recording rules are named level:metric:operation', () => {
    for (const r of records) expect(r.record).toMatch(/^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/)
  })
})

describe('alertmanager routing and inhibition', () => {
  const matcherValue = (matchers: readonly string[], label: string) =>
    matchers.map((m) => new RegExp(`^${label}="(.*)"$`).exec(m)?.[1]).find((v) => v !== undefined)

  test('every severity an alert uses has its own route', () => {
    const routed = alertmanager.route.routes.map((r) => matcherValue(r.matchers, 'severity'))
    for (const severity of new Set(alerts.map((a) => a.labels.severity))) expect(routed).toContain(severity)
  })

  test('inhibition rules name alerts and components that exist, and equal labels the alerts carry', () => {
    const names = new Set(alerts.map((a) => a.alert))
    const components = new Set(alerts.map((a) => a.labels.component))
    for (const rule of alertmanager.inhibit_rules) {
      const source = matcherValue(rule.source_matchers, 'alertname')
      if (source !== undefined) expect(names.has(source), source).toBe(true)
      const component = matcherValue(rule.target_matchers, 'component')
      if (component !== undefined) expect(components.has(component), component).toBe(true)
    }
    // PredictionDexTargetDown inhibits by role: every app alert keeps the role label (it does
    // not aggregate, or it keeps role in every by clause).
    for (const alert of alerts.filter((a) => a.labels.component === 'app')) {
      const { groupingLabels } = extractRefs(alert.expr)
      const aggregates = /\b(sum|max|min|count|avg)\b/.test(alert.expr)
      expect(!aggregates || groupingLabels.includes('role'), alert.alert).toBe(true)
    }
  })
})
