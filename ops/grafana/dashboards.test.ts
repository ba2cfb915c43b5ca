import { describe, expect, test } from 'bun:test'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { loadRules } from '../monitoring/rules.ts'
import { committedQueries, DASHBOARD_DIR } from './dashboards.ts'
import { DASHBOARDS, renderDashboard } from './src/index.ts'

// Dashboards are code (src/, Grafana Foundation SDK); the JSON Grafana loads is generated and
// committed. These tests fail when the JSON is stale, and check the dashboards against the
// provisioning files and the recording rules. (Their PromQL is checked against real series in
// ../monitoring/promql-inventory.test.ts, and run against a live Prometheus by e2e.ts.)

const provisioning = join(import.meta.dir, 'provisioning')

describe('dashboards as code', () => {
  test.each(Object.keys(DASHBOARDS))('%s is up to date with its source (run: bun run dashboards)', (name) => {
    const committed = readFileSync(join(DASHBOARD_DIR, name), 'utf8')
    expect(committed).toBe(renderDashboard(name as keyof typeof DASHBOARDS))
  })

  test('no committed dashboard lacks a source, and every uid is unique', () => {
    expect(readdirSync(DASHBOARD_DIR).sort()).toEqual(Object.keys(DASHBOARDS).sort())
    const uids = Object.values(DASHBOARDS).map((build) => build().build().uid)
    expect(new Set(uids).size).toBe(uids.length)
  })

  test('every query uses the provisioned Prometheus datasource', () => {
    const datasources = parse(readFileSync(join(provisioning, 'datasources', 'prometheus.yml'), 'utf8')) as {
      datasources: { uid: string; type: string; url: string }[]
    }
    const [prometheus] = datasources.datasources
    expect(prometheus).toMatchObject({ uid: 'prometheus', type: 'prometheus', url: 'http://prometheus:9090' })
    for (const name of Object.keys(DASHBOARDS)) {
      const text = readFileSync(join(DASHBOARD_DIR, name), 'utf8')
      const uids = [...text.matchAll(/"uid": "([^"]+)"/g)].map((m) => m[1])
      expect(
        uids.filter((u) => !u?.startsWith('predictiondex-')).every((u) => u === 'prometheus'),
        name,
      ).toBe(true)
    }
    const providers = parse(readFileSync(join(provisioning, 'dashboards', 'predictiondex.yml'), 'utf8')) as {
      providers: { options: { path: string } }[]
    }
    expect(providers.providers[0]?.options.path).toBe('/var/lib/grafana/dashboards')
  })

  test('the five dashboards the operators need exist, each with queries', () => {
    const queries = committedQueries()
    const titles = new Set(queries.map((q) => q.dashboard))
    expect([...titles].sort()).toEqual(
      [
        'PredictionDex · API and web app',
        'PredictionDex · Data and training',
        'PredictionDex · Feature drift',
        'PredictionDex · Host',
        'PredictionDex · Predictions',
      ].sort(),
    )
    expect(queries.every((q) => q.expr.length > 0)).toBe(true)
  })

  test('every recording rule is used by an alert or a dashboard', () => {
    const { alerts, records } = loadRules()
    const used = [...alerts.map((a) => a.expr), ...committedQueries().map((q) => q.expr)].join('\n')
    const unused = records.map((r) => r.record).filter((name) => !used.includes(name))
    expect(unused).toEqual([])
  })
})
