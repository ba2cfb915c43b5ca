import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'

/** The Prometheus configuration folder (mounted at /etc/prometheus in compose). */
export const PROMETHEUS_DIR = join(import.meta.dir, '..', 'prometheus')

export interface AlertRule {
  alert: string
  expr: string
  for?: string
  labels: Record<string, string>
  annotations: Record<string, string>
}
export interface RecordingRule {
  record: string
  expr: string
}

/**
 * Reads every rule file of `ops/prometheus/rules`.
 *
 * @example
 * const { alerts, records } = loadRules()
 */
export function loadRules(dir = join(PROMETHEUS_DIR, 'rules')): {
  alerts: AlertRule[]
  records: RecordingRule[]
} {
  const alerts: AlertRule[] = []
  const records: RecordingRule[] = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml'))) {
    const doc = parse(readFileSync(join(dir, file), 'utf8')) as {
      groups: { rules: (Partial<AlertRule> & Partial<RecordingRule>)[] }[]
    }
    for (const rule of doc.groups.flatMap((g) => g.rules)) {
      if (rule.alert) {
        alerts.push({ labels: {}, annotations: {}, ...rule, alert: rule.alert, expr: String(rule.expr) })
      } else if (rule.record) records.push({ record: rule.record, expr: String(rule.expr) })
    }
  }
  return { alerts, records }
}

/** One `alert_rule_test` entry of a promtool unit test file. */
export interface AlertExpectation {
  file: string
  alertname: string
  evalTime: string
  firing: number
}

/** Every alert expectation in `ops/prometheus/tests/*.test.yml`. */
export function loadAlertExpectations(dir = join(PROMETHEUS_DIR, 'tests')): AlertExpectation[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.yml'))
    .flatMap((file) => {
      const doc = parse(readFileSync(join(dir, file), 'utf8')) as {
        tests: { alert_rule_test?: { alertname: string; eval_time: string; exp_alerts?: unknown[] }[] }[]
      }
      return doc.tests.flatMap((t) =>
        (t.alert_rule_test ?? []).map((a) => ({
          file,
          alertname: a.alertname,
          evalTime: a.eval_time,
          firing: a.exp_alerts?.length ?? 0,
        })),
      )
    })
}
